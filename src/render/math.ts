/**
 * TeX to Unicode through a real TeX parser: temml turns the TeX into MathML, which is then
 * flattened to text (mathml-text.ts). TeX that temml rejects, or that has no faithful Unicode
 * form, comes back unchanged with `faithful: false` so the renderer can show it as TeX.
 */
import temml from 'temml'
import { parseMathML } from './mathml.js'
import { mathmlToText } from './mathml-text.js'

export interface UnicodeMath {
  /** Unicode text, or the original TeX when `faithful` is false. */
  text: string
  /** False when the TeX was rejected or has no faithful Unicode form. */
  faithful: boolean
}

/** Longer TeX is shown as written: no summary needs it, and parsing it costs time. */
const MAX_TEX_LENGTH = 4000
const CACHE_SIZE = 2000
const cache = new Map<string, UnicodeMath>()

/** Converts one TeX formula (without its delimiters) to Unicode text. */
export function texToUnicode(tex: string, display: boolean): UnicodeMath {
  const key = (display ? 'D' : 'I') + tex
  const cached = cache.get(key)
  if (cached) return cached
  const result = convert(tex, display)
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  cache.set(key, result)
  return result
}

function convert(tex: string, display: boolean): UnicodeMath {
  const asWritten = { text: tex, faithful: false }
  if (tex.trim() === '' || tex.length > MAX_TEX_LENGTH) return asWritten
  try {
    const markup = temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false })
    const text = mathmlToText(parseMathML(markup), display)
    return text === '' ? asWritten : { text, faithful: true }
  } catch {
    // temml's ParseError, NoUnicodeForm, or a stack overflow on absurdly nested input: all mean
    // "show the TeX as written".
    return asWritten
  }
}
