/**
 * Numbers about a library for `precis stats`: pure computation, rendered by commands/stats/view.ts.
 * Words are counted as `wc -w` would, skipping runs without a letter or digit (a lone `-` or `$$`).
 */
import type { Library } from '../model.js'
import { libraryOutline, type LibraryOutline, type PaperOutline } from '../records/outline.js'
import { libraryEntries, type OutlineEntry } from '../records/entries.js'
import { sortTagCounts } from '../tags/counts.js'
import type { CitedPaper, LibraryStats, NamedCount, SummaryLength, YearCount } from './stats-types.js'

export type { CitedPaper, LibraryStats, NamedCount, SummaryLength, YearCount }

export { countWords } from './word-count.js'

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

/** `stats` with at most `limit` rows in each top list (the rows of a longer list are the same, in the same order). */
export function withTop(stats: LibraryStats, limit: number): LibraryStats {
  const { topTags, topVenues, longest, mostCited } = stats
  return {
    ...stats,
    topTags: topTags.slice(0, limit),
    topVenues: topVenues.slice(0, limit),
    longest: longest.slice(0, limit),
    mostCited: mostCited.slice(0, limit),
  }
}

/**
 * Each summary's paper (undefined: it names none), from the library's entries (libraryEntries), which
 * list the summaries of papers in library order with their papers before the papers without one.
 */
function papersOfSummaries(lib: LibraryOutline, entries: readonly OutlineEntry[]): (PaperOutline | undefined)[] {
  const papers: (PaperOutline | undefined)[] = []
  let next = 0
  for (const s of lib.summaries) papers.push(entries[next]?.summary === s ? entries[next++]!.paper : undefined)
  return papers
}

/** The title of each paper key in `keys`, the last paper's when two share a key (as a map of every paper would say). */
function titlesOf(papers: readonly PaperOutline[], keys: ReadonlyMap<string, unknown>): Map<string, string> {
  const titles = new Map<string, string>()
  if (keys.size > 0) for (const paper of papers) if (keys.has(paper.key)) titles.set(paper.key, paper.title)
  return titles
}

/**
 * The statistics of a library from its outline (bodies are needed only through its word counts and
 * citations), or as its index computed them when it was built. `entries`: libraryEntries of `lib`,
 * when made already (an index build has them): each summary's paper is taken from them, no map of
 * the papers made.
 */
export function outlineStats(lib: LibraryOutline, limit = 10, entries?: readonly OutlineEntry[]): LibraryStats {
  const known = lib.stats?.(limit)
  if (known) return known
  const all = entries ?? libraryEntries(lib)
  const paperOf = papersOfSummaries(lib, all)
  const words = lib.wordCounts()
  const lengths = lib.summaries.map((s, i) => ({ id: s.id, title: paperOf[i]?.title ?? s.paper, words: words[i]! }))
  const years = paperOf.map((paper) => paper?.year ?? null)
  const tags = sortTagCounts(lib.tagCounts(), 'count').slice(0, limit)
  const citing = new Map<string, number>()
  for (const keys of lib.citedKeys()) for (const key of keys) citing.set(key, (citing.get(key) ?? 0) + 1)
  const titles = titlesOf(lib.papers, citing)
  const cited = [...citing].map(([key, count]) => ({ key, title: titles.get(key)!, citedBy: count }))
  return {
    papers: lib.papers.length,
    summaries: lib.summaries.length,
    words: lengths.reduce((sum, s) => sum + s.words, 0),
    toSummarise: all.filter((e) => e.summary === null).length,
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
