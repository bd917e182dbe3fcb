/**
 * `precis related` output: on a terminal, one block per paper (score, key, year, title, then why
 * it is related, wrapped under it); piped, one tab-separated line per paper.
 */
import type { ChalkInstance } from 'chalk'
import { describeReasons, type RelatedPaper } from '../../core/related/related.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { fitTo } from '../../render/fit.js'
import { indent, wrapText } from '../../render/wrap.js'
import { largest } from '../../core/lists.js'

function oneLine(text: string): string {
  return sanitizeTerminal(text.replace(/\s+/g, ' ').trim())
}

/** Piped: key, score (3 decimals), year, title and reasons, tab-separated. */
export function formatRelatedPlain(related: readonly RelatedPaper[], key: string): string {
  return related
    .map(
      (r) =>
        [r.paper.key, r.score.toFixed(3), r.paper.year ?? '', r.paper.title, describeReasons(r.reasons, key)]
          .map((f) => oneLine(String(f)))
          .join('\t') + '\n',
    )
    .join('')
}

/** Terminal: score, key, year and title on one line fitted to `width`, the reasons wrapped below. */
export function formatRelated(related: readonly RelatedPaper[], key: string, width: number, style: ChalkInstance): string {
  const keyWidth = Math.min(largest(related.map((r) => oneLine(r.paper.key).length)), Math.floor(width / 3))
  const lead = 6 // "0.84  "
  return related
    .map((r) => {
      const year = String(r.paper.year ?? '—')
      const titleWidth = Math.max(10, width - lead - keyWidth - 2 - year.length - 2)
      const head = `${style.dim(r.score.toFixed(2))}  ${style.cyan(fitTo(oneLine(r.paper.key), keyWidth))}  ${style.dim(year)}  ${fitTo(oneLine(r.paper.title), titleWidth).trimEnd()}`
      const why = indent(wrapText(oneLine(describeReasons(r.reasons, key)), width - lead), ' '.repeat(lead))
      return `${head}\n${style.dim(why)}\n`
    })
    .join('')
}
