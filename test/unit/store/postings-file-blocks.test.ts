// The postings read from their file a block at a time (word lists and words in order, each block
// checksummed) answer as the postings built in memory do, for ranges that fall inside one block,
// across blocks, and at the end of a section.
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { buildPostings, PostingsUnavailable } from '../../../src/core/search/postings.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { decodePostings, encodePostings } from '../../../src/store/index/postings-format.js'
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
    const last = (name: string) => {
      const header = JSON.parse(bytes.toString('utf8', 36, 36 + bytes.readUInt32LE(12))) as { sections: [string, number, number][] }
      const [, offset, length] = header.sections.find(([section]) => section === name)!
      return 36 + bytes.readUInt32LE(12) + offset + length - 1 // the last byte of the section's last block
    }
    for (const section of ['tokens', 'wordDocs', 'wordDocFields']) {
      const damaged = Buffer.from(bytes)
      damaged[last(section)]! ^= 1
      expect(() => decodePostings(damaged)!.postings.check!(), section).toThrow(PostingsUnavailable)
    }
  })
})
