/**
 * The postings engine against the scan, its reference: seeded random libraries changed by random
 * edits, and random queries of every kind (one word, several, a phrase, a pasted sentence, typos,
 * prefixes, fields, filters, exclusions, OR), each asked of both. They must give the same entries,
 * scores, order, totals, corrections, missing words and snippets; a keystroke sequence too, as
 * browse asks it of one engine kept for the whole run. The postings are asked both built afresh and
 * as a save keeps them: the base built before the edits and a delta of what the edits changed.
 */
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { libraryEntries, outlineEntries, type Entry } from '../../../src/core/records/entries.js'
import type { LibraryOutline } from '../../../src/core/records/outline.js'
import { buildIndex } from '../../../src/store/index/build.js'
import { indexOutline } from '../../../src/store/index/contents.js'
import { decodeIndex } from '../../../src/store/index/format.js'
import { encodeIndex } from '../../../src/store/index/encode-index.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { LibrarySearch, type SearchResult } from '../../../src/core/search/search.js'
import { buildPostings, type Postings } from '../../../src/core/search/postings.js'
import type { PostingsView } from '../../../src/core/search/postings-view.js'
import { compacted } from '../../../src/core/search/postings-delta.js'
import { decodePostings, encodePostings } from '../../../src/store/index/postings-format.js'
import { PostingsSearch, type RankedResult } from '../../../src/core/search/postings-search.js'
import { snippetsOf } from '../../../src/core/search/present.js'
import { tieRanks } from '../../../src/core/search/order.js'
import { sampleOf, type LastWord } from '../../../src/core/search/compile.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'
import { tokenize } from '../../../src/core/text/words.js'
import { tinyLibrary } from './fixture.js'
import { expectEqual } from '../../support/equal.js'
import { COMMON_QUERIES, queriesAbout, randomLibrary, throughSaves, typo, type QueryKind } from '../../support/random-library.js'

/** Its own kinds beside the common ones: a pasted sentence, a prefix, filters with a word or alone, a typo among words. */
const QUERIES: readonly QueryKind[] = [
  ...COMMON_QUERIES,
  ({ random, body: bodyOf }) => {
    const body = bodyOf(20)
    const start = Math.floor(random() * Math.max(1, body.length - 80))
    return body.slice(start, start + 40 + Math.floor(random() * 60)).replace(/["():-]/g, ' ')
  },
  ({ random, word }) => word().slice(0, 3 + Math.floor(random() * 3)),
  ({ random, word }) => `${word()} tag:${pick(random, ['ml', 'physics', 'math', 'ml/gnn'])} year:>=${2005 + Math.floor(random() * 15)}`,
  ({ random }) => pick(random, ['has:math', 'tag:ml', 'year:2010..2020', 'id:p', '']),
  // Filters negated, under OR, and several required at once (answered from an index's tagged entries and years).
  ({ random, word }) =>
    `${pick(random, ['-', ''])}tag:${pick(random, ['ml', 'physics', 'math'])} OR ${pick(random, ['-', ''])}year:<${2005 + Math.floor(random() * 15)} ${pick(random, [word(), ''])}`,
  ({ random }) =>
    `tag:${pick(random, ['ml', 'physics', 'math'])} year:${2000 + Math.floor(random() * 10)}..${2012 + Math.floor(random() * 10)} -tag:ml/gnn`,
  ({ random, word }) => `${typo(random, word())} ${word()} ${word()} ${word()}`,
  // Phrases whose words are in many entries but seldom in a row (most candidates ruled out by the pair signatures).
  ({ word }) => `"${word()} ${word()}"`,
  ({ word }) => `"${word()} ${word()} ${word()}"`,
  // A run of a body's words, longer, in capitals, another form of a word (the same stem), or cut short (a prefix as typed).
  ({ random, body: bodyOf }) => {
    const body = bodyOf(8)
    const tokens = tokenize(body)
    const from = Math.floor(random() * Math.max(1, tokens.length - 5))
    const words = tokens.slice(from, from + 2 + Math.floor(random() * 4)).map((t) => body.slice(t.start, t.end))
    const last = words.length - 1
    const changed = pick(random, [
      () => words.map((w) => w.toUpperCase()),
      () => words.map((w, i) => (i === last ? `${w}s` : w)),
      () => words.map((w, i) => (i === 0 ? w.replace(/s$/, '') : w)),
      () => words.map((w, i) => (i === last ? w.slice(0, Math.max(1, w.length - 2)) : w)),
      () => words,
    ])()
    return `"${changed.join(' ')}"`
  },
]

/** The index engine's answer in the scan's shape (snippets from the bodies, as the search command reads them). */
function fromPostings(entries: readonly Entry[], ranked: RankedResult, snippets: number): SearchResult {
  return {
    hits: ranked.hits.map((hit) => {
      const entry = entries[hit.position]!
      const body = entry.summary ? entry.summary.body : (entry.paper.abstract ?? '')
      return { ...entry, score: hit.score, snippets: snippetsOf(body, ranked.patterns, snippets, 180), missing: hit.missing }
    }),
    total: ranked.total,
    corrections: ranked.corrections,
  }
}

/**
 * Postings a search is asked of (each query's engine made afresh from them, or one engine kept for
 * every query): built afresh (the default), as a save keeps them, and so on. `outline`: over the
 * outline of the library's index, as a search reads it (its tagged entries and years answer filters).
 */
interface Source {
  name: string
  postings?: () => Postings | PostingsView
  outline?: () => LibraryOutline
}

/** Each query asked of the scan and of an engine over each of `sources`; the scan's answer, computed once, is what each must give. */
function compare(
  library: Library,
  queries: string[],
  lastWord: LastWord,
  shared: boolean,
  seed: number,
  sources: readonly Source[] = [{ name: 'built' }],
): void {
  const entries = libraryEntries(library)
  // Built afresh once for all the queries (an engine reads them, never changes them).
  const built = buildPostings(libraryEntries(library))
  let scan = new LibrarySearch(entries)
  // Kept for every query, as browse keeps it, and prepared as browse prepares it (ties then ranked ahead);
  // else made for each, with the ranks of ties an index keeps (when every time is one precis writes).
  const made = ({ postings = () => built, outline }: Source) => {
    const ties = shared ? null : tieRanks(entries)
    const read = outline?.()
    return read
      ? new PostingsSearch(postings(), outlineEntries(read), ties, read)
      : new PostingsSearch(postings(), libraryEntries(library), ties)
  }
  let engines = sources.map(made)
  if (shared) for (const engine of engines) engine.prepare()
  for (const text of queries) {
    if (!shared) {
      scan = new LibrarySearch(entries)
      engines = sources.map(made)
    }
    let query
    try {
      query = parseQuery(text, 'pasted')
    } catch {
      continue // a half-typed field value (`year:>=`): refused before any search
    }
    if (!PostingsSearch.answers(query)) continue
    const limit = pick(seeded(text.length + seed), [1, 5, 20, 50])
    const expected = scan.search(query, { limit, lastWord })
    engines.forEach((engine, i) => {
      const actual = fromPostings(entries, engine.rank(query, { limit, lastWord }), 2)
      const where = `seed ${seed}, query ${JSON.stringify(text)}, ${lastWord}, postings ${sources[i]!.name}`
      expectEqual(
        actual.hits.map((h) => [h.id, h.score]),
        expected.hits.map((h) => [h.id, h.score]),
        where,
      )
      expectEqual(actual, expected, where)
    })
  }
}

const SEED = seedFromEnv(20)

/** Queries asked of each saved state of a random library: as many as still fail for each mutation BENCHMARKS.md (s42-suite-b) lists. */
const QUERIES_PER_SAVE = 12

/** The outline of `library`'s index, read back from its bytes as a search reads it (afresh at each call). */
function indexedOutline(library: Library): () => LibraryOutline {
  const identity = { dev: '1', ino: '1', size: '1', mtimeNs: '1', ctimeNs: '1' }
  const bytes = encodeIndex(buildIndex({ ...library, paperPlaces: [], summaryPlaces: [] }, '/library.json', identity))
  return () => indexOutline(decodeIndex(bytes)!)
}

/** `postings` as a search reads them from their file (afresh at each call). */
function fromFile(postings: Postings): () => Postings {
  const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
  const bytes = encodePostings({ library: '/library.json', identity, postings })
  return () => {
    const read = decodePostings(bytes)!.postings
    expect(read.lengthSums).toBeDefined()
    return read
  }
}

describe('search from postings gives what the scan gives', () => {
  // As many seeds as still fail for each way of breaking the engine on purpose that BENCHMARKS.md (s37-tests-d) lists.
  for (let run = 0; run < 8; run++) {
    const seed = SEED * 1000 + run
    it(`random library, edits and queries (seed ${seed})`, () => {
      const random = seeded(seed)
      const library = randomLibrary(random, run === 0 ? 430 : 5 + Math.floor(random() * 60))
      // Built afresh, and as saves keep them: one base, and after each save's edits a delta over it.
      throughSaves(random, library, 4, (kept, save) => {
        const query = queriesAbout(library, QUERIES)
        const queries = Array.from({ length: QUERIES_PER_SAVE }, () => query(random))
        const lastWord = pick(random, ['whole', 'prefix', 'typing'] as const)
        // Each state asked of the scan once, and of the postings built afresh and as the save keeps them.
        compare(library, queries, lastWord, run % 2 === 0, seed, [
          { name: 'built' },
          { name: 'kept', postings: () => kept },
          // And compacted into one base, as a search does when the delta has grown past its limit.
          ...(save === 3 ? [{ name: 'compacted', postings: () => compacted(kept) }] : []),
          // And read from a postings file (with the sums of its lengths it keeps: lengthSums).
          ...(save === 2 ? [{ name: 'from a file', postings: fromFile(buildPostings(libraryEntries(library))) }] : []),
          // And over the outline of its index, whose tagged entries and years answer `tag:` and `year:`.
          ...(save === 1 ? [{ name: 'indexed', outline: indexedOutline(library) }] : []),
        ])
      })
    })
  }

  it('ranks ties ahead (browse, prepared) as the scan orders them when every time is one precis writes', () => {
    for (let run = 0; run < 4; run++) {
      const random = seeded(SEED * 13 + run)
      const library = randomLibrary(random, 40 + Math.floor(random() * 120))
      // Day-precise times, many of them equal: the ties fall to the ids.
      for (const s of library.summaries) if (s.updated === 'yesterday') s.updated = new Date(Date.UTC(2024, 2, 3)).toISOString()
      const query = queriesAbout(library, QUERIES)
      const queries = Array.from({ length: 25 }, () => query(random))
      const text = query(random)
      const keystrokes = Array.from(text, (_, i) => text.slice(0, i + 1))
      compare(library, [...queries, ...keystrokes, ''], pick(random, ['whole', 'prefix', 'typing'] as const), true, SEED * 13 + run)
    }
  })

  it('counts the words a prefix accepts where together they occur more often than a count of them holds', () => {
    // Seventeen words each at least fifteen times (the most a word's count in the postings holds)
    // and one more once: 256 occurrences of `zorb…` in one body, one more than a byte holds.
    const suffixes = 'abcdfghjklmnprtvwx'.split('')
    const filled = suffixes.map((c, i) => Array.from({ length: i < 17 ? 15 + (i % 3) : 1 }, () => `zorb${c}ek`).join(' ')).join(' ')
    const library = tinyLibrary([
      { key: 'full', title: 'Filled', body: `${filled} graph` },
      { key: 'few', title: 'Few zorbaek', body: 'zorbaek zorbcek graph once' },
      { key: 'none', title: 'Other', body: 'graph attention only' },
      { key: 'title', title: 'Zorbaek zorbbek zorbcek', body: `${filled.slice(0, 400)} attention` },
    ])
    const queries = ['zorb', 'zorb graph', 'graph zorb', 'zorbaek', 'zorbaek zorb', 'title:zorb', 'zorb -attention', 'zorb OR attention']
    for (const lastWord of ['whole', 'prefix', 'typing'] as const) {
      compare(library, queries, lastWord, false, 0)
      compare(library, queries, lastWord, true, 0)
    }
  })

  it('weighs a word by every entry holding it, not only by the sampled ones', () => {
    // More entries than the sample holds: `alpha` only in entries left out of it (its estimate 0), in
    // more entries than the sampled `beta` is, so only the whole count ranks `beta` above it.
    const count = 450
    const sampled = new Set(sampleOf(Array.from({ length: count }, (_, i) => i)))
    const unsampled = Array.from({ length: count }, (_, i) => i).filter((i) => !sampled.has(i))
    const alpha = new Set(unsampled.slice(0, 40))
    const beta = new Set([...sampled].filter((i) => i % 9 === 0).slice(0, 20))
    const library = tinyLibrary(
      Array.from({ length: count }, (_, i) => ({
        key: `e${i}`,
        body: `${alpha.has(i) ? 'alpha ' : ''}${beta.has(i) ? 'beta ' : ''}common text ${'of some length '.repeat(i % 7)}`,
      })),
    )
    // Words each held by every match, counted among the matches (OR), and a pasted sentence (partial matches).
    compare(library, ['alpha', 'alpha beta', 'alpha OR beta', 'alpha beta gamma delta epsilon'], 'whole', false, 0)
  })

  it('finds the phrase of a few matches in whichever field holds it in a row, the title too', () => {
    // Fewer entries hold every word than are shown (those with some of them are then ranked too): each
    // one's phrase looked for only in the fields that hold every word, for `title` its title alone.
    const library = tinyLibrary([
      { key: 'title', title: 'Graph attention networks', body: 'molecules studied with kernels' },
      { key: 'body', title: 'Other work', body: 'we use graph attention networks on citation data' },
      { key: 'apart', title: 'Attention networks', body: 'a graph of words' },
      { key: 'graph', title: 'Graph', body: 'only a graph here, and a network' },
      { key: 'attention', title: 'Reading', body: 'attention alone' },
    ])
    // Words held one by one (the matches found from their counts), and beside a phrase (found by their positions).
    const queries = ['graph attention networks', 'graph attention network', 'graph attention networks "attention networks"']
    // Seeds drawing each limit (compare's): the partial matches are looked for when fewer entries hold every word.
    for (const lastWord of ['whole', 'typing'] as const)
      for (let seed = 0; seed < 4; seed++) compare(library, queries, lastWord, false, seed)
  })

  it('answers a query typed key by key as browse asks it, one engine for the whole run', () => {
    const random = seeded(SEED * 7)
    const library = randomLibrary(random, 80)
    const query = queriesAbout(library, QUERIES)
    for (let run = 0; run < 6; run++) {
      const text = query(random)
      const keystrokes = Array.from(text, (_, i) => text.slice(0, i + 1))
      compare(library, keystrokes, 'typing', true, SEED * 7 + run)
    }
  })
})
