import { describe, expect, it } from 'vitest'
import { checksum, sectionChecksum } from '../../../src/store/index/checksum.js'

const bytes = (text: string) => Buffer.from(text, 'utf8')

describe('checksum (the index sections and file names)', () => {
  it('is 16 hex digits, the same for the same bytes wherever they lie in memory', () => {
    const text = 'precis index section: [["gilmer2017neural","Neural Message Passing"]]'
    const sum = checksum(bytes(text))
    expect(sum).toMatch(/^[0-9a-f]{16}$/)
    // A slice that does not start on a 4-byte boundary reads as the same bytes.
    for (let shift = 1; shift < 4; shift++) expect(checksum(Buffer.from('x'.repeat(shift) + text).subarray(shift))).toBe(sum)
  })

  it.each([
    ['', ' '],
    ['a', 'b'],
    ['abcd', 'abce'],
    ['abcdefgh', 'abcdefg'],
    ['abcdefgh', 'efghabcd'],
    ['[1,2,3]', '[1,2,4]'],
    ['\u0000\u0000\u0000\u0000', '\u0000\u0000\u0000'],
  ])('tells %j from %j', (a, b) => {
    expect(checksum(bytes(a))).not.toBe(checksum(bytes(b)))
  })

  it('changes with any one byte flipped in a longer text', () => {
    const text = Buffer.from(JSON.stringify(Array.from({ length: 200 }, (_, i) => [`key${i}`, i])))
    const sum = checksum(text)
    const sums = new Set<string>()
    for (let at = 0; at < text.length; at += 7) {
      const flipped = Buffer.from(text)
      flipped[at] = flipped[at]! ^ 0x20
      sums.add(checksum(flipped))
    }
    expect(sums.has(sum)).toBe(false)
    expect(sums.size).toBe(Math.ceil(text.length / 7))
  })

  it('of a section: the short checksum below 32 KiB, CRC-32 from there on, each telling a flipped byte', () => {
    const short = Buffer.alloc(32 * 1024 - 1, 'a')
    const long = Buffer.alloc(32 * 1024, 'a')
    expect(sectionChecksum(short)).toBe(checksum(short))
    expect(sectionChecksum(long)).toMatch(/^[0-9a-f]{8}$/)
    for (const bytes of [short, long]) {
      const flipped = Buffer.from(bytes)
      flipped[1000] = 0x62
      expect(sectionChecksum(flipped)).not.toBe(sectionChecksum(bytes))
    }
  })
})
