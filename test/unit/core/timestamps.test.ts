import { describe, expect, it } from 'vitest'
import { expectSame } from '../../support/equal.js'
import { checkPaper } from '../../../src/core/schema/validate-fast.js'
import { canonicalTimestamp } from '../../../src/core/records/timestamps.js'
import { paper } from '../../support/library.js'
import { seeded } from '../../support/random.js'

/** Whether the library's read path accepts `added` = `timestamp`. */
const reads = (timestamp: string) => checkPaper(paper({ key: 'k', added: timestamp })) !== null

describe('canonicalTimestamp', () => {
  it.each([
    ['2020-01-01T10:00:00Z', '2020-01-01T10:00:00Z'],
    ['2024-02-03T04:05:06.000Z', '2024-02-03T04:05:06.000Z'],
    ['2024-05-06T07:08:09+02:00', '2024-05-06T07:08:09+02:00'],
    ['2020-01-01T10:00Z', '2020-01-01T10:00:00Z'],
    ['2020-01-01T10:00-05:30', '2020-01-01T10:00:00-05:30'],
    ['2020-01-01', '2020-01-01T00:00:00Z'],
    ['2020-01-01t10:00:00z', '2020-01-01T10:00:00Z'],
    [' 2020-01-01T10:00:00Z ', '2020-01-01T10:00:00Z'],
    ['2020-02-29T23:59:59Z', '2020-02-29T23:59:59Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00Z'],
  ])('%j → %j', (input, expected) => {
    expect(canonicalTimestamp(input)).toBe(expected)
    expect(reads(expected)).toBe(true)
  })

  it.each([
    '2020-02-30T00:00:00Z',
    '2020-06-31T00:00:00Z',
    '2019-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2020-13-01T00:00:00Z',
    '2020-00-10T00:00:00Z',
    '2020-01-00T00:00:00Z',
    '2020-01-01T24:00:00Z',
    '2020-01-01T10:60:00Z',
    '2020-01-01T10:00:60Z',
    '+012020-01-01T00:00:00Z',
    '-2020-01-01T00:00:00Z',
    '2020-01-01T10:00:00',
    '2020-01-01T10:00:00+24:00',
    '2020-01-01T10:00:00+02:60',
    '2020-01-01T10:00:00.1234567890Z',
    'March 7, 2020',
    '2020-1-1',
    '1584',
    '',
  ])('refuses %j', (input) => {
    expect(canonicalTimestamp(input)).toBeNull()
  })

  it('gives only timestamps the read path accepts (random numbers around the limits of each part)', () => {
    const random = seeded(16)
    // Up to `max` + 2, so the numbers just past each limit come up often.
    const part = (max: number, width = 2) => String(Math.floor(random() * (max + 3))).padStart(width, '0')
    let accepted = 0
    for (let i = 0; i < 5000; i++) {
      const zone = random() < 0.5 ? 'Z' : `${random() < 0.5 ? '+' : '-'}${part(23)}:${part(59)}`
      const seconds = random() < 0.5 ? `:${part(59)}` : ''
      const text = `${part(2100, 4)}-${part(12)}-${part(31)}T${part(23)}:${part(59)}${seconds}${zone}`
      const canonical = canonicalTimestamp(text)
      if (canonical !== null) accepted++
      expectSame(canonical === null || reads(canonical), true, text)
      // Whatever the read path accepts as it is, the door keeps exactly.
      if (reads(text)) expectSame(canonical, text)
    }
    expect(accepted).toBeGreaterThan(1000)
  })
})
