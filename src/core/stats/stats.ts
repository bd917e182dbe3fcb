/**
 * Numbers about a library for `precis stats`: pure computation, rendered by commands/stats/view.ts.
 * Words are counted as `wc -w` would, skipping runs without a letter or digit (a lone `-` or `$$`).
 */
import type { Library } from '../model.js'
import { libraryOutline, type LibraryOutline, type PaperOutline } from '../records/outline.js'
import { sortTagCounts } from '../tags/counts.js'

export { countWords } from './word-count.js'

/** How many summaries fall in one year. */
export interface YearCount {
  year: number
  count: number
}

/** A name and how often it occurs. */
export interface NamedCount {
  name: string
  count: number
}

/** A summary and its length. */
export interface SummaryLength {
  id: string
  title: string
  words: number
}

/** A paper and how many summaries in the library cite it. */
export interface CitedPaper {
  key: string
  title: string
  citedBy: number
}

export interface LibraryStats {
  papers: number
  summaries: number
  /** Words in all summary bodies. */
  words: number
  /** Papers without a summary yet. */
  toSummarise: number
  /** Summaries by the paper's publication year, oldest first; years between are filled with 0 when the span is short. */
  perYear: YearCount[]
  /** Summaries whose paper has no year. */
  undated: number
  /** Summaries by the year they were written, oldest first. */
  writtenPerYear: YearCount[]
  /** Most used tags, counted as `tag:` finds them (a parent counts the summaries below it). */
  topTags: NamedCount[]
  /** Venues with the most papers; names compared without case, shown as first written. */
  topVenues: NamedCount[]
  longest: SummaryLength[]
  /** Papers cited by the most summaries (at least one). */
  mostCited: CitedPaper[]
}

/** Publication years spanning at most this many are shown with the empty years between. */
const MAX_FILLED_SPAN = 30

function byYear(years: readonly number[], fillGaps: boolean): YearCount[] {
  const counts = new Map<number, number>()
  for (const year of years) counts.set(year, (counts.get(year) ?? 0) + 1)
  const present = [...counts.keys()].sort((a, b) => a - b)
  if (present.length === 0) return []
  const first = present[0]!
  const last = present.at(-1)!
  const all = fillGaps && last - first < MAX_FILLED_SPAN ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : present
  return all.map((year) => ({ year, count: counts.get(year) ?? 0 }))
}

/** Code-point order: the same on every machine, whatever its locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Most frequent first, ties by name. */
function top(counts: Iterable<NamedCount>, limit: number): NamedCount[] {
  return [...counts].sort((a, b) => b.count - a.count || byCodePoint(a.name, b.name)).slice(0, limit)
}

function venues(papers: readonly PaperOutline[], limit: number): NamedCount[] {
  const counts = new Map<string, NamedCount>()
  for (const paper of papers) {
    const venue = paper.venue?.trim().replace(/\s+/g, ' ')
    if (!venue) continue
    const folded = venue.toLowerCase()
    const entry = counts.get(folded) ?? counts.set(folded, { name: venue, count: 0 }).get(folded)!
    entry.count++
  }
  return top(counts.values(), limit)
}

/** The statistics of `lib`, with `limit` rows in each top list. */
export function libraryStats(lib: Library, limit = 10): LibraryStats {
  return outlineStats(libraryOutline(lib), limit)
}

/** The statistics of a library from its outline (bodies are needed only through its word counts and citations). */
export function outlineStats(lib: LibraryOutline, limit = 10): LibraryStats {
  const papers = new Map(lib.papers.map((p) => [p.key, p]))
  const summarised = new Set(lib.summaries.map((s) => s.paper))
  const words = lib.wordCounts()
  const lengths = lib.summaries.map((s, i) => ({ id: s.id, title: papers.get(s.paper)?.title ?? s.paper, words: words[i]! }))
  const years = lib.summaries.map((s) => papers.get(s.paper)?.year ?? null)
  const tags = sortTagCounts(lib.tagCounts(), 'count').slice(0, limit)
  const citing = new Map<string, number>()
  for (const keys of lib.citedKeys()) for (const key of keys) citing.set(key, (citing.get(key) ?? 0) + 1)
  const cited = [...citing].map(([key, count]) => ({ key, title: papers.get(key)!.title, citedBy: count }))
  return {
    papers: lib.papers.length,
    summaries: lib.summaries.length,
    words: lengths.reduce((sum, s) => sum + s.words, 0),
    toSummarise: lib.papers.filter((p) => !summarised.has(p.key)).length,
    perYear: byYear(
      years.filter((y): y is number => y !== null),
      true,
    ),
    undated: years.filter((y) => y === null).length,
    writtenPerYear: byYear(lib.summaries.map((s) => new Date(s.created).getUTCFullYear()).filter(Number.isFinite), true),
    topTags: tags.map((t) => ({ name: t.tag, count: t.count })),
    topVenues: venues(lib.papers, limit),
    longest: [...lengths].sort((a, b) => b.words - a.words || byCodePoint(a.id, b.id)).slice(0, limit),
    mostCited: cited.sort((a, b) => b.citedBy - a.citedBy || byCodePoint(a.key, b.key)).slice(0, limit),
  }
}
