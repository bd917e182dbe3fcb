// The postings' words and stems compared from their bytes (Texts.lowerBound, Texts.begins: typo
// correction's binary searches) answer as the texts cut into strings do, for any bytes a file may
// hold: ASCII, characters of two to four bytes, bytes no UTF-8 has, and ends before their starts or
// past the bytes (a file precis did not write); for ASCII values and others, read whole or not.
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { buildPostings } from '../../../src/core/search/postings.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { FIXED_BYTES, framedParts } from '../../../src/store/index/frame.js'
import { decodePostings, encodePostings, POSTINGS_FORMAT_VERSION, utf8Texts } from '../../../src/store/index/postings-format.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, type Random } from '../../support/random.js'

// Pieces of texts: ASCII, a character of two, three and four bytes, the last before a surrogate pair's, and bytes no UTF-8 has alone.
const PIECES = ['a', 'b', 'z', 'A', '{', 'é', 'ä', '\ue000', '\uffff', '𝒢', '\ud7ff'].map((s) => Buffer.from(s, 'utf8'))
const BAD = [Buffer.from([0x80]), Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xf0, 0x9d])]
// Values compared with: ASCII (most of typo correction's), and past it (a unit the vocabulary gave, a lone surrogate among them).
const UNITS = ['a', 'b', 'z', 'A', '{', '\u007f', 'é', '\ue000', '\uffff', '\ud835', '\udca2', '\ud7ff', '\ufffd']

/** The first index from `lo` to `hi` whose text is not below `value`, by the same halving as the texts' own. */
function lowerBound(texts: readonly string[], value: string, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (texts[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

function bytesOf(random: Random, pieces: number): Buffer {
  return Buffer.concat(Array.from({ length: pieces }, () => (random() < 0.1 ? pick(random, BAD) : pick(random, PIECES))))
}

function valueOf(random: Random, ascii: boolean): string {
  const units = ascii ? UNITS.slice(0, 6) : UNITS
  return Array.from({ length: Math.floor(random() * 5) }, () => pick(random, units)).join('')
}

describe('texts compared from their bytes', () => {
  it('answer lowerBound and begins as the texts cut into strings do', () => {
    const random = seeded(41)
    // Each answer that differs, told together at the end (an expect for each of 50,000 was most of the test's time).
    const wrong: string[] = []
    let checked = 0
    let fromBytes = 0
    for (let round = 0; round < 300; round++) {
      const texts = Array.from({ length: 1 + Math.floor(random() * 12) }, () => bytesOf(random, Math.floor(random() * 5)))
      // Some begin with a value's units, so that begins and ties are met.
      if (random() < 0.5) texts.push(Buffer.from(valueOf(random, true) + 'ab', 'utf8'))
      // Sorted as the postings sort them (code unit order), or not: a search over texts out of order ends all the same.
      if (random() < 0.7) texts.sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0))
      const bytes = Buffer.concat(texts)
      const ends = new Uint32Array(texts.length)
      texts.reduce((end, text, i) => (ends[i] = end + text.length), 0)
      // A file precis did not write: an end before its start, or past the bytes (the last end is theirs, or the texts are refused).
      if (random() < 0.3 && ends.length > 2) ends[Math.floor(random() * (ends.length - 1))] = Math.floor(random() * (bytes.length + 8))
      const read = utf8Texts(bytes, ends)!
      expect(read).not.toBeNull()
      for (const whole of [false, true]) {
        if (whole) read.whole()
        const cut = Array.from({ length: read.length }, (_, i) => read.at(i)!)
        for (let k = 0; k < 20; k++) {
          const value = valueOf(random, random() < 0.7)
          const lo = Math.floor(random() * read.length)
          const hi = lo + Math.floor(random() * (read.length - lo + 1))
          const found = read.lowerBound(value, lo, hi)
          if (found !== undefined) fromBytes++
          if (found !== undefined && found !== lowerBound(cut, value, lo, hi))
            wrong.push(`${JSON.stringify(value)} in ${JSON.stringify(cut)}`)
          if (found === undefined && /^[\0-\x7f]*$/.test(value)) wrong.push(`${JSON.stringify(value)} not compared from bytes`)
          for (let i = 0; i < read.length; i++) {
            if (read.begins(i, value) !== cut[i]!.startsWith(value)) wrong.push(`${JSON.stringify(cut[i])} begins ${JSON.stringify(value)}`)
            checked++
          }
        }
      }
    }
    expect(wrong).toEqual([])
    expect(checked).toBeGreaterThan(20_000)
    expect(fromBytes).toBeGreaterThan(5_000)
  })

  it('compare as the file gives them: an end before its start or past the bytes reads as what at cuts', () => {
    const bytes = Buffer.from('graphgrpahé', 'utf8')
    const read = utf8Texts(bytes, Uint32Array.from([5, 3, 20, bytes.length]))!
    expect([0, 1, 2, 3].map((i) => read.at(i))).toEqual(['graph', '', 'phgrpahé', ''])
    expect(read.lowerBound('grp', 0, 1)).toBe(1) // graph < grp
    expect(read.lowerBound('grp', 1, 2)).toBe(2) // '' < grp
    expect(read.lowerBound('grp', 2, 3)).toBe(2) // phgrpahé > grp
    expect(read.lowerBound('', 1, 2)).toBe(1) // '' is not below ''
    expect([0, 1, 2, 3].map((i) => read.begins(i, 'phg'))).toEqual([false, false, true, false])
    expect(read.begins(1, '')).toBe(true)
    // A text ending past the bytes, cut at their end: a prefix of the value is below it.
    const past = utf8Texts(Buffer.from('graphgrpah'), Uint32Array.from([5, 20, 10]))!
    expect(past.at(1)).toBe('grpah')
    expect(past.lowerBound('grpahs', 1, 2)).toBe(2)
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
