/**
 * `precis stats` on a terminal (headed sections, bar charts of Unicode blocks fitted to the width)
 * and piped (one tab-separated fact per line, for grep and awk). Every string from the library is
 * sanitised, and measured by its display width (a CJK title takes two columns a character).
 */
import type { ChalkInstance } from 'chalk'
import stringWidth from 'fast-string-width'
import type { LibraryStats, NamedCount } from '../../core/stats/stats.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { bar, fitTo } from '../../render/fit.js'
import { largest } from '../../core/lists.js'

const INDENT = '  '

/** One line of display text: sanitised, line breaks folded to spaces. */
function clean(text: string): string {
  return sanitizeTerminal(text.replace(/\s+/g, ' ').trim())
}

interface Row {
  label: string
  count: number
}

/** Labelled bars: label column, bar, count; the longest bar fills what the width leaves. */
function chart(rows: readonly Row[], width: number, style: ChalkInstance): string[] {
  const labelWidth = Math.min(largest(rows.map((r) => stringWidth(r.label))), Math.floor(width / 3))
  const max = largest(rows.map((r) => r.count))
  const barWidth = Math.max(1, width - INDENT.length - labelWidth - 1 - String(max).length - 1)
  return rows.map(({ label, count }) => {
    const drawn = bar(count, max, barWidth)
    const number = count === 0 ? style.dim('0') : String(count)
    return `${INDENT}${fitTo(label, labelWidth)} ${style.cyan(drawn)}${drawn ? ' ' : ''}${number}`
  })
}

function section(title: string, lines: readonly string[], style: ChalkInstance): string {
  return lines.length === 0 ? '' : `${style.bold(title)}\n${lines.join('\n')}\n\n`
}

function namedRows(counts: readonly NamedCount[]): Row[] {
  return counts.map((c) => ({ label: clean(c.name), count: c.count }))
}

/** A column of right-aligned numbers next to left-aligned text, fitted to the width. */
function listing(rows: readonly [string, string, string][], width: number, style: ChalkInstance): string[] {
  const first = Math.min(largest(rows.map((r) => stringWidth(r[0]))), Math.floor(width / 3))
  const second = largest(rows.map((r) => r[1].length))
  const rest = Math.max(10, width - INDENT.length - first - second - 4)
  return rows.map(([id, number, text]) =>
    `${INDENT}${style.cyan(fitTo(id, first))}  ${number.padStart(second)}  ${fitTo(text, rest)}`.trimEnd(),
  )
}

/** The terminal form: sections with bar charts, within `width` columns. */
export function formatStats(stats: LibraryStats, width: number, style: ChalkInstance): string {
  const totals: [string, number][] = [
    ['papers', stats.papers],
    ['summaries', stats.summaries],
    ['words', stats.words],
    ['to summarise', stats.toSummarise],
  ]
  const numberWidth = largest(totals.map(([, n]) => n.toLocaleString('en-US').length))
  const years = stats.perYear.map((y) => ({ label: String(y.year), count: y.count }))
  if (stats.undated > 0) years.push({ label: 'no year', count: stats.undated })
  return [
    section(
      'Library',
      totals.map(([name, n]) => `${INDENT}${name.padEnd(13)}${n.toLocaleString('en-US').padStart(numberWidth)}`),
      style,
    ),
    section('Summaries per publication year', years.length > 0 ? chart(years, width, style) : [], style),
    section(
      'Summaries written per year',
      stats.writtenPerYear.length > 0
        ? chart(
            stats.writtenPerYear.map((y) => ({ label: String(y.year), count: y.count })),
            width,
            style,
          )
        : [],
      style,
    ),
    section('Top tags', stats.topTags.length > 0 ? chart(namedRows(stats.topTags), width, style) : [], style),
    section('Top venues', stats.topVenues.length > 0 ? chart(namedRows(stats.topVenues), width, style) : [], style),
    section(
      'Longest summaries (words)',
      stats.longest.length > 0
        ? listing(
            stats.longest.map((s) => [clean(s.id), String(s.words), clean(s.title)]),
            width,
            style,
          )
        : [],
      style,
    ),
    section(
      'Most cited (by summaries)',
      stats.mostCited.length > 0
        ? listing(
            stats.mostCited.map((p) => [clean(p.key), String(p.citedBy), clean(p.title)]),
            width,
            style,
          )
        : [],
      style,
    ),
  ]
    .join('')
    .replace(/\n\n$/, '\n')
}

/** The piped form: `name<TAB>value` lines, and `kind<TAB>label<TAB>count[<TAB>title]` for the lists. */
export function formatStatsPlain(stats: LibraryStats): string {
  const lines = [
    `papers\t${stats.papers}`,
    `summaries\t${stats.summaries}`,
    `words\t${stats.words}`,
    `to-summarise\t${stats.toSummarise}`,
    `undated\t${stats.undated}`,
    ...stats.perYear.map((y) => `year\t${y.year}\t${y.count}`),
    ...stats.writtenPerYear.map((y) => `written\t${y.year}\t${y.count}`),
    ...stats.topTags.map((t) => `tag\t${clean(t.name)}\t${t.count}`),
    ...stats.topVenues.map((v) => `venue\t${clean(v.name)}\t${v.count}`),
    ...stats.longest.map((s) => `longest\t${clean(s.id)}\t${s.words}\t${clean(s.title)}`),
    ...stats.mostCited.map((p) => `cited\t${clean(p.key)}\t${p.citedBy}\t${clean(p.title)}`),
  ]
  return lines.map((line) => line + '\n').join('')
}
