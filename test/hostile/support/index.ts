import { readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { libraryOutline, type LibraryOutline, type PaperOutline, type SummaryOutline } from '../../../src/core/records/outline.js'
import { entriesAt, sortedPairs } from '../../../src/core/records/entries.js'
import { Listing } from '../../../src/core/records/listing.js'
import { matchingPairs } from '../../../src/core/records/listing-filter.js'
import { outlineStats } from '../../../src/core/stats/stats.js'
import { SORT_ORDERS } from '../../../src/store/index/contents.js'
import { FileStore } from '../../../src/store/file-store.js'
import { fileIdentity } from '../../../src/store/index/identity.js'
import { IndexFile } from '../../../src/store/index/index-file.js'
import { buildIndex } from '../../../src/store/index/build.js'
import { encodeIndex } from '../../../src/store/index/encode-index.js'
import { placesInText } from '../../../src/store/index/places.js'
import { LibraryFile } from '../../../src/store/library-file.js'
import { indexPath } from '../../../src/store/index/location.js'
import { readRecordsAt } from '../../../src/store/index/record-reader.js'
import { readNamed, readOutline, readRecords, resolveNamed } from '../../../src/store/outline-reads.js'
import { backlinks, CitationResolver } from '../../../src/core/citations/citations.js'
import { PrecisError } from '../../../src/core/errors.js'
import type { Library, Paper, Summary } from '../../../src/core/model.js'
import { resolveHandle, type Resolved } from '../../../src/core/records/handles.js'
import { tempDir } from '../../support/context.js'

/** A library path in a fresh folder, and a cache folder of its own for its index. */
export function libraryWithCache(): { library: string; cache: string } {
  const dir = tempDir('precis-index-')
  return { library: join(dir, 'library.json'), cache: join(dir, 'cache') }
}

/** The real file store on `library`, keeping its index in `cache` (as every command does). */
export function indexedStore(library: string, cache: string): FileStore {
  return new FileStore(library, 2_000, undefined, () => undefined, { cacheDir: cache })
}

/** The same store without an index: what a process that dies before writing the index leaves, and the reference reads. */
export function plainStore(library: string): FileStore {
  return new FileStore(library, 2_000, undefined, () => undefined)
}

/** Where the index of `library` is kept in `cache`. */
export function indexFileName(library: string, cache: string): string {
  return indexPath(cache, realpathSync(library))
}

/**
 * True when the index in `cache` is current for `library` as it is now and whole: the next read
 * answers from it. (Its columns are checked as they are decoded, so each is decoded here.)
 */
export function indexIsCurrent(library: string, cache: string): boolean {
  const target = realpathSync(library)
  const contents = new IndexFile(indexPath(cache, target), target).load(fileIdentity(target))
  if (!contents) return false
  try {
    // Each part read, each field of every record (a view's fields are decoded one column at a time) and each order (likewise).
    const { papers, summaries, orders, names, ...rest } = contents
    JSON.stringify([papers, summaries, orders])
    // Each chunk of the name table is checked when a lookup first reaches it: every name looked at.
    for (let n = 0; n < names.count; n++) names.entry(n)
    return Object.values(rest).every((part) => part !== undefined)
  } catch {
    return false // a column that is damaged or not what precis writes
  }
}

/** The bytes of the index of `library` in `cache` as saved, and those of the index built whole from the library file as it is now. */
export function savedAndBuiltWhole(library: string, cache: string): { saved: Buffer; whole: Buffer } {
  const target = realpathSync(library)
  const { library: records, bytes } = new LibraryFile(target).readNow()
  const placed = records && bytes && placesInText(records, bytes)
  if (!placed) throw new Error(`${library} is not a library precis reads record by record`)
  return { saved: readFileSync(indexPath(cache, target)), whole: encodeIndex(buildIndex(placed, target, fileIdentity(target)!)) }
}

/**
 * Every record of `library` read from where its current index says it lies (no fallback to a
 * whole read, which would hide a wrong place); null when the index is not current or a place is wrong.
 */
export function recordsAtIndexedPlaces(library: string, cache: string): Answers['records'] | null {
  const target = realpathSync(library)
  const contents = new IndexFile(indexPath(cache, target), target).load(fileIdentity(target))
  const picked =
    contents &&
    readRecordsAt(
      target,
      contents,
      contents.papers.map((p) => p.key),
      contents.summaries.map((s) => s.id),
    )
  return picked && { papers: [...picked.papers.values()], summaries: [...picked.summaries.values()] }
}

/** Everything reads take from the outline and the records it points to, as plain data to compare. */
export interface Answers {
  papers: unknown[]
  summaries: unknown[]
  trashIds: readonly string[]
  words: readonly number[]
  cites: readonly (readonly string[])[]
  tagCounts: readonly unknown[]
  /** The ids `list` gives in each order, and what `stats` says. */
  orders: string[][]
  /** `list`'s piped output in each order, whole and its first two rows, and of the entries of one paper (a filter). */
  listed: string[]
  /** The entries `year:>=2017` and `year:<=2016` list. */
  dated: string[][]
  /** The ids `list tag:<tag>` gives for each tag counted, a parent of none and a tag of none. */
  tagged: string[][]
  stats: unknown
  records: { papers: unknown[]; summaries: unknown[] }
  /** What `show` finds by name: each handle resolved, each citation key's paper, each paper's citing summaries. */
  named: unknown[]
}

/** Handles and citation keys to look up, beyond every key and id: prefixes, other cases, nothing. */
const MORE_NAMES = ['g', 'gil', 'GILMER2017NEURAL', 'kipf', 'KIPF2017SEMI-2', 'v', 'nothing', 'gone']

/** Where `show` looks records up by name: through the index's name table, or in the library itself. */
interface NameLookups {
  resolve(handle: string): Resolved
  cited(key: string): Paper | null
  citing(key: string): { summary: Summary; paper: Paper }[]
}

function namedAnswers(outline: LibraryOutline, lookups: NameLookups): unknown[] {
  const names = [...outline.papers.map((p) => p.key), ...outline.summaries.map((s) => s.id), ...MORE_NAMES]
  const resolved = (handle: string) => {
    try {
      const found = lookups.resolve(handle)
      return { paper: found.paper, summaries: found.summaries }
    } catch (error) {
      if (!(error instanceof PrecisError)) throw error
      return { error: error.message, details: error.details }
    }
  }
  return names.map((name) => ({ name, resolved: resolved(name), cited: lookups.cited(name), citing: lookups.citing(name) }))
}

/** The lookups of a library read whole. */
function wholeLookups(lib: Library): NameLookups {
  const resolver = new CitationResolver(lib)
  const byKey = new Map(lib.papers.map((p) => [p.key, p]))
  return {
    resolve: (handle) => resolveHandle(lib, handle),
    cited: (key) => resolver.resolve(key) as Paper | null,
    citing: (key) =>
      (backlinks(lib, [key], resolver).get(key) ?? []).flatMap((summary) => {
        const paper = byKey.get(summary.paper)
        return paper ? [{ summary, paper }] : []
      }),
  }
}

function answersOf(outline: LibraryOutline, records: Awaited<ReturnType<typeof readRecords>>, named: unknown[]): Answers {
  return {
    papers: outline.papers.map(({ key, title, authors, year, venue, arxiv, category, doi, url, added, state, priority }) => ({
      key,
      title,
      authors,
      year,
      venue,
      arxiv,
      category,
      doi,
      url,
      added,
      state,
      priority,
    })),
    summaries: outline.summaries.map(({ id, paper, by, tags, created, updated }) => ({ id, paper, by, tags, created, updated })),
    trashIds: outline.trashIds,
    words: outline.wordCounts(),
    cites: outline.citedKeys(),
    tagCounts: outline.tagCounts(),
    orders: SORT_ORDERS.map((order) => entriesAt(outline, sortedPairs(outline, order)).map((entry) => entry.id)),
    listed: SORT_ORDERS.flatMap((order) => {
      const listing = new Listing(outline, sortedPairs(outline, order))
      return [plainOutput(listing), plainOutput(listing.first(2))]
    }).concat(plainOutput(new Listing(outline, onePaper(sortedPairs(outline, 'title'))))),
    tagged: [...outline.tagCounts().map(({ tag }) => tag), 'nothing', 'ml/nothing'].map((tag) => {
      const pairs = matchingPairs(outline, sortedPairs(outline, 'added'), {
        clauses: [{ anyOf: [{ term: { kind: 'tag', tag }, negated: false, column: 1 }] }],
        openEnded: false,
      })
      return entriesAt(outline, pairs!).map((entry) => entry.id)
    }),
    // The years as the index keeps them (paperYears), filtered from either end.
    dated: (['from', 'to'] as const).map((end) => {
      const term = { kind: 'year' as const, from: end === 'from' ? 2017 : null, to: end === 'to' ? 2016 : null }
      const pairs = matchingPairs(outline, sortedPairs(outline, 'added'), {
        clauses: [{ anyOf: [{ term, negated: false, column: 1 }] }],
        openEnded: false,
      })
      return entriesAt(outline, pairs!).map((entry) => entry.id)
    }),
    stats: outlineStats(outline, 3),
    records: { papers: [...records.papers.values()], summaries: [...records.summaries.values()] },
    named,
  }
}

/** What `list` writes of `listing` when piped. */
function plainOutput(listing: Listing): string {
  let text = ''
  listing.writePlain((piece) => (text += typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8')))
  return text
}

/** The pairs of `pairs` (sortedPairs) whose paper is the last pair's: a listing of some entries, out of the order rows are kept in. */
function onePaper(pairs: ArrayLike<number>): number[] {
  const paper = pairs[pairs.length - 1]
  const kept: number[] = []
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1] === paper) kept.push(pairs[i]!, pairs[i + 1]!)
  return kept
}

/** What `store` answers: its outline, and every record read through it. */
export async function answersFrom(store: FileStore): Promise<Answers> {
  const outline = await readOutline(store)
  const records = await readRecords(
    store,
    outline,
    outline.papers.map((p) => p.key),
    outline.summaries.map((s) => s.id),
  )
  const named = await readNamed(store, outline)
  // What the outline resolves a handle to, whole: as show reads it.
  const whole = (found: Resolved<PaperOutline, SummaryOutline>): Resolved => ({
    paper: records.papers.get(found.paper.key) ?? (found.paper as Paper), // a stand-in for a missing paper
    summaries: found.summaries.map((s) => records.summaries.get(s.id)!),
  })
  // Where the name table cannot answer, show answers from the outline (as from the library read whole).
  const library = wholeLookups(await store.read())
  const lookups: NameLookups = named
    ? {
        resolve: (handle) => resolveNamed(named, outline, handle) ?? whole(resolveHandle(outline, handle)),
        cited: (key) => {
          const paper = named.cited(key)
          return paper === undefined ? library.cited(key) : paper
        },
        citing: (key) => named.citing(key) ?? library.citing(key),
      }
    : library
  return answersOf(outline, records, namedAnswers(outline, lookups))
}

/**
 * The fresh answers of the library texts seen last: the same text parses to the same answers, and
 * a test file compares many indexes of one library (each damaged another way) with its parse.
 */
const freshAnswersByText = new Map<string, Answers>()
const FRESH_ANSWERS_KEPT = 8

/** The answers of a fresh parse of the whole library, with no index anywhere. */
export async function freshAnswers(library: string): Promise<Answers> {
  const text = readFileSync(library, 'utf8')
  const known = freshAnswersByText.get(text)
  if (known) return known
  const answers = await parsedAnswers(library)
  if (freshAnswersByText.size === FRESH_ANSWERS_KEPT) freshAnswersByText.delete(freshAnswersByText.keys().next().value!)
  freshAnswersByText.set(text, answers)
  return answers
}

async function parsedAnswers(library: string): Promise<Answers> {
  const lib = await plainStore(library).read()
  const outline = libraryOutline(lib)
  return answersOf(
    outline,
    { papers: new Map(lib.papers.map((p) => [p.key, p])), summaries: new Map(lib.summaries.map((s) => [s.id, s])) },
    namedAnswers(outline, wholeLookups(lib)),
  )
}
