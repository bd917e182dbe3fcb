/**
 * Search results for people and for pipes. In a terminal each hit is a short block: id, year and
 * title; authors, venue and tags; one or two snippets with the matched words highlighted. Piped,
 * each hit is one tab-separated line. Everything from the library is sanitised before styling.
 */
import { entryTags } from '../core/tags/paper-tags.js'
import type { ChalkInstance } from 'chalk'
import stringWidth from 'fast-string-width'
import type { Correction, SearchHit } from '../core/search/search.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { formatAuthors } from './header.js'
import { formatSnippet } from './snippet.js'

/** One line of display text: sanitised, line breaks and tabs folded to spaces. */
function oneLine(text: string): string {
  return sanitizeTerminal(text.replace(/[\r\n\t]+/g, ' '))
}

/** `text` cut to `width` columns, with an ellipsis when cut. */
export function fitWidth(text: string, width: number): string {
  if (stringWidth(text) <= width) return text
  let out = ''
  let used = 0
  for (const char of text) {
    const w = stringWidth(char)
    if (used + w > width - 1) break
    out += char
    used += w
  }
  return out + '…'
}

/** Piped output: id, year, title, tags (comma-separated), first snippet; one line per hit. */
export function formatHitsPlain(hits: readonly SearchHit[]): string {
  return hits
    .map((hit) => {
      const fields = [
        hit.id,
        String(hit.paper.year ?? ''),
        hit.paper.title,
        entryTags(hit.paper, hit.summary).join(','),
        hit.snippets[0]?.text ?? '',
      ]
      return fields.map(oneLine).join('\t') + '\n'
    })
    .join('')
}

/** Terminal output: a block per hit, every line within `width` columns. */
export function formatHitsBlocks(hits: readonly SearchHit[], width: number, style: ChalkInstance): string {
  const indent = '  '
  const inner = Math.max(10, width - indent.length)
  return hits
    .map((hit) => {
      const id = fitWidth(oneLine(hit.id), Math.floor(width / 2))
      const year = hit.paper.year === null ? '' : String(hit.paper.year)
      const titleRoom = Math.max(5, width - stringWidth(id) - (year ? year.length + 2 : 0) - 2)
      const first = [style.cyan(id), year ? style.dim(year) : '', style.bold(fitWidth(oneLine(hit.paper.title), titleRoom))]
        .filter(Boolean)
        .join('  ')
      const about = [
        formatAuthors(hit.paper.authors.map(oneLine)),
        hit.paper.venue ? oneLine(hit.paper.venue) : '',
        [...(hit.summary ? [] : ['(to summarise)']), ...entryTags(hit.paper, hit.summary).map((t) => `#${oneLine(t)}`)].join(' '),
      ].filter(Boolean)
      const lines = [first]
      if (about.length > 0) lines.push(indent + style.dim(fitWidth(about.join(' · '), inner)))
      for (const snippet of hit.snippets) lines.push(indent + formatSnippet(snippet, inner, (s) => style.bold.yellow(s)))
      if (hit.missing.length > 0) lines.push(indent + style.dim(fitWidth(`missing: ${hit.missing.map(oneLine).join(', ')}`, inner)))
      return lines.join('\n') + '\n'
    })
    .join('\n')
}

/** What a search also looked for, on one line: `Also searched for: tranformer → transformer, transformers`. */
export function formatCorrections(corrections: readonly Correction[]): string {
  const each = corrections.map(({ word, alternatives }) => `${oneLine(word)} → ${alternatives.map(oneLine).join(', ')}`)
  return `Also searched for: ${each.join('; ')} (not in the library as typed).`
}
