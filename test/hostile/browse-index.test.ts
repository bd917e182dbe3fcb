// browse answers every keystroke from the index's outline and postings, reading whole only the
// records it shows: what it lists is what the scan of a fresh parse gives for each text typed,
// also when the library or its postings change under it while it is open.
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { FileStore } from '../../src/store/file-store.js'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Library } from '../../src/core/model.js'
import { libraryEntries } from '../../src/core/records/entries.js'
import { parseTypedQuery } from '../../src/core/search/query.js'
import { LibrarySearch, type SearchResult } from '../../src/core/search/search.js'
import { postingsPath } from '../../src/store/index/location.js'
import { PostedTypos } from '../../src/core/search/posted-typos.js'
import { BrowseSearch } from '../../src/store/search-reads.js'
import { BrowseLists } from '../../src/store/browse-lists.js'
import { build } from 'esbuild'
import type { Store } from '../../src/store/store.js'
import { BROWSE_SEARCH } from '../../src/commands/browse/choices.js'
import { graphLibrary } from './support/graph-library.js'
import { searchFixture } from '../unit/search/fixture.js'
import { testContext } from '../support/context.js'
import { main } from '../../src/main.js'
import type { SearchQuestion } from '../../src/terminal/prompts.js'
import { indexedStore, indexFileName, libraryWithCache, plainStore } from './support/index.js'

/** The searched library, the first summary citing the second (and `extra` after it). */
const browsedLibrary = (extra = ''): Library => graphLibrary(`, after [@kipf2017semi].${extra}`)

const TYPED = ['graph attention', 'quantum chem', 'tranformer mod', 'tag:gnn mess', '"message pass', 'graph -spec']

/** What browse lists, as compared: ids, scores, snippets, missing words, the total and corrections. */
const shape = (result: SearchResult) => ({
  hits: result.hits.map((hit) => ({ id: hit.id, score: hit.score, snippets: hit.snippets, missing: hit.missing, title: hit.paper.title })),
  total: result.total,
  corrections: result.corrections,
})

/** The scan of a fresh parse of `library` for the text typed so far (the reference). */
async function scanned(library: string, typed: string) {
  const whole = await plainStore(library).read()
  return shape(new LibrarySearch(libraryEntries(whole)).search(parseTypedQuery(typed), BROWSE_SEARCH))
}

/** The ids of the entries with every word of the text typed so far, in the scan of a fresh parse of `library` (the reference). */
async function matching(library: string, typed: string): Promise<Set<string>> {
  const whole = await plainStore(library).read()
  const all = new LibrarySearch(libraryEntries(whole)).search(parseTypedQuery(typed), { ...BROWSE_SEARCH, limit: Infinity })
  return new Set(all.hits.filter((hit) => hit.missing.length === 0).map((hit) => hit.id))
}

/** What browse types in these tests, in the search fixture (60 entries: more than a list holds). */
const TYPED_IN_FIXTURE = [
  'graph attention',
  'quantum chem',
  'tranformer mod',
  'neural message passing quantum',
  'tag:gnn mess',
  'graph -spec',
  'lottery ticket',
]

/**
 * What is typed where a worker fails: the first texts of TYPED_IN_FIXTURE (44 keystrokes), each kind of
 * text being searched on this thread the same way as in the tests without a worker, which type them all.
 */
const TYPED_PAST_A_FAILURE = TYPED_IN_FIXTURE.slice(0, 3)

/** One summary of `library` now speaks of a zebra. */
const tinyChange = (library: Library): Library => ({
  ...library,
  summaries: library.summaries.map((summary, i) => (i === 0 ? { ...summary, body: `${summary.body} A zebra crossing.` } : summary)),
})

/** What opening BrowseLists needs, from the sources bundled into one JavaScript file (as dist/ runs them: a worker runs that file). */
interface Built {
  BrowseLists: typeof BrowseLists
  BrowseSearch: typeof BrowseSearch
  FileStore: typeof FileStore
  parseTypedQuery: typeof parseTypedQuery
}

/** The built modules, for `use`, with the folder of their file (`modules.js`). */
async function withBuilt(use: (built: Built, dir: string) => Promise<void>): Promise<void> {
  const { built, dir } = await (bundle ??= bundleModules())
  await use(built, dir)
}

/** browse's lists over the search fixture written to a library file, from the built modules, settled in a worker thread; closed after `use`. */
async function inWorker(
  use: (lists: BrowseLists, parse: typeof parseTypedQuery, place: { library: string; cache: string }) => Promise<void>,
): Promise<void> {
  const place = await written(searchFixture())
  await withBuilt(async (built) => {
    const store = new built.FileStore(place.library, 2_000, undefined, () => undefined, { cacheDir: place.cache })
    const lists = await built.BrowseLists.open(store, { screenful: 12 })
    try {
      expect(lists.inWorker).toBe(true)
      await use(lists, built.parseTypedQuery, place)
    } finally {
      await lists.close()
    }
  })
}

/** The bundle of this file's tests: made once (the same sources make the same bundle), removed after them. */
let bundle: Promise<{ built: Built; dir: string }> | undefined
afterAll(async () => {
  const made = await bundle?.catch(() => undefined) // a bundle that failed removed its own folder
  if (made) rmSync(made.dir, { recursive: true, force: true })
})

async function bundleModules(): Promise<{ built: Built; dir: string }> {
  const entry = [
    "export { BrowseLists } from './src/store/browse-lists.ts'",
    "export { BrowseSearch } from './src/store/search-reads.ts'",
    "export { FileStore } from './src/store/file-store.ts'",
    "export { parseTypedQuery } from './src/core/search/query.ts'",
  ].join('\n')
  const root = fileURLToPath(new URL('../..', import.meta.url))
  // Below the project's node_modules, where the packages left out of the bundle are found.
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
  const dir = mkdtempSync(join(root, 'node_modules', '.cache', 'precis-test-'))
  const outfile = join(dir, 'modules.js')
  const options = { bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' } as const
  try {
    await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, outfile, ...options })
    return { built: (await import(pathToFileURL(outfile).href)) as Built, dir }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

/** The store, counting the times the whole library is read. */
function counted(store: Store): { store: Store; wholeReads: () => number } {
  let reads = 0
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver)
      if (name === 'read') return () => (reads++, target.read())
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { store: proxy, wholeReads: () => reads }
}

/**
 * What `use` gives, run with every BrowseSearch of `searches` (the sources' class, or the bundle's)
 * watched: `unprepared`, how many texts one settled on this thread before it was prepared (its
 * entries ordered by recency as browse opens, rather than in the frame of a keystroke).
 */
async function watchingPreparation<T>(searches: typeof BrowseSearch, use: () => Promise<T>): Promise<{ used: T; unprepared: number }> {
  const prepare = vi.spyOn(searches.prototype, 'prepare')
  const settle = vi.spyOn(searches.prototype, 'settle')
  try {
    const used = await use()
    const preparedBefore = (search: unknown, order: number) =>
      prepare.mock.contexts.some((prepared, i) => prepared === search && prepare.mock.invocationCallOrder[i]! < order)
    const unprepared = settle.mock.contexts.filter((search, i) => !preparedBefore(search, settle.mock.invocationCallOrder[i]!)).length
    return { used, unprepared }
  } finally {
    prepare.mockRestore()
    settle.mockRestore()
  }
}

/** BrowseLists built, on the indexed library, its settled lists from a worker running `script` (browse-worker's own module unless given). */
function openBuilt(built: Built, library: string, cache: string, script?: URL): Promise<BrowseLists> {
  const store = new built.FileStore(library, 2_000, undefined, () => undefined, { cacheDir: cache })
  return built.BrowseLists.open(store, { screenful: 12, ...(script && { workerScript: script }) })
}

/**
 * Each text typed letter by letter in `tested` and in `live` (a worker alive throughout): the same
 * list at once and the same settled list at each keystroke, the settled one the scan's. Whether
 * each settled list came from the worker, for both.
 */
async function typedInBoth(
  built: Built,
  tested: BrowseLists,
  live: BrowseLists,
  texts: readonly string[],
): Promise<{ tested: boolean[]; live: boolean[] }> {
  const where: boolean[] = []
  const liveWhere: boolean[] = []
  for (const text of texts) {
    for (let i = 0; i <= text.length; i++) {
      const query = built.parseTypedQuery(text.slice(0, i))
      expect(tested.first(query, BROWSE_SEARCH), text.slice(0, i)).toEqual(live.first(query, BROWSE_SEARCH))
      const settled = shape((await tested.search(query, BROWSE_SEARCH))!)
      where.push(tested.inWorker)
      expect(settled, text.slice(0, i)).toEqual(shape((await live.search(query, BROWSE_SEARCH))!))
      liveWhere.push(live.inWorker)
    }
  }
  return { tested: where, live: liveWhere }
}

async function written(library: Library): Promise<{ library: string; cache: string }> {
  const place = libraryWithCache()
  await indexedStore(place.library, place.cache).update((lib) => Object.assign(lib, library))
  return place
}

describe('browse from the index', () => {
  it('lists at every keystroke what the scan of the library lists, without reading the library whole', async () => {
    const { library, cache } = await written(browsedLibrary())
    const { store, wholeReads } = counted(indexedStore(library, cache))
    const browse = await BrowseSearch.open(store)
    browse.prepare()
    for (const text of TYPED) {
      for (let i = 0; i <= text.length; i++) {
        const typed = text.slice(0, i)
        expect(shape(await browse.search(parseTypedQuery(typed), BROWSE_SEARCH)), typed).toEqual(await scanned(library, typed))
      }
    }
    expect(wholeReads()).toBe(0)
  })

  it("draws at each keystroke a first screenful at once, only of entries matching the text, then settles on the scan's list", async () => {
    const { library, cache } = await written(searchFixture())
    const { store, wholeReads } = counted(indexedStore(library, cache))
    const lists = await BrowseLists.open(store, { screenful: 12, worker: false })
    expect(lists.first(parseTypedQuery('graph'), BROWSE_SEARCH)).toBeNull() // nothing settled yet
    let drawnAtOnce = 0
    for (const text of TYPED_IN_FIXTURE) {
      for (let i = 0; i <= text.length; i++) {
        const typed = text.slice(0, i)
        const first = lists.first(parseTypedQuery(typed), BROWSE_SEARCH)
        const settled = (await lists.search(parseTypedQuery(typed), BROWSE_SEARCH))!
        expect(shape(settled), typed).toEqual(await scanned(library, typed))
        if (!first) continue
        drawnAtOnce++
        // A text typed before: the list settled then; else at most a screenful, of entries matching it.
        if (first.length > 12) expect(first, typed).toEqual(settled.hits)
        const matches = await matching(library, typed)
        for (const hit of first) expect(matches.has(hit.id), `${typed}: ${hit.id}`).toBe(true)
      }
    }
    expect(drawnAtOnce).toBeGreaterThan(50)
    // A text typed again: the list settled for it, at once.
    for (const typed of ['graph att', 'quantum']) {
      const settled = await lists.search(parseTypedQuery(typed), BROWSE_SEARCH)
      expect(lists.first(parseTypedQuery(typed), BROWSE_SEARCH)).toEqual(settled!.hits)
    }
    expect(wholeReads()).toBe(0)
  })

  it('draws at once the hits held that match a narrower text, with their snippets for it', async () => {
    const { library, cache } = await written(searchFixture())
    const watched = await watchingPreparation(BrowseSearch, async () => {
      const lists = await BrowseLists.open(indexedStore(library, cache), { screenful: 12, worker: false })
      return { lists, wide: (await lists.search(parseTypedQuery('graph'), BROWSE_SEARCH))! }
    })
    // Without a worker, the search on this thread prepared as browse opens, before the first text.
    expect(watched.unprepared).toBe(0)
    const { lists, wide } = watched.used
    const first = lists.first(parseTypedQuery('graph att'), BROWSE_SEARCH)!
    const held = new Set(wide.hits.map((hit) => hit.id))
    expect(first.length).toBeGreaterThan(0)
    for (const hit of first) {
      expect(held.has(hit.id)).toBe(true)
      expect(hit.missing).toEqual([])
    }
    // A word none of them holds: an empty list at once, not the list of another text.
    expect(lists.first(parseTypedQuery('graph zebra'), BROWSE_SEARCH)).toEqual([])
  })

  it('reads a misspelt word at once as the library corrected it, or decides it at once, and waits for a library changed since', async () => {
    const { library, cache } = await written(searchFixture())
    const lists = await BrowseLists.open(indexedStore(library, cache), { screenful: 12, worker: false })
    const settled = (await lists.search(parseTypedQuery('tranformer '), BROWSE_SEARCH))!
    expect(settled.corrections.map((correction) => correction.word)).toEqual(['tranformer'])
    // The held records lack `tranformer`: read with the library's alternatives, they match it.
    const first = lists.first(parseTypedQuery('tranformer mod'), BROWSE_SEARCH)!
    expect(first.length).toBeGreaterThan(0)
    const matches = await matching(library, 'tranformer mod')
    for (const hit of first) expect(matches.has(hit.id), hit.id).toBe(true)
    // A finished word no settled list has decided, which no held record has: decided at once as the library decides it.
    const misspelt = lists.first(parseTypedQuery('tranformer mdoel '), BROWSE_SEARCH)!
    expect(misspelt.length).toBeGreaterThan(0)
    const mdoel = await matching(library, 'tranformer mdoel ')
    for (const hit of misspelt) expect(mdoel.has(hit.id), hit.id).toBe(true)
    // One they have is no typo (the library has it too): a list at once.
    expect(lists.first(parseTypedQuery('tranformer model '), BROWSE_SEARCH)).not.toBeNull()
    // The library edited since it was opened: its decisions wait for the search of the library as it is now.
    writeFileSync(library, `${readFileSync(library, 'utf8')}\n`)
    expect(lists.first(parseTypedQuery('tranformer modle '), BROWSE_SEARCH)).toBeNull()
    expect(lists.first(parseTypedQuery('tranformer model '), BROWSE_SEARCH)).not.toBeNull()
  })

  it('decides the word being typed before the key that finishes it: that key makes no decision of its own', async () => {
    const { library, cache } = await written(searchFixture())
    const lists = await BrowseLists.open(indexedStore(library, cache), { screenful: 12, worker: false })
    await lists.search(parseTypedQuery('tranformer '), BROWSE_SEARCH)
    const corrections = vi.spyOn(PostedTypos.prototype, 'correct')
    try {
      for (const typed of ['tranformer m', 'tranformer md', 'tranformer mdo', 'tranformer mdoe', 'tranformer mdoel']) {
        lists.first(parseTypedQuery(typed), BROWSE_SEARCH)
        await new Promise((resolve) => setImmediate(resolve))
      }
      corrections.mockClear()
      const finished = lists.first(parseTypedQuery('tranformer mdoel '), BROWSE_SEARCH)!
      expect(corrections).not.toHaveBeenCalled()
      expect(finished.length).toBeGreaterThan(0)
      const matches = await matching(library, 'tranformer mdoel ')
      for (const hit of finished) expect(matches.has(hit.id), hit.id).toBe(true)
      // As the search decides it: the settled list corrects it so.
      const settled = (await lists.search(parseTypedQuery('tranformer mdoel '), BROWSE_SEARCH))!
      expect(shape(settled)).toEqual(await scanned(library, 'tranformer mdoel '))
    } finally {
      corrections.mockRestore()
    }
  })

  it('reads a word typed in the middle as being typed: no key decides it, and it is decided before a key typed elsewhere', async () => {
    const { library, cache } = await written(searchFixture())
    const lists = await BrowseLists.open(indexedStore(library, cache), { screenful: 12, worker: false })
    await lists.search(parseTypedQuery('graph networks '), BROWSE_SEARCH)
    const corrections = vi.spyOn(PostedTypos.prototype, 'correct')
    try {
      // Each key makes a new whole word there (`atent`, `atenti`, …): none decided in the key's own frame.
      for (let i = 1; i <= ' atention'.length; i++) {
        const typed = `graph${' atention'.slice(0, i)} networks `
        corrections.mockClear()
        expect(lists.first(parseTypedQuery(typed), BROWSE_SEARCH), typed).not.toBeNull()
        expect(corrections, typed).not.toHaveBeenCalled()
        await new Promise((resolve) => setImmediate(resolve))
      }
      // Decided after the last one's list was drawn: a key typed elsewhere finds it decided.
      corrections.mockClear()
      const elsewhere = lists.first(parseTypedQuery('graph atention networks m'), BROWSE_SEARCH)!
      expect(corrections).not.toHaveBeenCalled()
      expect(elsewhere.length).toBeGreaterThan(0)
      const matches = await matching(library, 'graph atention networks m')
      for (const hit of elsewhere) expect(matches.has(hit.id), hit.id).toBe(true)
      // The settled list is the search's.
      const settled = (await lists.search(parseTypedQuery('graph atention networks '), BROWSE_SEARCH))!
      expect(shape(settled)).toEqual(await scanned(library, 'graph atention networks '))
    } finally {
      corrections.mockRestore()
    }
  })

  it("opens for the keys' decisions only an index and postings current now, never building them nor reading the library whole", async () => {
    const { library, cache } = await written(searchFixture())
    const { store, wholeReads } = counted(indexedStore(library, cache))
    const index = indexFileName(library, cache)
    // Saved, not searched yet: an index without postings. Neither opened nor built.
    expect(await BrowseSearch.openCurrent(store)).toBeNull()
    expect(existsSync(postingsPath(index))).toBe(false)
    // Built by a search (the worker's): opened, and it decides as the search does.
    const searching = await BrowseSearch.open(indexedStore(library, cache))
    const decisions = (await BrowseSearch.openCurrent(store))!
    const decided = new LibrarySearch([]).searchAsPart(parseTypedQuery('tranformer '), { limit: 1 }, new Map(), (spec, fields) =>
      decisions.decideTypo(spec, fields),
    )!
    const searched = await searching.search(parseTypedQuery('tranformer '), BROWSE_SEARCH)
    expect(decided.corrections).toEqual(searched.corrections)
    expect(searched.corrections.length).toBe(1)
    // Edited by hand (by another process), twice: stale, neither opened nor built again.
    const files = () => [readFileSync(index), readFileSync(postingsPath(index))]
    const before = files()
    for (const edit of [1, 2]) {
      writeFileSync(library, `${readFileSync(library, 'utf8')}\n`)
      expect(await BrowseSearch.openCurrent(store), `edit ${edit}`).toBeNull()
      expect(decisions.decideTypo({ keys: new Set(['modl']), prefix: null }, [0]), `edit ${edit}`).toBeNull()
    }
    expect(files()).toEqual(before)
    expect(wholeReads()).toBe(0)
    // Once the search has opened the library as it is now (building them), current again.
    await searching.search(parseTypedQuery('graph'), BROWSE_SEARCH)
    expect(await BrowseSearch.openCurrent(store)).not.toBeNull()
  })

  it('draws at once an empty list for a text narrowing an empty settled list', async () => {
    const { library, cache } = await written(searchFixture())
    const lists = await BrowseLists.open(indexedStore(library, cache), { screenful: 12, worker: false })
    expect((await lists.search(parseTypedQuery('tranf'), BROWSE_SEARCH))!.hits).toEqual([]) // no word begins with it
    for (const typed of ['tranfo', 'tranforme']) {
      expect(lists.first(parseTypedQuery(typed), BROWSE_SEARCH), typed).toEqual([])
      expect((await lists.search(parseTypedQuery(typed), BROWSE_SEARCH))!.hits, typed).toEqual([])
    }
    // Finished, the word may be a typo the library corrects: decided at once, it matches none of the (no) records held.
    expect(lists.first(parseTypedQuery('tranformer '), BROWSE_SEARCH)).toEqual([])
    expect((await lists.search(parseTypedQuery('tranformer '), BROWSE_SEARCH))!.hits.length).toBeGreaterThan(0)
  })

  it('built, with the lists settled in a worker, decides on its own thread a misspelt word no settled list has decided', async () => {
    await inWorker(async (lists, parse, { library }) => {
      const held = new Set((await lists.search(parse('trans'), BROWSE_SEARCH))!.hits.map((hit) => hit.id))
      // This thread's postings are opened once a list has settled: until then the word waits, then it is decided.
      await vi.waitFor(() => expect(lists.first(parse('tranformer '), BROWSE_SEARCH)).not.toBeNull())
      const first = lists.first(parse('tranformer '), BROWSE_SEARCH)!
      expect(first.length).toBeGreaterThan(0)
      const matches = await matching(library, 'tranformer ')
      for (const hit of first) expect(held.has(hit.id) && matches.has(hit.id), hit.id).toBe(true)
      // The same decision as the worker's: the settled list corrects the word so.
      const settled = (await lists.search(parse('tranformer '), BROWSE_SEARCH))!
      expect(shape(settled)).toEqual(await scanned(library, 'tranformer '))
    })
  })

  it('built, settles every text typed in a worker thread, only the last of those sent at once, following a save', async () => {
    await inWorker(async (lists, parse, { library, cache }) => {
      for (const text of TYPED_IN_FIXTURE.slice(0, 3)) {
        for (let i = 0; i <= text.length; i++) {
          const typed = text.slice(0, i)
          expect(shape((await lists.search(parse(typed), BROWSE_SEARCH))!), typed).toEqual(await scanned(library, typed))
        }
      }
      // Texts sent faster than they are searched: the one running answers, the ones replaced before they ran answer null.
      const answers = await Promise.all(['q', 'qu', 'qua', 'quantum'].map((typed) => lists.search(parse(typed), BROWSE_SEARCH)))
      expect(answers.slice(1, 3)).toEqual([null, null])
      expect(shape(answers[3]!)).toEqual(await scanned(library, 'quantum'))
      // Another process saves: the worker's search follows.
      await indexedStore(library, cache).update((lib) => Object.assign(lib, tinyChange(lib)))
      expect(shape((await lists.search(parse('zebra'), BROWSE_SEARCH))!)).toEqual(await scanned(library, 'zebra'))
    })
  })

  it('built, goes on with a worker that fails as it starts: every keystroke lists what a live worker lists, from this thread', async () => {
    const { library, cache } = await written(searchFixture())
    await withBuilt(async (built, dir) => {
      for (const [name, text] of [
        ['throws.mjs', "throw new Error('no thread')"],
        ['exits.mjs', 'process.exit(3)'],
      ]) {
        const script = join(dir, name!)
        writeFileSync(script, text!)
        const failing = await openBuilt(built, library, cache, pathToFileURL(script))
        const live = await openBuilt(built, library, cache)
        try {
          const watched = await watchingPreparation(built.BrowseSearch, () => typedInBoth(built, failing, live, TYPED_PAST_A_FAILURE))
          // This thread's search, opened when the worker failed, prepared before its first text as the one without a worker is.
          expect(watched.unprepared, name).toBe(0)
          const where = watched.used
          expect(
            where.tested.every((inWorker) => !inWorker),
            name,
          ).toBe(true)
          expect(
            where.live.every((inWorker) => inWorker),
            name,
          ).toBe(true)
        } finally {
          await failing.close()
          await live.close()
        }
      }
    })
  })

  it('built, goes on when the worker dies mid-session: every keystroke lists what a live worker lists, the rest from this thread', async () => {
    const { library, cache } = await written(searchFixture())
    await withBuilt(async (built, dir) => {
      // The real worker (the bundle serves as it is imported in a thread), ended as it is sent its tenth text.
      const script = join(dir, 'dies.mjs')
      writeFileSync(
        script,
        [
          "import { parentPort } from 'node:worker_threads'",
          "import './modules.js'",
          'let texts = 0',
          "parentPort.on('message', () => { if (++texts === 10) process.exit(9) })",
        ].join('\n'),
      )
      const dying = await openBuilt(built, library, cache, pathToFileURL(script))
      const live = await openBuilt(built, library, cache)
      try {
        const watched = await watchingPreparation(built.BrowseSearch, () => typedInBoth(built, dying, live, TYPED_PAST_A_FAILURE))
        expect(watched.unprepared).toBe(0)
        const where = watched.used
        // Nine texts settled in the worker, the tenth (the one it died on) and every one after on this thread.
        expect(where.tested.indexOf(false)).toBe(9)
        expect(where.tested.slice(9).every((inWorker) => !inWorker)).toBe(true)
        expect(where.tested.length).toBeGreaterThan(20)
        expect(where.live.every((inWorker) => inWorker)).toBe(true)
      } finally {
        await dying.close()
        await live.close()
      }
    })
  })

  it('answers a query on citations from the library read whole, once', async () => {
    const { library, cache } = await written(browsedLibrary())
    const { store, wholeReads } = counted(indexedStore(library, cache))
    const browse = await BrowseSearch.open(store)
    for (const typed of ['cites:kipf2017semi', 'cites:kipf2017semi quantum']) {
      expect(shape(await browse.search(parseTypedQuery(typed), BROWSE_SEARCH))).toEqual(await scanned(library, typed))
    }
    expect(wholeReads()).toBe(1)
  })

  it('follows a save and a hand edit made while it is open', async () => {
    const { library, cache } = await written(browsedLibrary())
    const browse = await BrowseSearch.open(indexedStore(library, cache))
    expect((await browse.search(parseTypedQuery('zebra'), BROWSE_SEARCH)).total).toBe(0)
    // Another process saves: the entry it changed now lists.
    await indexedStore(library, cache).update((lib) => Object.assign(lib, browsedLibrary(' A zebra crossing.')))
    for (const typed of ['zebra', 'graph']) {
      expect(shape(await browse.search(parseTypedQuery(typed), BROWSE_SEARCH))).toEqual(await scanned(library, typed))
    }
    // A hand edit that moves every record: the records shown are read where they lie now.
    const text = readFileSync(library, 'utf8')
    writeFileSync(library, text.replace('A zebra crossing.', 'A zebra crossing, and a giraffe of some length.'))
    for (const typed of ['giraffe', 'zebra', 'graph attention']) {
      expect(shape(await browse.search(parseTypedQuery(typed), BROWSE_SEARCH))).toEqual(await scanned(library, typed))
    }
  })

  it('postings damaged while it is open are built again, with the same answers', async () => {
    const { library, cache } = await written(browsedLibrary())
    const browse = await BrowseSearch.open(indexedStore(library, cache))
    const postings = postingsPath(indexFileName(library, cache))
    truncateSync(postings, Math.floor(readFileSync(postings).length / 2))
    for (const typed of ['"message pass', 'graph attention', 'quantum']) {
      expect(shape(await browse.search(parseTypedQuery(typed), BROWSE_SEARCH))).toEqual(await scanned(library, typed))
    }
  })

  it('a library that changes at every reading is read whole once and searched as it was then', async () => {
    const { library, cache } = await written(browsedLibrary())
    const real = indexedStore(library, cache)
    // Its postings never of the outline just read: what a file replaced between the two readings gives.
    const changing: Store = {
      path: real.path,
      read: () => real.read(),
      update: (change, options) => real.update(change, options),
      outline: (options) => real.outline(options),
      records: (outline, keys, ids, places) => real.records(outline, keys, ids, places),
      changedSince: (outline) => real.changedSince(outline),
      postings: async () => null,
    }
    const { store, wholeReads } = counted(changing)
    const browse = await BrowseSearch.open(store)
    for (const typed of ['graph att', 'quantum chem']) {
      expect(shape(await browse.search(parseTypedQuery(typed), BROWSE_SEARCH))).toEqual(await scanned(library, typed))
    }
    expect(wholeReads()).toBe(1)
  })

  it('through the fake context on a terminal: lists, opens the chosen summary and goes back, never reading the library whole', async () => {
    const { library, cache } = await written(browsedLibrary())
    const { store, wholeReads } = counted(indexedStore(library, cache))
    const lists: string[][] = []
    const firsts: { typed: string; values: string[] }[] = []
    const script = [
      async (q: SearchQuestion<string>) => {
        for (const typed of ['q', 'qu', 'qua', 'quantum', 'quantum chem']) {
          // As the prompt asks: the list at once, then the settled one.
          const first = q.first?.(typed)
          if (first) firsts.push({ typed, values: first.map((c) => c.value) })
          lists.push((await q.source(typed)).map((c) => c.value))
        }
        return lists.at(-1)![0]!
      },
      () => null, // Esc
    ]
    let asked = 0
    const ctx = testContext({ tty: true, answers: { browse: (q: SearchQuestion<string>) => script[asked++]!(q) } })
    expect(await main(['browse'], { ...ctx, store })).toBe(0)
    expect(lists.at(-1)).toEqual((await scanned(library, 'quantum chem')).hits.map((hit) => hit.id))
    expect(lists.at(-1)![0]).toBe('gilmer2017neural')
    expect(firsts.map((first) => first.typed)).toEqual(['qu', 'qua', 'quantum', 'quantum chem'])
    for (const { typed, values } of firsts) {
      const matches = await matching(library, typed)
      for (const value of values) expect(matches.has(value), `${typed}: ${value}`).toBe(true)
    }
    expect(ctx.stdout()).toContain('Neural Message Passing for Quantum Chemistry')
    expect(ctx.stdout()).toContain('quantum chemistry with')
    expect(wholeReads()).toBe(0)
  })
})
