import type { ChalkInstance } from 'chalk'
import type { Entry } from '../core/records.js'
import { sanitizeTerminal } from '../sanitize.js'

/** Single-line display text: sanitised, with line breaks and tabs folded to spaces. */
export function oneLine(text: string): string {
  return sanitizeTerminal(text.replace(/[\r\n\t]+/g, ' '))
}

function fit(text: string, width: number): string {
  const chars = [...text]
  if (chars.length <= width) return text + ' '.repeat(width - chars.length)
  return chars.slice(0, Math.max(0, width - 1)).join('') + '…'
}

function tagText(entry: Entry): string {
  if (!entry.summary) return '(to summarise)'
  return entry.summary.tags.map((t) => `#${t}`).join(' ')
}

/** Piped output: one tab-separated line per entry (id, year, title, tags comma-separated). */
export function formatRowsPlain(entries: readonly Entry[]): string {
  return entries
    .map((e) => [e.id, e.paper.year ?? '', e.paper.title, e.summary ? e.summary.tags.join(',') : ''].map((f) => oneLine(String(f))).join('\t') + '\n')
    .join('')
}

/** Terminal output: aligned columns fitted to `width`, id and tags styled. */
export function formatRowsTable(entries: readonly Entry[], width: number, style: ChalkInstance): string {
  const idWidth = Math.min(32, Math.max(2, ...entries.map((e) => [...oneLine(e.id)].length)))
  return entries
    .map((e) => {
      const tags = oneLine(tagText(e))
      const titleWidth = Math.max(10, width - idWidth - 6 - 2 - Math.min([...tags].length, 30) - 2)
      const line = [
        style.cyan(fit(oneLine(e.id), idWidth)),
        style.dim(fit(String(e.paper.year ?? '—'), 4)),
        fit(oneLine(e.paper.title), titleWidth),
        style.yellow(fit(tags, Math.min([...tags].length, 30))),
      ].join('  ')
      return line.trimEnd() + '\n'
    })
    .join('')
}
