// The entries' field lengths in a postings file: two bytes each where every one fits, else four,
// read back as the same whole numbers, and a search from the file ranks as the postings built in
// memory do either way.
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { buildPostings, FIELD_COUNT } from '../../../src/core/search/postings.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { decodePostings, encodePostings } from '../../../src/store/index/postings-format.js'
import { FIXED_BYTES } from '../../../src/store/index/frame.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const IDENTITY = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }

/** Entries whose first summary's body is about `bodyLength` units long, the others short. */
function entriesWithBody(bodyLength: number) {
  const papers = ['graph neural networks', 'quantum chemistry kernels', 'spectral graph attention'].map((title, i) =>
    paper({ key: `p${i}`, title }),
  )
  const long = 'graph kernels on spectral networks. '.repeat(Math.ceil(bodyLength / 36)).slice(0, bodyLength - 1)
  const summaries = papers.map((p, i) => summary({ id: p.key, paper: p.key, body: `${i === 0 ? long : p.title}\n` }))
  return libraryEntries(libraryOf(papers, summaries))
}

/** The byte length of the postings file's section `name`, from its header. */
function sectionLength(bytes: Buffer, name: string): number {
  const header = JSON.parse(bytes.subarray(FIXED_BYTES, FIXED_BYTES + bytes.readUInt32LE(12)).toString()) as {
    sections: [string, number, number, number][]
  }
  return header.sections.find(([section]) => section === name)![2]
}

describe("a postings file's field lengths", () => {
  it.each([
    ['every one fits two bytes (the longest 65,535 units)', 65_535, 2],
    ['one does not (65,536 units)', 65_536, 4],
    ['one is far past two bytes', 300_000, 4],
  ])('are read back as they were built when %s', (_, bodyLength, bytesEach) => {
    const entries = entriesWithBody(bodyLength)
    const built = buildPostings(entries)
    expect(Math.max(...built.lengths)).toBe(bodyLength)
    const bytes = encodePostings({ library: '/l.json', identity: IDENTITY, postings: built })
    expect(sectionLength(bytes, 'lengths')).toBe(built.lengths.length * bytesEach)
    const decoded = decodePostings(bytes)!.postings
    expect(decoded.lengths.BYTES_PER_ELEMENT).toBe(bytesEach)
    expect([...decoded.lengths]).toEqual([...built.lengths])
    const sums = new Array<number>(FIELD_COUNT).fill(0)
    built.lengths.forEach((length, i) => (sums[i % FIELD_COUNT]! += length))
    expect([...decoded.lengthSums!]).toEqual(sums)
    const inMemory = new PostingsSearch(built, entries)
    const fromFile = new PostingsSearch(decoded, entries)
    for (const text of ['graph', 'spectral networks', 'kernels graph attention quantum'])
      expect(fromFile.rank(parseQuery(text, 'pasted'), { limit: 10, lastWord: 'whole' }), text).toEqual(
        inMemory.rank(parseQuery(text, 'pasted'), { limit: 10, lastWord: 'whole' }),
      )
  })
})
