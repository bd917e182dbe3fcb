// The index beside the JSON library is a shortcut, never a source: whatever happens to it (cut
// short, bytes flipped, another library's index put in its place, a link or a folder where it
// goes, an older format), reads give exactly what a fresh parse of the library gives, and the
// next read builds a good index again.
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { execFileSync, spawnSync } from 'node:child_process'
import { basename, dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../src/core/model.js'
import { FileStore } from '../../src/store/file-store.js'
import type { IndexContents } from '../../src/store/index/contents.js'
import { decodeIndex } from '../../src/store/index/format.js'
import { encodeIndex } from '../../src/store/index/encode-index.js'
import { NameList, NAMES_PER_CHUNK, type NameEntry } from '../../src/store/index/names.js'
import { fileIdentity } from '../../src/store/index/identity.js'
import { IndexFile } from '../../src/store/index/index-file.js'
import { readRecordsAt } from '../../src/store/index/record-reader.js'
import { parseQuery } from '../../src/core/search/query.js'
import { searchLibrary } from '../../src/core/search/search.js'
import { searchFromIndex } from '../../src/store/search-reads.js'
import { relatedFromIndex } from '../../src/store/related-reads.js'
import { relatedPapers, type RelatedPaper } from '../../src/core/related/related.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { readOutline } from '../../src/store/outline-reads.js'
import { entriesAt, sortedPairs } from '../../src/core/records/entries.js'
import { matchingPairs } from '../../src/core/records/listing-filter.js'
import { Listing } from '../../src/core/records/listing.js'
import { deltaPath, postingsPath } from '../../src/store/index/location.js'
import { expectEqual } from '../support/equal.js'
import {
  answersFrom,
  freshAnswers,
  indexedStore,
  indexFileName,
  indexIsCurrent,
  libraryWithCache,
  plainStore,
  recordsAtIndexedPlaces,
} from './support/index.js'

/** A library with what the index keeps track of: tags, citations both ways, a paper to summarise, the trash. */
function citingLibrary(): Library {
  const lib = libraryOf(
    [
      paper({
        key: 'gilmer2017neural',
        title: 'Neural Message Passing for Quantum Chemistry',
        arxiv: '1704.01212',
        category: 'cs.LG',
        abstract: 'An abstract the outline leaves out.',
      }),
      paper({ key: 'kipf2017semi', title: 'Semi-Supervised Classification with Graph Convolutional Networks', year: 2017 }),
      paper({ key: 'vaswani2017attention', title: 'Attention Is All You Need', venue: 'NeurIPS' }),
    ],
    [
      summary({
        id: 'gilmer2017neural',
        paper: 'gilmer2017neural',
        tags: ['gnn', 'chem/quantum'],
        body: 'Builds on \\cite{kipf2017semi}; see also @vaswani2017attention. Ünïcödé ✓.\n',
      }),
      summary({ id: 'kipf2017semi', paper: 'kipf2017semi', tags: ['gnn'], body: 'Spectral convolutions [@gilmer2017neural, p. 3].\n' }),
      summary({ id: 'kipf2017semi-2', paper: 'kipf2017semi', by: 'Second', body: 'A second reading.\n' }),
    ],
  )
  lib.trash.push({
    summary: summary({ id: 'gone', paper: 'gone', body: 'trashed' }),
    paper: paper({ key: 'gone' }),
    deleted: '2024-05-01T00:00:00.000Z',
  })
  return lib
}

/** A library written by precis (which builds its index), with the index current. */
async function writtenLibrary(): Promise<{ library: string; cache: string; index: string }> {
  const { library, cache } = libraryWithCache()
  await indexedStore(library, cache).update((lib) => Object.assign(lib, citingLibrary()))
  expect(indexIsCurrent(library, cache)).toBe(true)
  return { library, cache, index: indexFileName(library, cache) }
}

/**
 * Reads through the index give a fresh parse's answers, and leave a current index behind. (A read
 * that finds a section damaged only as it decodes it removes the index: the read after it builds one.)
 */
async function expectFreshAnswers(library: string, cache: string): Promise<void> {
  const fresh = await freshAnswers(library)
  expectEqual(await answersFrom(indexedStore(library, cache)), fresh)
  expectEqual(await answersFrom(indexedStore(library, cache)), fresh)
  expectEqual(recordsAtIndexedPlaces(library, cache), fresh.records)
}

describe('the index of a library', () => {
  it('is written by a save and answers reads as a fresh parse does, records included', async () => {
    const { library, cache } = await writtenLibrary()
    const answers = await answersFrom(indexedStore(library, cache))
    expectEqual(answers, await freshAnswers(library))
    expect(answers.cites).toEqual([['kipf2017semi', 'vaswani2017attention'], ['gilmer2017neural'], []])
    expect(answers.trashIds).toEqual(['gone'])
  })

  it('is not used after a hand edit that keeps the size and the modification time', async () => {
    const { library, cache } = await writtenLibrary()
    const before = statSync(library, { bigint: true })
    execFileSync('touch', ['-r', library, `${library}.times`]) // touch copies times to the nanosecond, which utimes cannot
    const text = readFileSync(library, 'utf8')
    writeFileSync(library, text.replace('"chem/quantum"', '"chem/qubitsx"')) // in place, the same length
    execFileSync('touch', ['-r', `${library}.times`, library])
    const after = statSync(library, { bigint: true })
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs])
    expect(indexIsCurrent(library, cache)).toBe(false) // the change time moved, and no one can set it back
    await expectFreshAnswers(library, cache)
    expect((await freshAnswers(library)).summaries).toContainEqual(expect.objectContaining({ tags: ['gnn', 'chem/qubitsx'] }))
  })

  it('is rebuilt after the library is reformatted by hand (one line, other record offsets)', async () => {
    const { library, cache } = await writtenLibrary()
    writeFileSync(library, JSON.stringify(JSON.parse(readFileSync(library, 'utf8'))))
    await expectFreshAnswers(library, cache)
  })

  it.each([
    ['cut short', (index: string) => truncateSync(index, Math.floor(statSync(index).size / 2))],
    ['cut to nothing', (index: string) => truncateSync(index, 0)],
    ['cut inside its fixed start', (index: string) => truncateSync(index, 10)],
    ['a byte flipped in its header', (index: string) => flipByte(index, 40)],
    ['a byte flipped in its last section', (index: string) => flipByte(index, statSync(index).size - 2)],
    ['a byte flipped in its checksum', (index: string) => flipByte(index, 20)],
    ['of an older format', (index: string) => writeVersion(index, 0)],
    ['of a newer format', (index: string) => writeVersion(index, 99)],
    ['not an index at all', (index: string) => writeFileSync(index, '{"papers": []}')],
  ])('is rebuilt when %s', async (_, damage) => {
    const { library, cache, index } = await writtenLibrary()
    damage(index)
    expect(indexIsCurrent(library, cache)).toBe(false)
    await expectFreshAnswers(library, cache)
  })

  it("is rebuilt when another library's index is put in its place", async () => {
    const { library, cache, index } = await writtenLibrary()
    const other = await writtenLibrary()
    await indexedStore(other.library, other.cache).update((lib) => void lib.summaries.pop())
    copyFileSync(other.index, index)
    expect(indexIsCurrent(library, cache)).toBe(false)
    await expectFreshAnswers(library, cache)
  })

  it('never reads through a link put where the index goes, and replaces the link, not its target', async () => {
    const { library, cache, index } = await writtenLibrary()
    const other = await writtenLibrary()
    // The other library's index, current for a library that is a copy of this one: only the link gives it away.
    copyFileSync(library, other.library)
    await expectFreshAnswers(other.library, other.cache)
    const target = readFileSync(other.index)
    rmSync(index)
    symlinkSync(other.index, index)
    await expectFreshAnswers(library, cache)
    expect(lstatSync(index).isSymbolicLink()).toBe(false)
    expect(readFileSync(other.index).equals(target)).toBe(true)
  })

  it('is rebuilt when an empty folder is where it goes', async () => {
    const { library, cache, index } = await writtenLibrary()
    rmSync(index)
    mkdirSync(index)
    await expectFreshAnswers(library, cache)
    expect(statSync(index).isFile()).toBe(true)
  })

  it('leaves reads right, without an index, when a folder with files in it is where it goes', async () => {
    const { library, cache, index } = await writtenLibrary()
    rmSync(index)
    mkdirSync(index)
    writeFileSync(`${index}/keep`, 'not ours')
    expectEqual(await answersFrom(indexedStore(library, cache)), await freshAnswers(library))
    expect(readFileSync(`${index}/keep`, 'utf8')).toBe('not ours')
  })

  it('costs nothing but time when the cache folder cannot be made (a file in its way)', async () => {
    const { library, cache } = await writtenLibrary()
    const blocked = `${cache}-blocked`
    writeFileSync(blocked, 'a file where a folder should be')
    await indexedStore(library, blocked).update((lib) => void lib.summaries[0]!.tags.push('more'))
    expectEqual(await answersFrom(indexedStore(library, blocked)), await freshAnswers(library))
    expect(existsSync(`${blocked}/index`)).toBe(false)
  })
})

/**
 * The index of `library` re-encoded with `forge` applied to what it holds: every checksum matches,
 * and the identity is the library's own, so only its columns can give it away.
 */
function forgeIndex(index: string, forge: (contents: Record<string, unknown>) => void): void {
  const contents = decodeIndex(readFileSync(index))!
  const orders = contents.orders!
  // Plain, changeable copies of what it holds (records are views of its columns, numbers typed arrays).
  const plain: Record<string, unknown> = {
    library: contents.library,
    identity: contents.identity,
    papers: JSON.parse(JSON.stringify(contents.papers)),
    summaries: JSON.parse(JSON.stringify(contents.summaries)),
    trashIds: contents.trashIds,
    words: [...contents.words],
    cites: contents.cites,
    tagCounts: contents.tagCounts,
    paperPlaces: Array.from(contents.paperPlaces),
    summaryPlaces: Array.from(contents.summaryPlaces),
    orders: { added: Array.from(orders.added), year: Array.from(orders.year), title: Array.from(orders.title) },
    ties: contents.ties && Array.from(contents.ties),
    entryPlaces: Array.from(contents.entryPlaces),
    stats: structuredClone(contents.stats),
    names: structuredClone(Array.from({ length: contents.names.count }, (_, n) => contents.names.entry(n))),
    // The rows' bytes as text a letter a byte, so a forge can edit them as text.
    plainRows: { text: Buffer.from(contents.plainRows.bytes).toString('latin1'), starts: Array.from(contents.plainRows.starts) },
    taggedEntries: {
      ...contents.taggedEntries,
      starts: Array.from(contents.taggedEntries.starts),
      keys: Array.from(contents.taggedEntries.keys),
    },
    tagLists: {
      ...contents.tagLists,
      names: [...contents.tagLists.names],
      starts: Array.from(contents.tagLists.starts),
      ids: Array.from(contents.tagLists.ids),
    },
  }
  forge(plain)
  plain.names = new NameList(plain.names as NameEntry[])
  const rows = plain.plainRows as { text: string; starts: number[] }
  plain.plainRows = { bytes: Buffer.from(rows.text, 'latin1'), starts: rows.starts }
  writeFileSync(index, encodeIndex(plain as unknown as IndexContents))
}

/** A library of `count` papers, each with a summary citing the paper before it: names in several chunks of the table. */
function manyNamesLibrary(count: number): Library {
  const key = (i: number) => `p${String(i).padStart(4, '0')}x`
  return libraryOf(
    Array.from({ length: count }, (_, i) => paper({ key: key(i) })),
    Array.from({ length: count }, (_, i) =>
      summary({ id: `${key(i)}-notes`, paper: key(i), body: i > 0 ? `After @${key(i - 1)}.\n` : 'First.\n' }),
    ),
  )
}

/** Where the section `name` of an index file starts, and its length. */
function indexSection(path: string, name: string): { start: number; length: number } {
  const bytes = readFileSync(path)
  const end = 32 + bytes.readUInt32LE(12)
  const header = JSON.parse(bytes.subarray(32, end).toString('utf8')) as { sections: [string, number, number, string][] }
  const [, offset, length] = header.sections.find(([section]) => section === name)!
  return { start: end + offset, length }
}

describe('the name table and the places, checked a chunk or a block at a time', () => {
  /** A library written by precis with names in several chunks (NAMES_PER_CHUNK each). */
  async function manyNames(): Promise<{ library: string; cache: string; index: string }> {
    const { library, cache } = libraryWithCache()
    await indexedStore(library, cache).update((lib) => Object.assign(lib, manyNamesLibrary(300)))
    const index = indexFileName(library, cache)
    expect(decodeIndex(readFileSync(index))!.names.count).toBeGreaterThan(2 * NAMES_PER_CHUNK)
    return { library, cache, index }
  }

  it('answer as a fresh parse does, names of every chunk and places of every block', async () => {
    const { library, cache } = await manyNames()
    await expectFreshAnswers(library, cache)
    expect(indexIsCurrent(library, cache)).toBe(true)
  })

  // Damage found in a chunk or a block sends the read to the library and removes the index; block
  // checksums that fail leave the places to the whole section's own check, which holds.
  it.each([
    ['a byte flipped in a chunk of names', 'names', 0.5, true],
    ['a byte flipped in the last chunk of names', 'names', 0.99, true],
    ['a byte flipped in the directory of the chunks', 'names.chunks', 0.5, true],
    ['a byte flipped in a block of places', 'summaryPlaces', 0.5, true],
    ["a byte flipped in the places' block checksums", 'paperPlaces.sums', 0.5, false],
  ])('answer as a fresh parse with %s', async (_, section, where, removed) => {
    const { library, cache, index } = await manyNames()
    const { start, length } = indexSection(index, section)
    flipByte(index, start + Math.floor(length * where))
    expectEqual(await answersFrom(indexedStore(library, cache)), await freshAnswers(library))
    expect(existsSync(index)).toBe(!removed)
    await expectFreshAnswers(library, cache)
  })

  // A few rows listed are each checked alone (their CRC-32), never the whole section: the damage is
  // found in the row read, which is then the library's.
  it.each([
    ["a letter changed in the first of list's rows, listed alone", 0, 1],
    ['a letter changed in a row listed among others', 0.5, 20],
  ])('answer as a fresh parse with %s', async (_, where, count) => {
    const { library, cache, index } = await manyNames()
    const { start, length } = indexSection(index, 'rows')
    const at = start + Math.floor(length * where)
    const bytes = readFileSync(index)
    // A row's text still valid and plain: only its checksum tells.
    bytes[at] = bytes[at] === 0x71 ? 0x72 : 0x71
    writeFileSync(index, bytes)
    const listed = async (store: FileStore) => {
      const outline = await readOutline(store)
      const pairs = sortedPairs(outline, 'added')
      const around = Math.max(0, Math.floor((pairs.length >> 1) * where) - (count >> 1))
      const some = Array.prototype.slice.call(pairs, 2 * around, 2 * (around + count)) as number[]
      let text = ''
      new Listing(outline, some).writePlain((piece) => (text += typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8')))
      return text
    }
    const fresh = await listed(plainStore(library))
    expect(fresh.split('\n')).toHaveLength(count + 1)
    expect(await listed(indexedStore(library, cache))).toBe(fresh)
    expect(existsSync(index)).toBe(false)
    await expectFreshAnswers(library, cache)
  })
})

describe('the years a year: filter reads as they lie', () => {
  it('are checked: a year that is not a whole number sends the filter to the library', async () => {
    const { library, cache, index } = await writtenLibrary()
    // kipf2017semi's year forged to 2016.5: read as it lies, `year:>=2017` would leave it out.
    forgeIndex(index, (c) => ((c.papers as { key: string; year: unknown }[]).find((p) => p.key === 'kipf2017semi')!.year = 2016.5))
    const dated = async (store: FileStore) => {
      const outline = await readOutline(store)
      return entriesAt(outline, matchingPairs(outline, sortedPairs(outline, 'added'), parseQuery('year:>=2017'))!).map((e) => e.id)
    }
    const fresh = await dated(plainStore(library))
    expect(fresh).toContain('kipf2017semi')
    expect(await dated(indexedStore(library, cache))).toEqual(fresh)
    expect(existsSync(index)).toBe(false)
  })
})

describe('the ids, keys, entries and ranks of ties a search reads, checked a block at a time', () => {
  // A search reads those of the entries it shows by the blocks they lie in: damage in one sends the
  // read to the whole section's own check (then to the library), and the answers are the scan's.
  it.each([
    'summary.id',
    'summary.id.ends',
    'summary.id.blocks',
    'paper.key',
    'paper.key.ends',
    'paper.key.blocks',
    'entries',
    'entries.blocks',
    'order.ties',
    'order.ties.blocks',
  ])('leave searches answering as the scan of a fresh parse with a byte flipped in %s', async (section) => {
    const { library, cache } = libraryWithCache()
    await indexedStore(library, cache).update((lib) => Object.assign(lib, manyNamesLibrary(300)))
    const index = indexFileName(library, cache)
    const { start, length } = indexSection(index, section)
    flipByte(index, start + Math.floor(length * 0.3))
    const fresh = await plainStore(library).read()
    for (const [text, limit] of [
      ['after', 5],
      ['', 5],
      ['first', 1],
      ['after', 300],
    ] as const) {
      const query = parseQuery(text, 'pasted')
      const options = { limit, lastWord: 'prefix' as const }
      const answered = await searchFromIndex(indexedStore(library, cache), query, options)
      expect(answered?.result, text).toEqual(searchLibrary(fresh, query, options))
    }
    await expectFreshAnswers(library, cache)
  })
})

describe('records read where the caller says they are', () => {
  it('are the records asked for, found by key and id when those places are wrong or out of range', async () => {
    const { library, cache } = await writtenLibrary()
    const target = realpathSync(library)
    const contents = new IndexFile(indexFileName(library, cache), target).load(fileIdentity(target))!
    const keys = contents.papers.map((p) => p.key)
    const ids = contents.summaries.map((s) => s.id)
    const expected = readRecordsAt(target, contents, keys, ids)!
    const right = { papers: keys.map((_, i) => i), summaries: ids.map((_, i) => i) }
    const wrong = { papers: keys.map((_, i) => keys.length - 1 - i), summaries: ids.map((_, i) => (i === 0 ? 2 ** 40 : -1)) }
    const ragged = { papers: [0.5], summaries: [] }
    for (const places of [right, wrong, ragged]) expect(readRecordsAt(target, contents, keys, ids, places)).toEqual(expected)
    expect(expected.papers.size).toBe(keys.length)
  })
})

describe('an index read section by section', () => {
  it('reads the file it loaded when another is renamed over it before its sections are read (one state, never two)', async () => {
    const { library, index } = await writtenLibrary()
    const other = await writtenLibrary()
    await indexedStore(other.library, other.cache).update((lib) => void lib.summaries.pop())
    const target = realpathSync(library)
    const contents = new IndexFile(index, target).load(fileIdentity(target))! // no fallback: a section that fails throws
    renameSync(copyOf(other.index), index) // as a save of another process replaces it
    const fresh = await freshAnswers(library)
    expect(contents.summaries.map((s) => s.id)).toEqual((fresh.summaries as { id: string }[]).map((s) => s.id))
    expect([...contents.words]).toEqual(fresh.words)
    expect(contents.tagCounts).toEqual(fresh.tagCounts)
  })
})

/** A copy of `path` beside it. */
function copyOf(path: string): string {
  copyFileSync(path, `${path}.copy`)
  return `${path}.copy`
}

describe('an index whose checksums hold but whose contents precis did not write', () => {
  it.each([
    ['a summary id that is a number', (c: Record<string, unknown>) => ((c.summaries as { id: unknown }[])[1]!.id = 7)],
    ['a year that is not a whole number', (c: Record<string, unknown>) => ((c.papers as { year: unknown }[])[0]!.year = 2017.5)],
    ['a tag list that is text', (c: Record<string, unknown>) => ((c.summaries as { tags: unknown }[])[0]!.tags = 'gnn')],
    ['a word count that is negative', (c: Record<string, unknown>) => ((c.words as number[])[0] = -1)],
    ['tag counts that are not counts', (c: Record<string, unknown>) => ((c.tagCounts as { count: unknown }[])[0]!.count = 'two')],
    ['citations that are not text', (c: Record<string, unknown>) => ((c.cites as unknown[])[0] = [{ key: 1 }])],
    ['places of the wrong length', (c: Record<string, unknown>) => (c.summaryPlaces as number[]).push(3)],
    ['a priority out of range', (c: Record<string, unknown>) => ((c.papers as { priority: unknown }[])[1]!.priority = 9)],
    ['a reading state precis does not know', (c: Record<string, unknown>) => ((c.papers as { state: unknown }[])[2]!.state = 'skimmed')],
    ['an order naming a paper that is not there', (c: Record<string, unknown>) => ((c.orders as { title: number[] }).title[1] = 99)],
    ['an order with half an entry', (c: Record<string, unknown>) => (c.orders as { year: number[] }).year.push(0)],
    ['statistics that are not counts', (c: Record<string, unknown>) => ((c.stats as { words: unknown }).words = -1)],
    ['statistics without a top list', (c: Record<string, unknown>) => delete (c.stats as { longest?: unknown }).longest],
    ['names out of order', (c: Record<string, unknown>) => (c.names as ForgedNames).reverse()],
    ['a name twice', (c: Record<string, unknown>) => ((c.names as ForgedNames)[1]!.name = (c.names as ForgedNames)[0]!.name)],
    ['a name that is not text', (c: Record<string, unknown>) => ((c.names as ForgedNames)[1]!.name = 7)],
    ['references out of order', (c: Record<string, unknown>) => (c.names as ForgedNames).find((e) => e.refs.length > 1)!.refs.reverse()],
    ['a citation of a paper at a negative position', (c: Record<string, unknown>) => ((c.names as ForgedNames)[0]!.cited = -7)],
    ['a paper without its citing summaries', (c: Record<string, unknown>) => (c.names as ForgedNames)[0]!.citing.pop()],
    ['a row with a terminal escape', (c) => forgeRows(c, (rows) => (rows.text = rows.text.replace('Neural', '\u001b[31mNeura')))],
    ['a row with a line break in a field', (c) => forgeRows(c, (rows) => (rows.text = rows.text.replace('\t', '\n')))],
    ['a row of five fields', (c) => forgeRows(c, (rows) => (rows.text = rows.text.replace('Neural', 'Neu\tal')))],
    ['a row of three fields', (c) => forgeRows(c, (rows) => (rows.text = rows.text.replace('\t', ' ')))],
    ['rows starting out of order', (c) => forgeRows(c, (rows) => ([rows.starts[1], rows.starts[2]] = [rows.starts[2]!, rows.starts[1]!]))],
    ['rows ending before the text does', (c) => forgeRows(c, (rows) => (rows.text += 'more'))],
    ['rows ending after the text does', (c) => forgeRows(c, (rows) => (rows.starts[rows.starts.length - 1]! += 1))],
    ['a row not ending its line', (c) => forgeRows(c, (rows) => (rows.starts[1]! -= 1))],
    ['no rows at all', (c) => forgeRows(c, (rows) => Object.assign(rows, { text: '', starts: [] }))],
    ['a row that is not UTF-8', (c) => forgeRows(c, (rows) => (rows.text = rows.text.replace('Neural', 'Neur\u00c0\u009b')))],
    ['a row with a C1 control', (c) => forgeRows(c, (rows) => (rows.text = rows.text.replace('Neural', 'Neur\u00c2\u009b')))],
    ['a row with a bidi override', (c) => forgeRows(c, (rows) => (rows.text = rows.text.replace('Neural', '\u00e2\u0080\u00aeural')))],
    ['a tag that is not text', (c) => ((c.taggedEntries as { tags: unknown[] }).tags[0] = 7)],
    ['no lists for its tags', (c) => Object.assign(c.taggedEntries as object, { starts: [], keys: [] })],
  ])('answers as a fresh parse (%s), and is built again by the next read', async (_, forge) => {
    const { library, cache, index } = await writtenLibrary()
    forgeIndex(index, forge)
    expect(decodeIndex(readFileSync(index))).not.toBeNull() // its header and checksums hold: a read uses it
    expect(indexIsCurrent(library, cache)).toBe(false) // but a column is not what precis writes
    const fresh = await freshAnswers(library)
    expectEqual(await answersFrom(indexedStore(library, cache)), fresh)
    expect(existsSync(index)).toBe(false) // removed as soon as it was found out
    await expectFreshAnswers(library, cache)
    expect(indexIsCurrent(library, cache)).toBe(true)
  })

  it.each([
    ['a tag that is not text', (lists: ForgedTagLists) => (lists.names[0] = 7)],
    ['a number past the tags', (lists: ForgedTagLists) => (lists.ids[0] = 99)],
    ['a row ending before it starts', (lists: ForgedTagLists) => (lists.starts[1] = 5)],
    ['rows ending past the numbers', (lists: ForgedTagLists) => lists.starts.splice(-1, 1, 99)],
    ['no rows', (lists: ForgedTagLists) => Object.assign(lists, { starts: [], ids: [] })],
  ])('finds related papers right when the tags of the records it keeps as numbers have %s', async (_, forge) => {
    const { library, cache, index } = await writtenLibrary()
    forgeIndex(index, (c) => forge(c.tagLists as ForgedTagLists))
    expect(indexIsCurrent(library, cache)).toBe(false)
    const fresh = await plainStore(library).read()
    for (const { key } of fresh.papers) {
      const store = indexedStore(library, cache)
      const answered = (await relatedFromIndex(store, await readOutline(store), key, 10)) ?? relatedPapers(await store.read(), key, 10)
      const plain = (found: RelatedPaper[]) => found.map((r) => ({ key: r.paper.key, score: r.score, reasons: r.reasons }))
      expect(plain(answered), key).toEqual(plain(relatedPapers(fresh, key, 10)))
    }
    await expectFreshAnswers(library, cache)
    expect(indexIsCurrent(library, cache)).toBe(true)
  })

  it.each([
    ['records that do not bear the names they are listed under', (names: ForgedNames) => swapRecords(names[0]!, names[1]!)],
    ['references to records that are not there', (names: ForgedNames) => (names[0]!.refs = [3 * 99])],
    ['a citation of a paper that is not there', (names: ForgedNames) => (names[0]!.cited = 99)],
    ['a citing summary that is not there', (names: ForgedNames) => (names.find((e) => e.citing.length > 0)!.citing[0] = [99])],
  ])('finds records by name right when the name table lists %s', async (_, forge) => {
    const { library, cache, index } = await writtenLibrary()
    forgeIndex(index, (c) => forge(c.names as ForgedNames))
    expectEqual(await answersFrom(indexedStore(library, cache)), await freshAnswers(library))
  })

  it.each([
    ['entries that are not there', (tagged: ForgedTagged) => (tagged.keys[0] = 999)],
    ['a list ending past the entries', (tagged: ForgedTagged) => (tagged.starts[1] = tagged.keys.length + 5)],
    ['a list ending before it starts', (tagged: ForgedTagged) => (tagged.starts[1] = tagged.starts[2]! + 1)],
  ])('lists and searches the entries of a tag right when the index gives %s', async (_, forge) => {
    const { library, cache, index } = await writtenLibrary()
    forgeIndex(index, (c) => forge(c.taggedEntries as ForgedTagged))
    // A search's `tag:` terms read the same lists: required, negated, under OR, beside a year and a word.
    const fresh = await plainStore(library).read()
    for (const text of ['tag:gnn', 'tag:chem', '-tag:gnn', 'tag:chem OR year:<2017', 'tag:gnn year:>=2017', 'convolutions -tag:chem']) {
      const query = parseQuery(text, 'pasted')
      const options = { limit: 10, lastWord: 'whole' as const }
      const answered = await searchFromIndex(indexedStore(library, cache), query, options)
      expect(answered?.result, text).toEqual(searchLibrary(fresh, query, options))
    }
    expectEqual(await answersFrom(indexedStore(library, cache)), await freshAnswers(library))
  })

  it.each([
    ['a summary that is not there', (pairs: number[]) => (pairs[2] = 99)],
    ['a paper that is not there', (pairs: number[]) => (pairs[3] = 99)],
    ['a place that is not a whole number', (pairs: number[]) => (pairs[0] = 0.5)],
  ])('searches with tag: and year: filters right when the entries it keeps in library order name %s', async (_, forge) => {
    // The filters' marks read every entry's pair at once (checked in one loop), the entries shown each alone.
    const { library, cache, index } = await writtenLibrary()
    forgeIndex(index, (c) => forge(c.entryPlaces as number[]))
    const fresh = await plainStore(library).read()
    for (const text of [
      'tag:gnn',
      '-tag:gnn',
      'tag:chem OR year:<2017',
      'tag:gnn year:>=2017',
      'convolutions -tag:chem',
      'graph year:>=2017',
    ]) {
      const query = parseQuery(text, 'pasted')
      const options = { limit: 10, lastWord: 'whole' as const }
      const answered = await searchFromIndex(indexedStore(library, cache), query, options)
      expect(answered?.result, text).toEqual(searchLibrary(fresh, query, options))
    }
  })

  it.each([
    ['beyond the end of the file', (places: number[]) => (places[1] = 2 ** 52)],
    ['ending before they start', (places: number[]) => ([places[0], places[1]] = [places[1]!, places[0]!])],
    ['on another record', (places: number[]) => places.push(...places.splice(0, 2))],
    ['not whole numbers', (places: number[]) => (places[0] = 0.5)],
    ['before the start of the file', (places: number[]) => (places[2] = -8)],
  ])('reads whole records right when the places it gives are %s', async (_, forge) => {
    const { library, cache, index } = await writtenLibrary()
    forgeIndex(index, (c) => forge(c.summaryPlaces as number[]))
    expectEqual(await answersFrom(indexedStore(library, cache)), await freshAnswers(library))
  })
})

describe('the ranks of ties an index keeps (a search breaks ties of score with them)', () => {
  it.each([
    ['not whole numbers', (ranks: number[]) => (ranks[0] = 0.5)],
    ['past the entries', (ranks: number[]) => (ranks[1] = 99)],
    ['negative', (ranks: number[]) => (ranks[2] = -1)],
  ])('leave searches answering as the scan of a fresh parse when they are %s, and the index is built again', async (_, forge) => {
    const { library, cache, index } = await writtenLibrary()
    expect(decodeIndex(readFileSync(index))!.ties).not.toBeNull() // precis's own times: kept
    forgeIndex(index, (c) => forge(c.ties as number[]))
    const fresh = await plainStore(library).read()
    // Every summary updated at the same time: the empty query and a shared word rank by the ties alone.
    for (const text of ['', 'gnn', 'quantum', 'kipf2017semi']) {
      const query = parseQuery(text, 'pasted')
      const options = { limit: 10, lastWord: 'prefix' as const }
      const answered = await searchFromIndex(indexedStore(library, cache), query, options)
      expect(answered?.result, text).toEqual(searchLibrary(fresh, query, options))
    }
    expect(indexIsCurrent(library, cache)).toBe(true)
  })
})

describe('the indexes of libraries that no longer exist, and of older formats', () => {
  it('are removed when another index is rebuilt, with indexes of an older format, and the indexes of libraries still there are kept', async () => {
    const kept = await writtenLibrary()
    const gone = await writtenLibrary()
    const other = await writtenLibrary()
    // All three indexes in one cache folder, as one user's libraries are.
    const indexOf = async (lib: { library: string }) => {
      await answersFrom(indexedStore(lib.library, kept.cache))
      return indexFileName(lib.library, kept.cache)
    }
    const [goneIndex, otherIndex] = [await indexOf(gone), await indexOf(other)]
    // The gone library's search postings, and their delta, are named after its index.
    writeFileSync(postingsPath(goneIndex), 'postings')
    writeFileSync(deltaPath(postingsPath(goneIndex)), 'delta')
    writeFileSync(postingsPath(otherIndex), 'postings')
    writeFileSync(`${dirname(kept.index)}/notes.txt`, 'not an index')
    const older = `${dirname(kept.index)}/0123456789abcdef.index`
    copyFileSync(otherIndex, older)
    writeVersion(older, 1) // an index of an older format, perhaps named otherwise
    rmSync(gone.library)
    await answersFrom(indexedStore(kept.library, kept.cache)) // current: nothing rebuilt, nothing pruned
    expect(existsSync(goneIndex)).toBe(true)
    writeFileSync(kept.library, JSON.stringify(JSON.parse(readFileSync(kept.library, 'utf8')))) // a hand edit: rebuilt
    await expectFreshAnswers(kept.library, kept.cache)
    expect(existsSync(goneIndex)).toBe(false)
    expect(existsSync(postingsPath(goneIndex))).toBe(false)
    expect(existsSync(deltaPath(postingsPath(goneIndex)))).toBe(false)
    expect(existsSync(older)).toBe(false)
    expect(existsSync(otherIndex)).toBe(true)
    expect(existsSync(postingsPath(otherIndex))).toBe(true)
    expect(existsSync(`${dirname(kept.index)}/notes.txt`)).toBe(true)
  })
})

describe('a read that builds the index', () => {
  it('says so first on a large library, and a read from the index says nothing', async () => {
    const { library, cache } = await writtenLibrary()
    const notes: string[] = []
    const store = () =>
      new FileStore(library, 2_000, undefined, undefined, { cacheDir: cache, note: (m) => void notes.push(m), noteFromBytes: 100 })
    await answersFrom(store())
    expect(notes).toEqual([]) // the index a save wrote
    writeFileSync(library, JSON.stringify(JSON.parse(readFileSync(library, 'utf8'))))
    await answersFrom(store())
    expect(notes).toEqual([expect.stringMatching(/^Indexing the library \([\d.]+ (B|KiB|MiB)\); later reads will be quick\.$/)])
    await answersFrom(store())
    expect(notes).toHaveLength(1)
  })
})

describe('the temporary files of index saves', () => {
  it('are removed by the next save when the process that made them is gone', async () => {
    const { library, cache, index } = await writtenLibrary()
    const dead = spawnSync('true').pid
    const { tempNameBeside } = await import('../../src/store/temp-files.js')
    const left = tempNameBeside(index, 'tmp').replace(`-${process.pid}-`, `-${dead}-`)
    writeFileSync(left, 'what a killed save left')
    await indexedStore(library, cache).update((lib) => void lib.summaries[0]!.tags.push('again'))
    expect(existsSync(left)).toBe(false)
    expect(readdirSync(dirname(index))).toEqual([basename(index)])
  })
})

/** Every record's tags as numbers as forgeIndex hands them out, to change. */
type ForgedTagLists = { names: unknown[]; starts: number[]; ids: number[] }

/** The tagged entries as forgeIndex hands them out, to change. */
type ForgedTagged = { tags: string[]; starts: number[]; keys: number[] }

/** `list`'s rows as forgeIndex hands them out (their bytes as text, a letter a byte), changed by `forge`. */
function forgeRows(contents: Record<string, unknown>, forge: (rows: { text: string; starts: number[] }) => void): void {
  forge(contents.plainRows as { text: string; starts: number[] })
}

/** The name table as forgeIndex hands it out: its entries, in order, each changeable. */
type ForgedNames = { name: unknown; refs: number[]; cited: unknown; citing: number[][] }[]

/** Two names each listing the other's records. */
function swapRecords(a: ForgedNames[number], b: ForgedNames[number]): void {
  ;[a.refs, b.refs, a.citing, b.citing] = [b.refs, a.refs, b.citing, a.citing]
}

function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path)
  bytes[at] = bytes[at]! ^ 0x5a
  writeFileSync(path, bytes)
}

function writeVersion(path: string, version: number): void {
  const bytes = readFileSync(path)
  bytes.writeUInt32LE(version, 8)
  writeFileSync(path, bytes)
}
