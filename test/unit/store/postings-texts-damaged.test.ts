// The postings' words and stems as a file gives them: ends before their starts or past the bytes (a
// file precis did not write) read as what `at` cuts, a block at a time as read whole, and a search
// of such a file answers (wrong words at worst, never a crash).
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { buildPostings } from '../../../src/core/search/postings.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { FIXED_BYTES, framedParts } from '../../../src/store/index/frame.js'
import { decodePostings, encodePostings, POSTINGS_FORMAT_VERSION, utf8Texts } from '../../../src/store/index/postings-format.js'
import { libraryOf, paper, summary } from '../../support/library.js'

describe('texts of a file whose ends are not those precis writes', () => {
  it('read an end before its start, or past the bytes, as what at cuts', () => {
    const bytes = Buffer.from('graphgrpahé', 'utf8')
    const read = utf8Texts(bytes, Uint32Array.from([5, 3, 20, bytes.length]))!
    expect([0, 1, 2, 3].map((i) => read.at(i))).toEqual(['graph', '', 'phgrpahé', ''])
    const past = utf8Texts(Buffer.from('graphgrpah'), Uint32Array.from([5, 20, 10]))!
    expect(past.at(1)).toBe('grpah')
  })
})

/** The bytes of the table blocks the postings check as they read them (postings-format.ts's TABLE_BLOCK). */
const TABLE_BLOCK = 16384

/**
 * Postings whose word ends (the vocabulary's, from `at`) are `ends` instead, every checksum made
 * again to hold: a file precis did not write, which no check of a block or section refuses.
 */
function withWordEnds(bytes: Buffer, at: number, ends: number[]): Buffer {
  const start = FIXED_BYTES + bytes.readUInt32LE(12)
  const header = JSON.parse(bytes.subarray(FIXED_BYTES, start).toString()) as { sections: [string, number, number, number][] }
  const sections = Buffer.from(bytes.subarray(start))
  const place = (name: string) => header.sections.find(([n]) => n === name)!
  const [, wordEndsAt, wordEndsLength] = place('wordEnds')
  ends.forEach((end, i) => sections.writeUInt32LE(end, wordEndsAt + 4 * (at + i)))
  const blocks = (name: string) => Math.ceil(place(name)[2] / TABLE_BLOCK)
  const [, checksAt] = place('tableChecks')
  const first = blocks('words') + blocks('stems') // the word ends' first block among every table's (one block here)
  expect(wordEndsLength).toBeLessThanOrEqual(TABLE_BLOCK)
  sections.writeUInt32LE(crc32(sections.subarray(wordEndsAt, wordEndsAt + wordEndsLength)), checksAt + 4 * first)
  for (const section of [place('wordEnds'), place('tableChecks')])
    section[3] = crc32(sections.subarray(section[1], section[1] + section[2]))
  const frame = { magic: Buffer.from('precisPX', 'latin1'), version: POSTINGS_FORMAT_VERSION }
  return Buffer.concat(framedParts(frame, header, [sections]))
}

describe('postings whose word ends decrease, their checksums whole (a file precis did not write)', () => {
  it('read those words as empty a block at a time, as read whole, and answer a search', () => {
    const papers = ['graph neural networks', 'quantum chemistry kernels', 'spectral graph attention'].map((title, i) =>
      paper({ key: `p${i}`, title }),
    )
    const summaries = papers.map((p) => summary({ id: p.key, paper: p.key, body: `${p.title} of transformers.\n` }))
    const entries = libraryEntries(libraryOf(papers, summaries))
    const postings = buildPostings(entries)
    const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
    const bytes = withWordEnds(encodePostings({ library: '/l.json', identity, postings }), 3, [2, 1])
    const blockwise = decodePostings(bytes)!.postings.words
    const whole = decodePostings(bytes)!.postings.words.whole!()
    const words = Array.from({ length: blockwise.length }, (_, i) => blockwise.at(i))
    expect(words.slice(3, 5)).toEqual(['', ''])
    expect(words).toEqual(Array.from({ length: whole.length }, (_, i) => whole.at(i)))
    // The next text starts where the last of them ends (wrong, not refused); those after it are the vocabulary's.
    expect(words.slice(6)).toEqual(Array.from({ length: postings.words.length - 6 }, (_, i) => postings.words.at(i + 6)))
    const search = new PostingsSearch(decodePostings(bytes)!.postings, entries)
    // The words the damage took are not found (wrong answers, no crash); the others are, typos among them.
    for (const text of ['graph', 'grpah', 'kernels'])
      expect(() => search.rank(parseQuery(text, 'pasted'), { limit: 10, lastWord: 'whole' })).not.toThrow()
    for (const text of ['quantum chemistry', 'netwroks', 'spectrl'])
      expect(search.rank(parseQuery(text, 'pasted'), { limit: 10, lastWord: 'whole' }).hits.length, text).toBeGreaterThan(0)
  })
})
