import { describe, expect, it } from 'vitest'
import { fillsScreen } from '../../../src/terminal/screenful.js'

describe('fillsScreen: whether a text is paged on a screen of so many rows', () => {
  it.each([
    ['', 1, true],
    ['', 2, false],
    ['one', 2, false],
    ['one\n', 2, true],
    ['one\ntwo', 3, false],
    ['one\ntwo\n', 3, true],
    ['one\ntwo\nthree\nfour', 3, true],
    ['\n\n\n', 5, false],
    ['\n\n\n', 4, true],
  ])('%j on %i rows: %s (as its lines counted whole, lines >= rows)', (text, rows, fills) => {
    expect(fillsScreen([text], rows)).toBe(fills)
    expect(text.split('\n').length >= rows).toBe(fills)
  })

  it.each([
    [['one\n', 'two\n'], 3, true],
    [['one', '\ntwo'], 3, false],
    [['', '\n', '', '\n'], 3, true],
    [['\n\n', 'one\ntwo'], 4, true],
    [['\n\n', 'one\ntwo'], 5, false],
  ])('the parts %j on %i rows: %s (as the lines of their text joined)', (parts, rows, fills) => {
    expect(fillsScreen(parts, rows)).toBe(fills)
    expect(parts.join('').split('\n').length >= rows).toBe(fills)
  })

  it('a text of 50 MB without a line break, and one with its breaks all at its start', () => {
    const long = 'x'.repeat(50 * 1024 * 1024)
    expect(fillsScreen([long], 2)).toBe(false)
    expect(fillsScreen(['\n'.repeat(40), long], 41)).toBe(true)
    expect(fillsScreen(['\n'.repeat(40), long], 42)).toBe(false)
  })
})
