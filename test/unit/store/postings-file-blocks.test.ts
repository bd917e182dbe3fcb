// The postings read from their file a block at a time (word lists and words in order, each block
// checksummed) answer as the postings built in memory do, for ranges that fall inside one block,
// across blocks, and at the end of a section.
import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { buildPostings, PostingsUnavailable } from '../../../src/core/search/postings.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { decodePostings, encodePostings } from '../../../src/store/index/postings-format.js'
import { PostingsFile } from '../../../src/store/index/postings-file.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded } from '../../support/random.js'

const WORDS = ['graph', 'graphs', 'neural', 'network', 'networks', 'quantum', 'chemistry', 'attention', 'kernel', 'spectral', 'the', 'of']

describe('postings read from their file a block at a time', () => {
  it('answer every query as the postings built in memory do', () => {
    const random = seeded(7)
    const sentence = (n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ')
    const papers = Array.from({ length: 900 }, (_, i) => paper({ key: `p${i}`, title: sentence(4) }))
    const summaries = papers.map((p) => summary({ id: p.key, paper: p.key, body: `${sentence(40 + Math.floor(random() * 40))}.\n` }))
    const entries = libraryEntries(libraryOf(papers, summaries))
    const built = buildPostings(entries)
    expect(built.tokens.length).toBeGreaterThan(4 * 4096) // several blocks of words in order
    expect(built.wordDocs.length).toBeGreaterThan(2 * 4096) // and of word lists
    const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
    const decoded = decodePostings(encodePostings({ library: '/l.json', identity, postings: built }))!
    const inMemory = new PostingsSearch(built, entries)
    const fromFile = new PostingsSearch(decoded.postings, entries)
    for (const text of [
      'graph',
      'neural networks',
      '"neural networks"',
      'quantum chemistry kernel',
      'gra',
      'netw',
      'grpah',
      'the of graph',
    ]) {
      for (const lastWord of ['whole', 'prefix'] as const) {
        const query = parseQuery(text, 'pasted')
        const options = { limit: 50, lastWord }
        expect(fromFile.rank(query, options), `${text}, ${lastWord}`).toEqual(inMemory.rank(query, options))
      }
    }
  })

  it('are checked block by block, none kept, and a damaged block in the words in order or the word lists is found', () => {
    const random = seeded(8)
    const sentence = (n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ')
    const papers = Array.from({ length: 600 }, (_, i) => paper({ key: `p${i}`, title: sentence(4) }))
    const summaries = papers.map((p) => summary({ id: p.key, paper: p.key, body: `${sentence(60)}.\n` }))
    const built = buildPostings(libraryEntries(libraryOf(papers, summaries)))
    const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
    const bytes = encodePostings({ library: '/l.json', identity, postings: built })
    expect(() => decodePostings(bytes)!.postings.check!()).not.toThrow()
    const fixed = 32 // what the file is, its version, the header's length and checksum (16 bytes)
    const last = (name: string) => {
      const header = JSON.parse(bytes.toString('utf8', fixed, fixed + bytes.readUInt32LE(12))) as { sections: [string, number, number][] }
      const [, offset, length] = header.sections.find(([section]) => section === name)!
      return fixed + bytes.readUInt32LE(12) + offset + length - 1 // the last byte of the section's last block
    }
    for (const section of ['tokens', 'wordDocs', 'wordDocFields']) {
      const damaged = Buffer.from(bytes)
      damaged[last(section)]! ^= 1
      expect(() => decodePostings(damaged)!.postings.check!(), section).toThrow(PostingsUnavailable)
    }
  })
})

describe('words in order read from their file across blocks', () => {
  it('are those in memory, for ranges over two or three blocks, their first blocks kept or not, in any order', () => {
    const random = seeded(9)
    const sentence = (n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ')
    const papers = Array.from({ length: 400 }, (_, i) => paper({ key: `p${i}`, title: sentence(3) }))
    const summaries = papers.map((p) => summary({ id: p.key, paper: p.key, body: `${sentence(200)}.\n` }))
    const built = buildPostings(libraryEntries(libraryOf(papers, summaries)))
    expect(built.tokens.length).toBeGreaterThan(12 * 4096)
    const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
    const { postings } = decodePostings(encodePostings({ library: '/l.json', identity, postings: built }))!
    const ranges: [number, number][] = [
      [4096 * 3 - 5, 4096 * 3 + 5], // two blocks, neither read
      [4096 * 3 + 7, 4096 * 5 + 1], // three, the first kept
      [4096 * 9 + 1, 4096 * 10 + 9], // two, far on
      [4096 * 8 - 2, 4096 * 9 + 2], // two, the second kept
      [4096 * 10 + 9, 4096 * 11 + 3], // right after the last read: what follows is read ahead
      [4096 * 11 + 3, 4096 * 11 + 40],
      [0, 4096 * 2 + 1],
    ]
    for (const [start, end] of ranges)
      expect(postings.tokenRange!(start, end), `${start}-${end}`).toEqual(built.tokens.subarray(start, end))
  })
})

describe('postings read from a file larger than the blocks a search keeps', () => {
  it('answer a phrase that reads every block of the words in order, some again after they were let go, as in memory', () => {
    const random = seeded(13)
    const sentence = (n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ')
    // Over a million words in order: more blocks than are kept (256 of 4,096 words).
    const papers = Array.from({ length: 2200 }, (_, i) => paper({ key: `p${i}`, title: sentence(3) }))
    const summaries = papers.map((p) => summary({ id: p.key, paper: p.key, body: `${sentence(500)}.\n` }))
    const entries = libraryEntries(libraryOf(papers, summaries))
    const built = buildPostings(entries)
    expect(built.tokens.length).toBeGreaterThan(257 * 4096)
    const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
    const decoded = decodePostings(encodePostings({ library: '/l.json', identity, postings: built }))!
    const fromFile = new PostingsSearch(decoded.postings, entries)
    const inMemory = new PostingsSearch(built, entries)
    for (const text of ['"neural networks"', '"the graph"', 'quantum chemistry', '"neural networks"']) {
      const query = parseQuery(text, 'pasted')
      expect(fromFile.rank(query, { limit: 20 }), text).toEqual(inMemory.rank(query, { limit: 20 }))
    }
  })
})

describe('postings loaded from their file', () => {
  it('read their blocks from the file they were loaded from, even when a save puts others in its place meanwhile', async () => {
    const random = seeded(11)
    const entriesOf = (words: string[]) => {
      const sentence = (n: number) => Array.from({ length: n }, () => pick(random, words)).join(' ')
      const papers = Array.from({ length: 400 }, (_, i) => paper({ key: `p${i}`, title: sentence(3) }))
      return libraryEntries(
        libraryOf(
          papers,
          papers.map((p) => summary({ id: p.key, paper: p.key, body: `${sentence(60)}.\n` })),
        ),
      )
    }
    const [mine, others] = [entriesOf(WORDS), entriesOf(['graph', 'neural', 'chemistry', 'other', 'words', 'entirely'])]
    const dir = mkdtempSync(join(tmpdir(), 'precis-postings-'))
    try {
      const path = join(dir, 'library.postings')
      const identity = (ino: string) => ({ dev: '1', ino, size: '3', mtimeNs: '4', ctimeNs: '5' })
      const file = new PostingsFile(path, '/l.json')
      await file.save({ library: '/l.json', identity: identity('2'), postings: buildPostings(mine) })
      const loaded = file.load(identity('2'))! // its lists and words in order not read yet
      const elsewhere = new PostingsFile(join(dir, 'other.postings'), '/l.json')
      await elsewhere.save({ library: '/l.json', identity: identity('9'), postings: buildPostings(others) })
      renameSync(elsewhere.path, path) // as a save of another process replaces them
      const fromFile = new PostingsSearch(loaded, mine)
      const inMemory = new PostingsSearch(buildPostings(mine), mine)
      for (const text of ['graph', '"neural networks"', 'quantum chemistry', 'netw']) {
        const query = parseQuery(text, 'pasted')
        expect(fromFile.rank(query, { limit: 50 }), text).toEqual(inMemory.rank(query, { limit: 50 }))
      }
      expect(file.load(identity('2'))).toBeNull() // the file there now is of another library file
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
