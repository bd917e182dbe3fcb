/** Text and bars fitted to a number of terminal columns, measured by display width (a CJK character takes two). */
import stringWidth from 'fast-string-width'
import { isPrintableAscii } from './wrap.js'

/** Eighths of a cell, for the fractional end of a bar. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']

/** `text` cut to `width` columns with an ellipsis, then padded to exactly `width`. */
export function fitTo(text: string, width: number): string {
  if (width <= 0) return ''
  // Printable ASCII (most text): a column per character, so the cut is a slice.
  if (isPrintableAscii(text)) return text.length <= width ? text + ' '.repeat(width - text.length) : text.slice(0, width - 1) + '…'
  const full = stringWidth(text)
  if (full <= width) return text + ' '.repeat(width - full)
  let cut = ''
  for (const ch of text) {
    if (stringWidth(cut + ch) > width - 1) break
    cut += ch
  }
  return cut + '…' + ' '.repeat(Math.max(0, width - 1 - stringWidth(cut)))
}

/** A bar of `value / max` of `width` cells, in eighths; a non-zero value shows at least a sliver. */
export function bar(value: number, max: number, width: number): string {
  if (value <= 0 || max <= 0 || width <= 0) return ''
  const eighths = Math.max(1, Math.round((value / max) * width * 8))
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]
}
