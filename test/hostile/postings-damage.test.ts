// The search postings beside the index are a shortcut, never a source: whatever happens to their
// files, the base or the delta a save keeps beside it (cut short, bytes flipped, another library's
// put in their place, a link or a folder where they go, an older format, a hand edit of the library
// that keeps its size and time), a search gives exactly what the scan of a fresh parse gives, and
// the next search leaves good postings behind.
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { execFileSync } from 'node:child_process'
import { crc32 } from 'node:zlib'
import { realpathSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import type { Library } from '../../src/core/model.js'
import type { Postings } from '../../src/core/search/postings.js'
import { parseQuery } from '../../src/core/search/query.js'
import { searchLibrary, type SearchResult } from '../../src/core/search/search.js'
import { decodePostings, encodePostings, POSTINGS_FORMAT_VERSION } from '../../src/store/index/postings-format.js'
import { deltaPath, postingsPath } from '../../src/store/index/location.js'
import { alignedSections, framedParts } from '../../src/store/index/frame.js'
import { fileIdentity } from '../../src/store/index/identity.js'
import { searchFromIndex } from '../../src/store/search-reads.js'
import { paper, summary } from '../support/library.js'
import { graphLibrary } from './support/graph-library.js'
import { indexedStore, indexFileName, libraryWithCache, plainStore } from './support/index.js'

const QUERIES = [
  'graph',
  'message passing networks',
  '"quantum chemistry"',
  'tranformer',
  // Typos whose corrections read the rest: every word's term (a singular too short to look up by its
  // first letters: each word compared), and where the words are in an entry with two near words
  // (convolutions, convolutional: the second summary, which searchedAndSaved's save leaves in the base).
  'graps',
  'convolutionl',
  'title:attention',
  'tag:gnn graph',
  'graph -spectral',
]

/**
 * The end of the first summary: a field where `graph`, typed last (a prefix too), matches more words
 * of different weights (graphs, graphical) than a search counts, so that which it counts is read
 * from the words in order (the only search here that reads them, and where each entry's fields start).
 */
const GILMER_END = `. ${'Graphs and graphical models, '.repeat(6)}at last.`

/** A library written by precis (which builds its index), searched once so that its postings are kept. */
async function searchedOnce(): Promise<{ library: string; cache: string; postings: string }> {
  const { library, cache } = libraryWithCache()
  await indexedStore(library, cache).update((lib) => Object.assign(lib, graphLibrary(GILMER_END)))
  const postings = postingsPath(indexFileName(library, cache))
  expect(existsSync(postings)).toBe(false) // a save does not build them: only a search does
  expect(await searchFromIndex(indexedStore(library, cache), parseQuery('graph'), { limit: 10, lastWord: 'prefix' })).not.toBeNull()
  expect(postingsAreCurrent(library, postings)).toBe(true)
  return { library, cache, postings }
}

/** The postings file at `path`, decoded and checked whole (every section, also those a search reads only when it needs them); null when it is not. */
function decodedWhole(path: string) {
  if (!existsSync(path) || !statSync(path).isFile()) return null
  const contents = decodePostings(readFileSync(path))
  try {
    contents?.postings.check?.()
  } catch {
    return null
  }
  return contents
}

/** Whether the postings are whole and of the library as it is: the base alone, or the base and a delta naming it. */
function postingsAreCurrent(library: string, postings: string): boolean {
  return currentAs(library, postings) !== null
}

function currentAs(library: string, postings: string): 'base' | 'delta' | null {
  const base = decodedWhole(postings)
  const delta = decodedWhole(deltaPath(postings))
  const ofLibrary = (contents: ReturnType<typeof decodedWhole>) =>
    contents !== null &&
    contents.library === realpathSync(library) &&
    JSON.stringify(contents.identity) === JSON.stringify(fileIdentity(realpathSync(library)))
  if (base === null || base.delta) return null
  if (delta?.delta?.base === base.hash && ofLibrary(delta)) return 'delta'
  return ofLibrary(base) ? 'base' : null
}

/** As searchedOnce, then a save: the postings are then the base and a delta. */
async function searchedAndSaved(): Promise<{ library: string; cache: string; postings: string }> {
  const searched = await searchedOnce()
  await indexedStore(searched.library, searched.cache).update((lib) => void (lib.summaries[2]!.body = 'Spectral graph kernels.\n'))
  expect(currentAs(searched.library, searched.postings)).toBe('delta')
  return searched
}

const SEARCH_OPTIONS = { limit: 10, lastWord: 'prefix' } as const

/** The scan's results for QUERIES by the library's text: the same text gives the same results, and the cases search a few libraries many times. */
const scannedByText = new Map<string, SearchResult[]>()
afterAll(() => scannedByText.clear())

/** What the scan of a fresh parse of `library` gives for each of QUERIES. */
async function freshResults(library: string): Promise<SearchResult[]> {
  const text = readFileSync(library, 'utf8')
  let results = scannedByText.get(text)
  if (!results) {
    const fresh = await plainStore(library).read()
    results = QUERIES.map((query) => searchLibrary(fresh, parseQuery(query, 'pasted'), SEARCH_OPTIONS))
    scannedByText.set(text, results)
  }
  return results
}

/** Every query answered through the index as the scan of a fresh parse answers it. */
async function expectFreshResults(library: string, cache: string): Promise<void> {
  const fresh = await freshResults(library)
  for (const [i, text] of QUERIES.entries()) {
    const answered = await searchFromIndex(indexedStore(library, cache), parseQuery(text, 'pasted'), SEARCH_OPTIONS)
    expect(answered?.result, text).toEqual(fresh[i])
  }
}

describe('the search postings of a library', () => {
  it('answer as the scan does, and are not rebuilt while current', async () => {
    const { library, cache, postings } = await searchedOnce()
    const before = statSync(postings, { bigint: true })
    await expectFreshResults(library, cache)
    expect(statSync(postings, { bigint: true }).mtimeNs).toBe(before.mtimeNs)
  })

  it('are kept current by each save (a delta over the same base), and after a hand edit that keeps the size and the modification time', async () => {
    const { library, cache, postings } = await searchedOnce()
    const base = statSync(postings, { bigint: true }).mtimeNs
    const store = indexedStore(library, cache)
    await store.update((lib) => void (lib.summaries[0]!.body = 'Only spectral words now.\n'))
    expect(currentAs(library, postings)).toBe('delta')
    await expectFreshResults(library, cache)
    await store.update((lib) => void lib.summaries[2]!.tags.push('attention'))
    await store.update((lib) => void (lib.papers[3]!.title = 'Quantum walks on graphs'))
    await store.update((lib) => {
      lib.papers.push(paper({ key: 'new2024graph', title: 'Graph Kernels Again' }))
      lib.summaries.push(summary({ id: 'new2024graph', paper: 'new2024graph', body: 'Message passing, once more: quantum graphs.\n' }))
    })
    await store.update((lib) => void lib.summaries.splice(1, 1))
    expect(currentAs(library, postings)).toBe('delta')
    await expectFreshResults(library, cache)
    expect(statSync(postings, { bigint: true }).mtimeNs).toBe(base) // never built again
    execFileSync('touch', ['-r', library, `${library}.times`])
    writeFileSync(library, readFileSync(library, 'utf8').replace('Only spectral', 'Only quantumx'))
    execFileSync('touch', ['-r', `${library}.times`, library])
    await expectFreshResults(library, cache)
    // The entries the edit left as they were keep their documents: a delta over the same base.
    expect(currentAs(library, postings)).toBe('delta')
    expect(statSync(postings, { bigint: true }).mtimeNs).toBe(base)
  })

  it.each([
    [
      'as precis writes it, one body changed',
      (lib: Library) =>
        JSON.stringify({ ...lib, summaries: lib.summaries.map((s, i) => (i === 0 ? { ...s, body: 'Quantum graphs.\n' } : s)) }, null, 2),
    ],
    [
      'summaries before papers, in version 1 (read whole)',
      (lib: Library) => JSON.stringify({ format: lib.format, version: 1, summaries: lib.summaries, papers: lib.papers, trash: lib.trash }),
    ],
    [
      'every entry changed (built whole)',
      (lib: Library) => JSON.stringify({ ...lib, summaries: lib.summaries.map((s) => ({ ...s, body: `${s.body} quantum` })) }),
    ],
  ])('after a hand edit (%s), are built with the index in one reading and answer as the scan does', async (_, write) => {
    const { library, cache, postings } = await searchedOnce()
    const lib = await plainStore(library).read()
    writeFileSync(library, write(lib))
    await expectFreshResults(library, cache)
    expect(postingsAreCurrent(library, postings)).toBe(true)
    await expectFreshResults(library, cache) // from the index and postings then kept
  })

  it('are left to the next search when a save changes more entries than a delta holds: built whole, or compacted with the base', async () => {
    const { library, cache, postings } = await searchedAndSaved()
    const store = indexedStore(library, cache)
    const addBulk = (from: number, count: number) =>
      store.update((lib) => {
        for (let i = from; i < from + count; i++) {
          lib.papers.push(paper({ key: `bulk${i}`, title: `Bulk Paper ${i} on graphs` }))
          lib.summaries.push(summary({ id: `bulk${i}`, paper: `bulk${i}`, body: `Graph number ${i}, quantum ${i % 7}.\n` }))
        }
      })
    await addBulk(0, 100) // most of the library new: built whole
    expect(currentAs(library, postings)).toBeNull()
    await expectFreshResults(library, cache)
    expect(currentAs(library, postings)).toBe('base')
    await addBulk(100, 70) // past the delta's limit (64), a minority: the base's documents kept, compacted with the new ones
    await store.update((lib) => void (lib.summaries[0]!.body = 'Quantum chemistry, spectral graphs.\n'))
    expect(currentAs(library, postings)).toBeNull()
    await expectFreshResults(library, cache)
    expect(currentAs(library, postings)).toBe('base')
    expect(decodePostings(readFileSync(postings))?.postings.count).toBe(174)
  })

  it.each([
    ['cut short', (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2))],
    ['cut to nothing', (file: string) => truncateSync(file, 0)],
    ['cut inside its fixed start', (file: string) => truncateSync(file, 10)],
    ['a byte flipped in its header', (file: string) => flipByte(file, 40)],
    [
      'a byte flipped in its last section (the words in order, read only by the searches that need them)',
      (file: string) => flipByte(file, statSync(file).size - 2),
    ],
    ['a byte flipped in a section read with its header', (file: string) => flipByte(file, sectionStart(file, 'lengths') + 3)],
    ['a byte flipped in the sums of its lengths', (file: string) => flipByte(file, sectionStart(file, 'lengthSums') + 7)],
    // Each read, and checked, only when a search first uses it: the searches of QUERIES use them all
    // (the typos a block at a time: the near table, `spelled` and the words of the candidates).
    ...[
      'words',
      'wordEnds',
      'stems',
      'stemEnds',
      'spelled',
      'nearStarts',
      'nearEntries',
      'stemStarts',
      'stemWords',
      'fieldStarts',
      'wordDocStarts',
      'positionStarts',
      'positionChecks',
    ].map((section): [string, (file: string) => void] => [
      `a byte flipped in a section read when first used (${section})`,
      (file: string) => flipByte(file, sectionStart(file, section) + 1),
    ]),
    ['a byte flipped in its word lists (read a block at a time)', (file: string) => flipByte(file, sectionStart(file, 'wordDocs') + 1)],
    ['a byte flipped in the counts of its word lists', (file: string) => flipByte(file, sectionStart(file, 'wordDocFields') + 1)],
    [
      'a byte flipped in where its words are (read a block at a time)',
      (file: string) => flipByte(file, sectionStart(file, 'positions') + 1),
    ],
    ['a byte flipped in its checksum', (file: string) => flipByte(file, 20)],
    ['of an older format', (file: string) => writeVersion(file, 0)],
    // Version 3 measured its texts in UTF-16 units, 4 in bytes: read as this one, its words would be cut wrongly.
    ['of the format before this one', (file: string) => writeVersion(file, POSTINGS_FORMAT_VERSION - 1)],
    ['of a newer format', (file: string) => writeVersion(file, 99)],
    ['not postings at all', (file: string) => writeFileSync(file, '{"words": []}')],
  ])('are rebuilt when %s', async (_, damage) => {
    const { library, cache, postings } = await searchedOnce()
    damage(postings)
    await expectFreshResults(library, cache)
    expect(postingsAreCurrent(library, postings)).toBe(true)
    // And with a delta: the base damaged under it, or the delta itself.
    const saved = await searchedAndSaved()
    damage(saved.postings)
    await expectFreshResults(saved.library, saved.cache)
    expect(postingsAreCurrent(saved.library, saved.postings)).toBe(true)
    const again = await searchedAndSaved()
    damage(deltaPath(again.postings))
    await expectFreshResults(again.library, again.cache)
    expect(postingsAreCurrent(again.library, again.postings)).toBe(true)
  })

  it("are rebuilt when another library's delta, or a delta of another base, is put in place of theirs", async () => {
    const mine = await searchedAndSaved()
    const other = await searchedAndSaved()
    copyFileSync(deltaPath(other.postings), deltaPath(mine.postings))
    await expectFreshResults(mine.library, mine.cache)
    expect(postingsAreCurrent(mine.library, mine.postings)).toBe(true)
    // A delta kept from before a rebuild names the base it was made over: never read over the new one.
    const kept = await searchedAndSaved()
    const oldDelta = readFileSync(deltaPath(kept.postings))
    await searchFromIndex(indexedStore(kept.library, kept.cache), parseQuery('graph'), { limit: 10, lastWord: 'prefix' }) // current: no rebuild
    rmSync(kept.postings)
    await expectFreshResults(kept.library, kept.cache) // builds the base again, of the library as it is
    writeFileSync(deltaPath(kept.postings), oldDelta)
    await expectFreshResults(kept.library, kept.cache)
    expect(postingsAreCurrent(kept.library, kept.postings)).toBe(true)
  })

  it('never read a delta through a link, nor a folder, put where it goes', async () => {
    const mine = await searchedAndSaved()
    const other = await searchedAndSaved()
    const target = readFileSync(deltaPath(other.postings))
    rmSync(deltaPath(mine.postings))
    symlinkSync(deltaPath(other.postings), deltaPath(mine.postings))
    await expectFreshResults(mine.library, mine.cache)
    expect(readFileSync(deltaPath(other.postings)).equals(target)).toBe(true)
    const folder = await searchedAndSaved()
    rmSync(deltaPath(folder.postings))
    mkdirSync(deltaPath(folder.postings))
    await expectFreshResults(folder.library, folder.cache)
  })

  it("never crash a search, and never answer otherwise, when a delta's checksums hold but it gives entries documents that are not theirs", async () => {
    for (const order of [(o: Uint32Array) => o.map(() => 0), (o: Uint32Array) => o.map(() => 0x7fffffff)]) {
      const { library, cache, postings } = await searchedAndSaved()
      const contents = decodePostings(readFileSync(deltaPath(postings)))!
      writeFileSync(
        deltaPath(postings),
        encodePostings({ ...contents, delta: { ...contents.delta!, order: order(contents.delta!.order) } }),
      )
      await expectFreshResults(library, cache)
      expect(postingsAreCurrent(library, postings)).toBe(true)
    }
  })

  it("are rebuilt when another library's are put in their place", async () => {
    const mine = await searchedOnce()
    const other = await searchedOnce()
    await indexedStore(other.library, other.cache).update((lib) => void lib.summaries.pop())
    await searchFromIndex(indexedStore(other.library, other.cache), parseQuery('graph'), { limit: 10, lastWord: 'prefix' })
    copyFileSync(other.postings, mine.postings)
    await expectFreshResults(mine.library, mine.cache)
    expect(postingsAreCurrent(mine.library, mine.postings)).toBe(true)
  })

  it('never read through a link put where they go, and replace the link, not its target', async () => {
    const mine = await searchedOnce()
    const other = await searchedOnce()
    const target = readFileSync(other.postings)
    rmSync(mine.postings)
    symlinkSync(other.postings, mine.postings)
    await expectFreshResults(mine.library, mine.cache)
    expect(lstatSync(mine.postings).isSymbolicLink()).toBe(false)
    expect(readFileSync(other.postings).equals(target)).toBe(true)
  })

  it('are rebuilt when an empty folder is where they go, and left alone when a folder with files is', async () => {
    const { library, cache, postings } = await searchedOnce()
    rmSync(postings)
    mkdirSync(postings)
    await expectFreshResults(library, cache)
    expect(statSync(postings).isFile()).toBe(true)
    rmSync(postings)
    mkdirSync(postings)
    writeFileSync(`${postings}/keep`, 'not ours')
    await expectFreshResults(library, cache)
    expect(readFileSync(`${postings}/keep`, 'utf8')).toBe('not ours')
  })

  it('never crash a search when their checksums hold but their numbers point outside what they index', async () => {
    const { library, cache, postings } = await searchedOnce()
    const contents = decodePostings(readFileSync(postings))!
    const { postings: p } = contents
    const hostile = { ...p, tokens: p.tokens.map(() => 0xffffffff), wordDocs: p.wordDocs.map(() => 0x7fffffff) }
    writeFileSync(postings, encodePostings({ ...contents, postings: hostile }))
    for (const text of QUERIES) {
      await expect(
        searchFromIndex(indexedStore(library, cache), parseQuery(text, 'pasted'), { limit: 10, lastWord: 'prefix' }),
      ).resolves.toBeDefined()
    }
  })

  it('never crash a search, and rebuild them, when their checksums hold but where their words are is nonsense or missing', async () => {
    const { library, cache, postings } = await searchedOnce()
    const contents = decodePostings(readFileSync(postings))!
    const { postings: p } = contents
    const whole = { ...p, tokens: p.tokens, wordDocs: p.wordDocs, wordDocFields: p.wordDocFields, positions: p.positions }
    // Every byte a varint that does not end, or the largest that does: positions past every field, counts beyond any saturated one.
    for (const byte of [0xff, 0x7f]) {
      writeFileSync(postings, encodePostings({ ...contents, postings: { ...whole, positions: whole.positions.map(() => byte) } }))
      for (const text of QUERIES) {
        await expect(
          searchFromIndex(indexedStore(library, cache), parseQuery(text, 'pasted'), { limit: 10, lastWord: 'prefix' }),
        ).resolves.toBeDefined()
      }
    }
    writeFileSync(postings, encodePostings({ ...contents, postings: { ...whole, positions: whole.positions.subarray(1) } }))
    expect(decodePostings(readFileSync(postings))).not.toBeNull() // its lengths fit: its starts are found past it when first read
    await expectFreshResults(library, cache)
    expect(postingsAreCurrent(library, postings)).toBe(true)
  })

  it.each([
    ['its stems name words past the vocabulary', (p: Postings) => ({ stemWords: p.stemWords.map(() => p.words.length) })],
    ['its near table names words past the words and stems', (p: Postings) => ({ nearEntries: p.nearEntries.map(() => 0xffffffff) })],
    [
      "its near table's buckets start out of order",
      (p: Postings) => ({ nearStarts: p.nearStarts.map((start, b) => (b === 1 ? p.nearEntries.length : start)) }),
    ],
    ["its near table's entries cut short", (p: Postings) => ({ nearEntries: p.nearEntries.subarray(1) })],
    [
      "its words' lists start past the lists",
      (p: Postings) => ({ wordDocStarts: p.wordDocStarts.map((start, w) => (w === 0 ? 0 : start + 1)) }),
    ],
    [
      'its fields start out of order',
      (p: Postings) => ({ fieldStarts: p.fieldStarts.map((start, i) => (i === 1 ? p.tokens.length : start)) }),
    ],
    [
      "its stems' words start out of order",
      (p: Postings) => ({ stemStarts: p.stemStarts.map((start, i) => (i === 1 ? p.stemWords.length : start)) }),
    ],
    [
      'where its words are starts past them',
      (p: Postings) => ({ positionStarts: p.positionStarts.map((start, i) => (i === 0 ? start : start + 1)) }),
    ],
  ])('are rebuilt when their checksums hold but %s (found when the section is first read)', async (_, change) => {
    const { library, cache, postings } = await searchedOnce()
    const contents = decodePostings(readFileSync(postings))!
    const { postings: p } = contents
    const hostile = { ...p, tokens: p.tokens, wordDocs: p.wordDocs, wordDocFields: p.wordDocFields, ...change(p) }
    writeFileSync(postings, encodePostings({ ...contents, postings: hostile }))
    expect(decodePostings(readFileSync(postings))).not.toBeNull() // its header and the sections read with it hold
    await expectFreshResults(library, cache)
    expect(postingsAreCurrent(library, postings)).toBe(true)
  })
})

it.each([
  ['31 buckets, not a power of two', (starts: Uint32Array) => starts.subarray(1)],
  ['no bucket', () => new Uint32Array(0)],
])('postings whose checksums hold but whose near table has %s are refused as they are read, and rebuilt', async (_, change) => {
  const { library, cache, postings } = await searchedOnce()
  const contents = decodePostings(readFileSync(postings))!
  const { postings: p } = contents
  expect(p.nearBuckets).toBe(32) // the small library's table: 31 buckets are one fewer
  const hostile = { ...p, tokens: p.tokens, wordDocs: p.wordDocs, wordDocFields: p.wordDocFields, nearStarts: change(p.nearStarts) }
  writeFileSync(postings, encodePostings({ ...contents, postings: hostile }))
  expect(decodePostings(readFileSync(postings))).toBeNull()
  await expectFreshResults(library, cache)
  expect(postingsAreCurrent(library, postings)).toBe(true)
})

it.each([
  ['half a unit', 0.5],
  ['past 2^53', 2 ** 60],
  ['not a number', NaN],
])('postings whose checksums hold but with a sum of field lengths %s are refused as they are read, and rebuilt', async (_, sum) => {
  const { library, cache, postings } = await searchedOnce()
  const sums = Float64Array.from(decodePostings(readFileSync(postings))!.postings.lengthSums!, (value, f) => (f === 1 ? sum : value))
  writeFileSync(postings, withSection(readFileSync(postings), 'lengthSums', Buffer.from(sums.buffer)))
  expect(decodePostings(readFileSync(postings))).toBeNull()
  await expectFreshResults(library, cache)
  expect(postingsAreCurrent(library, postings)).toBe(true)
})

// The field lengths are two bytes each, or four, the section's size saying which: lengths of any other
// size, such as the doubles of the format before this one, are never read as these.
it.each([
  ['eight bytes each (doubles, as the format before wrote them), under this format', 8, POSTINGS_FORMAT_VERSION],
  ['eight bytes each, under the format before', 8, POSTINGS_FORMAT_VERSION - 1],
  ['one byte each', 1, POSTINGS_FORMAT_VERSION],
])('postings whose checksums hold but with field lengths of %s are refused as they are read, and rebuilt', async (_, bytes, version) => {
  const { library, cache, postings } = await searchedOnce()
  const lengths = decodePostings(readFileSync(postings))!.postings.lengths
  // Two bytes each, laid out again as here, they are read.
  expect(decodePostings(withSection(readFileSync(postings), 'lengths', Buffer.from(Uint16Array.from(lengths).buffer)))).not.toBeNull()
  const body = bytes === 8 ? Buffer.from(Float64Array.from(lengths).buffer) : Buffer.from(Uint8Array.from(lengths))
  writeFileSync(postings, withSection(readFileSync(postings), 'lengths', body, version))
  expect(decodePostings(readFileSync(postings))).toBeNull()
  await expectFreshResults(library, cache)
  expect(postingsAreCurrent(library, postings)).toBe(true)
})

function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path)
  bytes[at] = bytes[at]! ^ 0x5a
  writeFileSync(path, bytes)
}

/** The bytes before a postings file's header: what it is, its version, the header's length and checksum (16 bytes). */
const FIXED_START = 32

/** Where the sections of a postings file start. */
function headerEnd(path: string): number {
  return FIXED_START + readFileSync(path).readUInt32LE(12)
}

/** Where the section `name` of a postings file starts. */
function sectionStart(path: string, name: string): number {
  const bytes = readFileSync(path)
  const header = JSON.parse(bytes.subarray(FIXED_START, headerEnd(path)).toString('utf8')) as { sections: [string, number][] }
  return headerEnd(path) + header.sections.find(([section]) => section === name)![1]
}

/**
 * The postings file `bytes` with its section `name` holding `body`, its sections laid out again and
 * every checksum made to hold, as version `version`: a file precis did not write.
 */
function withSection(bytes: Buffer, name: string, body: Buffer, version = POSTINGS_FORMAT_VERSION): Buffer {
  const start = FIXED_START + bytes.readUInt32LE(12)
  const header = JSON.parse(bytes.subarray(FIXED_START, start).toString('utf8')) as { sections: [string, number, number, number][] }
  const parts = header.sections.map(([section, offset, length]): [string, Buffer] => [
    section,
    section === name ? body : bytes.subarray(start + offset, start + offset + length),
  ])
  const { bodies, places } = alignedSections(parts, crc32)
  return Buffer.concat(framedParts({ magic: Buffer.from('precisPX', 'latin1'), version }, { ...header, sections: places }, bodies))
}

function writeVersion(path: string, version: number): void {
  const bytes = readFileSync(path)
  bytes.writeUInt32LE(version, 8)
  writeFileSync(path, bytes)
}
