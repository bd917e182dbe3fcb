// What list reads from the outline's columns (core/records/listing.ts, listing-filter.ts) is what the
// entries themselves give: the filter answers as outlineFilter does on random libraries and queries,
// from a library's outline and from an index's columns alike.
import { describe, expect, it } from 'vitest'
import type { Library, ReadingState } from '../../../src/core/model.js'
import { entriesAt, entryRecord, sortedPairs, type OutlineEntry } from '../../../src/core/records/entries.js'
import { Listing } from '../../../src/core/records/listing.js'
import { matchingPairs } from '../../../src/core/records/listing-filter.js'
import { entriesTagged, taggedEntriesOf } from '../../../src/core/records/tagged-entries.js'
import { libraryOutline, type LibraryOutline } from '../../../src/core/records/outline.js'
import { outlineFilter } from '../../../src/core/search/outline-filter.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { entryTags } from '../../../src/core/tags/paper-tags.js'
import { buildIndex } from '../../../src/store/index/build.js'
import { indexOutline } from '../../../src/store/index/contents.js'
import { decodeIndex } from '../../../src/store/index/format.js'
import { encodeIndex } from '../../../src/store/index/encode-index.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'

const TAGS = ['ml', 'ml/gnn', 'ml/gnn/spectral', 'mlx', 'vision', 'vision/cnn', 'todo']
const STATES: (ReadingState | undefined)[] = [undefined, undefined, 'to-read', 'reading', 'read']

function randomLibrary(random: () => number, papers: number): Library {
  const some = () => TAGS.filter(() => random() < 0.25)
  const lib = libraryOf([])
  for (let i = 0; i < papers; i++) {
    const key = `${pick(random, ['smith', 'Jones', 'li'])}${2000 + Math.floor(random() * 25)}${String.fromCharCode(97 + i)}${i}`
    const state = pick(random, STATES)
    const own = random() < 0.3 ? some() : []
    lib.papers.push(
      paper({
        key,
        year: random() < 0.15 ? null : 2000 + Math.floor(random() * 25),
        added: `2024-01-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T00:00:00.000Z`,
        ...(random() < 0.1 && { title: 'Untitled', authors: [] }),
        ...(state && { state }),
        ...(random() < 0.2 && { priority: 1 + Math.floor(random() * 3) }),
        ...(random() < 0.2 && { venue: 'NeurIPS', doi: '10.1/x' }),
        ...(own.length > 0 && { tags: own }),
      }),
    )
    const summaries = random() < 0.3 ? 0 : random() < 0.8 ? 1 : 2
    for (let n = 1; n <= summaries; n++) lib.summaries.push(summary({ id: n === 1 ? key : `${key}-${n}`, paper: key, tags: some() }))
  }
  return lib
}

function randomQuery(random: () => number): string {
  const term = () =>
    (random() < 0.25 ? '-' : '') +
    pick(random, [
      () => `tag:${pick(random, TAGS)}`,
      () => `year:>=${2000 + Math.floor(random() * 25)}`,
      () => `year:${2005 + Math.floor(random() * 5)}..${2010 + Math.floor(random() * 10)}`,
      () => `year:<${2000 + Math.floor(random() * 25)}`,
      () => `state:${pick(random, ['to-read', 'reading', 'read', 'none'])}`,
      () => `id:${pick(random, ['smith', 'jones', 'li2', 'smith2010a0'])}`,
      () => 'has:no-metadata',
    ])()
  const clause = () => (random() < 0.3 ? `${term()} OR ${term()}` : term())
  return Array.from({ length: 1 + Math.floor(random() * 3) }, clause).join(' ')
}

/** The outline of `lib` as an index hands it out: every field read from its column. */
function indexedOutline(lib: Library): LibraryOutline {
  const identity = { dev: '1', ino: '1', size: '1', mtimeNs: '1', ctimeNs: '1' }
  const built = buildIndex({ ...lib, paperPlaces: [], summaryPlaces: [] }, '/library.json', identity)
  return indexOutline(decodeIndex(encodeIndex(built))!)
}

/** The reference: each entry made and tested by outlineFilter. */
function reference(outline: LibraryOutline, pairs: ArrayLike<number>, query: string): string[] {
  const test = outlineFilter(parseQuery(query))!
  return entriesAt(outline, pairs)
    .filter(test)
    .map((e) => e.id)
}

const ids = (outline: LibraryOutline, pairs: ArrayLike<number>) => entriesAt(outline, pairs).map((e) => e.id)

describe('the listing filter answers as outlineFilter', () => {
  const seed = seedFromEnv(20)
  it.each([
    ['a library read whole', (lib: Library) => libraryOutline(lib)],
    ['an index', indexedOutline],
  ])(`from %s, on random libraries and queries (seed ${seed})`, (_, outlineOf) => {
    const random = seeded(seed)
    for (let round = 0; round < 30; round++) {
      const outline = outlineOf(randomLibrary(random, 1 + Math.floor(random() * 40)))
      const pairs = sortedPairs(outline, pick(random, ['added', 'year', 'title'] as const))
      for (let q = 0; q < 20; q++) {
        const query = randomQuery(random)
        expect([query, ids(outline, matchingPairs(outline, pairs, parseQuery(query))!)]).toEqual([query, reference(outline, pairs, query)])
      }
    }
  })

  it('is null for a query that needs the bodies, and keeps everything for an empty one', () => {
    const outline = libraryOutline(randomLibrary(seeded(1), 5))
    const pairs = sortedPairs(outline, 'added')
    expect(matchingPairs(outline, pairs, parseQuery('graph tag:ml'))).toBeNull()
    expect(matchingPairs(outline, pairs, parseQuery(''))).toEqual(Array.from(pairs))
  })
})

/** What `list` writes of `listing` piped. */
function piped(listing: Listing): string {
  let text = ''
  listing.writePlain((piece) => (text += typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8')))
  return text
}

describe('piped output from the rows an index keeps made', () => {
  const seed = seedFromEnv(20)
  it(`is what the library read whole gives, in every order, cut short and filtered, on random libraries (seed ${seed})`, () => {
    const random = seeded(seed)
    for (let round = 0; round < 30; round++) {
      const lib = randomLibrary(random, 1 + Math.floor(random() * 40))
      // Titles and ids that make rows hard: control characters, tabs, line breaks, letters beyond ASCII.
      for (const p of lib.papers)
        if (random() < 0.3) p.title = pick(random, ['Tab\there', 'Line\nbreak', 'Café — ✓ 🎉', 'Esc \u001b[1m', 'C1 \u0085'])
      const [whole, indexed] = [libraryOutline(lib), indexedOutline(lib)]
      expect(indexed.keptRows?.()).toBeTruthy()
      // Newest first with the order's pairs unread (NewestFirst), as `list` lists everything: the same rows,
      // the same --json, and the same when the count the outline tells is not the order's.
      const count = indexed.entryCount?.()
      expect(count).toBe(sortedPairs(whole, 'added').length >> 1)
      const newest = new Listing(whole, sortedPairs(whole, 'added'))
      const cut = Math.floor(random() * 10)
      for (const told of [count!, count! + 1, Math.max(0, count! - 1)]) {
        const outline: LibraryOutline = Object.assign(Object.create(indexed) as LibraryOutline, { entryCount: () => told })
        const listing = new Listing(outline, { newest: told })
        expect(piped(listing)).toBe(piped(told > count! ? newest : newest.first(told)))
        expect(piped(listing.first(cut))).toBe(piped(newest.first(Math.min(cut, told))))
        expect(JSON.stringify(new Listing(outline, { newest: told }).records())).toBe(JSON.stringify(newest.first(told).records()))
      }
      for (const order of ['added', 'year', 'title'] as const) {
        const [a, b] = [new Listing(whole, sortedPairs(whole, order)), new Listing(indexed, sortedPairs(indexed, order))]
        const limit = Math.floor(random() * 10)
        expect(piped(b)).toBe(piped(a))
        expect(piped(b.first(limit))).toBe(piped(a.first(limit)))
        const query = parseQuery(randomQuery(random))
        const filtered = (outline: LibraryOutline) => new Listing(outline, matchingPairs(outline, sortedPairs(outline, order), query)!)
        expect(piped(filtered(indexed))).toBe(piped(filtered(whole)))
        // --json's records, read from the index's columns, as entryRecord makes them of the library's own entries.
        const records = (listing: Listing) => JSON.stringify(listing.entries().map((e) => entryRecord(e)))
        expect(JSON.stringify(filtered(indexed).records())).toBe(records(filtered(whole)))
        expect(JSON.stringify(b.first(limit).records())).toBe(records(a.first(limit)))
      }
    }
  })
})

describe('a listing', () => {
  it.each([
    ['a library read whole', (lib: Library) => libraryOutline(lib)],
    ['an index', indexedOutline],
  ])('from %s gives what its entries hold, in order', (_, outlineOf) => {
    const outline = outlineOf(randomLibrary(seeded(7), 60))
    const pairs = sortedPairs(outline, 'title')
    const entries: OutlineEntry[] = entriesAt(outline, pairs)
    const listing = new Listing(outline, pairs)
    expect(listing.length).toBe(entries.length)
    expect(listing.rows()).toEqual({
      ids: entries.map((e) => e.id),
      years: entries.map((e) => e.paper.year),
      titles: entries.map((e) => e.paper.title),
      tags: entries.map((e) => entryTags(e.paper, e.summary)),
    })
    expect(listing.unsummarised()).toEqual(entries.map((e) => (e.summary ? null : e.paper.state)))
    expect(listing.entries().map((e) => entryRecord(e))).toEqual(entries.map((e) => entryRecord(e)))
    // --json's records read from the columns: the same text as entryRecord makes of each entry.
    expect(JSON.stringify(listing.records())).toBe(JSON.stringify(entries.map((e) => entryRecord(e))))
    expect(JSON.stringify(listing.first(5).records())).toBe(JSON.stringify(entries.slice(0, 5).map((e) => entryRecord(e))))
    expect(listing.first(5).rows().ids).toEqual(entries.slice(0, 5).map((e) => e.id))
    expect(listing.first(1000).length).toBe(entries.length)
  })
})

describe('the entries each tag lists', () => {
  // Papers p0..p2; summaries s0 (of p0) and s1 (of p1); p2 has none: entry keys s0 → 0, s1 → 1, p2 → 2 + 2.
  const own = [undefined, ['todo'], ['ml/gnn']]
  const tags = [['ml', 'ml/gnn/spectral'], ['vision']]
  const pairs = [0, 0, 1, 1, -1, 2]
  const tagged = taggedEntriesOf(own, tags, pairs)

  it.each([
    ['ml', [0, 4]],
    ['ml/gnn', [0, 4]],
    ['ml/gnn/spectral', [0]],
    ['vision', [1]],
    ['todo', [1]],
    ['mlx', []],
    ['nothing', []],
  ])('tag:%s marks the entries %j', (wanted, keys) => {
    const marks = entriesTagged(tagged, wanted)!
    expect(marks).toHaveLength(5)
    expect([...marks.keys()].filter((key) => marks[key] === 1)).toEqual(keys)
  })

  it.each([
    ['a key past the entries', { keys: [9, 1, 1, 4, 4] }],
    ['a list ending past the keys', { starts: [0, 99, 2, 3, 4, 5] }],
    ['a list ending before it starts', { starts: [0, 2, 1, 3, 4, 5] }],
    ['fewer lists than tags', { starts: [0, 1] }],
  ])('is null for lists that are not what precis makes (%s)', (_, forged) => {
    expect(entriesTagged({ ...tagged, ...forged }, 'ml')).toBeNull()
  })
})
