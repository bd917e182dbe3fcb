// What a search reads of the index a few values at a time (format.ts, ROW_SECTIONS and ROW_COLUMNS):
// the ids and keys of the entries it shows, where their records are, the ranks of the ties it breaks.
// Each value is read from the block it lies in, checked then: the same values as the sections read
// whole, and a damaged block is never read as a value.
import { describe, expect, it } from 'vitest'
import { buildIndex } from '../../../src/store/index/build.js'
import type { IndexContents } from '../../../src/store/index/contents.js'
import { decodeIndex, ForeignIndexError } from '../../../src/store/index/format.js'
import { encodeIndex } from '../../../src/store/index/encode-index.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }

/** Ids and keys of every kind of text JSON writes: escapes, quotes, characters of two and four bytes, one UTF-16 half alone. */
const NAMES = ['plain', 'quo"te', 'back\\slash', 'tab\there', 'Ünïcödé', '数学', '𝒢𝒫 emoji 🙂', 'half \ud800 alone', '', 'x'.repeat(5000)]

/** A library of `count` entries (several blocks of every section a search reads by blocks), with names of NAMES among them. */
function encoded(count: number): Buffer {
  const key = (i: number) => `${NAMES[i % NAMES.length]}${i}`
  const lib = libraryOf(
    Array.from({ length: count }, (_, i) => paper({ key: key(i), title: `Title ${i}` })),
    Array.from({ length: count - 10 }, (_, i) => summary({ id: `${key(i)}-notes`, paper: key(i), body: `Body ${i}.\n` })),
  )
  return encodeIndex(buildIndex({ ...lib, paperPlaces: [], summaryPlaces: [] }, '/library.json', identity))
}

/** Where the section `name` of the index `bytes` starts, and its length. */
function section(bytes: Buffer, name: string): { start: number; length: number } {
  const end = 32 + bytes.readUInt32LE(12)
  const header = JSON.parse(bytes.subarray(32, end).toString('utf8')) as { sections: [string, number, number, string][] }
  const [, offset, length] = header.sections.find(([found]) => found === name)!
  return { start: end + offset, length }
}

/** Every id and key read a row at a time (as a search reads the entries it shows), the entries' pairs and the ranks likewise. */
function readAlone(contents: IndexContents, rows: readonly number[]) {
  return {
    ids: rows.map((at) => contents.summaryAt!(at)?.id),
    keys: rows.map((at) => contents.paperAt!(at)?.key),
    pairs: rows.flatMap((at) => [contents.entryPlaceList!.at(2 * at), contents.entryPlaceList!.at(2 * at + 1)]),
    ties: rows.map((at) => contents.tieList!.at(at)),
  }
}

describe('the values a search reads by their blocks', () => {
  const bytes = encoded(1200)
  const whole = decodeIndex(bytes)!
  const rows = [0, 1, 2, 7, 8, 9, 255, 256, 600, 1000, 1188, 1189]
  const expected = {
    ids: rows.map((at) => whole.summaryColumn!('id')[at]),
    keys: rows.map((at) => whole.paperColumn!('key')[at]),
    pairs: rows.flatMap((at) => [whole.entryPlaces[2 * at], whole.entryPlaces[2 * at + 1]]),
    ties: rows.map((at) => whole.ties![at]),
  }

  it('are the values of the sections read whole, any text kept exactly', () => {
    expect(readAlone(decodeIndex(bytes)!, rows)).toEqual(expected)
    expect(expected.keys).toContain('half \ud800 alone7')
    expect(expected.ids).toContain(`${'x'.repeat(5000)}9-notes`)
    // Every row, past the rows read alone (the column decoded whole from then on): the same.
    const contents = decodeIndex(bytes)!
    expect(contents.summaries.map((s) => s.id)).toEqual(whole.summaryColumn!('id'))
  })

  // A byte flipped in a row's block: the row is not read from it; the section read whole fails its
  // own check, and with no fallback that is an error (a read with one takes the library's values).
  it.each(['summary.id', 'paper.key', 'entries', 'order.ties'])('are never read from a block of %s whose checksum fails', (name) => {
    const { start, length } = section(bytes, name)
    const damaged = Buffer.from(bytes)
    const at = start + Math.floor(length / 2)
    // The lowest bit: the value stays one precis could write (a letter, an end, a whole number).
    damaged[at] = damaged[at]! ^ 0x01
    // The row the flipped byte is in, read alone (a read of many rows decodes the column whole).
    const offset = at - start
    let row: number
    if (name === 'entries') row = Math.floor(offset / 16)
    else if (name === 'order.ties') row = Math.floor(offset / 8)
    else {
      const ends = section(bytes, `${name}.ends`)
      const values = new Uint32Array(Uint8Array.from(bytes.subarray(ends.start, ends.start + ends.length)).buffer)
      row = values.findIndex((end) => end > offset)
    }
    expect(() => readAlone(decodeIndex(damaged)!, [row])).toThrow(ForeignIndexError)
  })

  // The ends of the rows and the blocks' checksums are needed only to read a row alone: damaged, the whole column is read.
  it.each(['summary.id.ends', 'paper.key.ends', 'summary.id.blocks', 'paper.key.blocks', 'entries.blocks', 'order.ties.blocks'])(
    'are read from the whole section when %s is damaged',
    (name) => {
      const { start } = section(bytes, name)
      const damaged = Buffer.from(bytes)
      damaged[start + 1] = damaged[start + 1]! ^ 0x01
      expect(readAlone(decodeIndex(damaged)!, rows)).toEqual(expected)
    },
  )
})
