import { describe, expect, it } from 'vitest'
import { readShortScienceDump, withoutTrailingDebris } from '../../../src/formats/shortscience.js'

describe('withoutTrailingDebris', () => {
  it.each([
    ['text', 'text'],
    ['text  ', 'text  '],
    ['text ![]()', 'text'],
    ['text ![]() ![]()\t', 'text'],
    ['text |', 'text'],
    ['text ![]() | ', 'text'],
    ['text | ![]()', 'text |'],
    ['text ![]() | ![]()', 'text ![]() |'],
    ['a | b', 'a | b'],
    ['![]()', ''],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(withoutTrailingDebris(text)).toBe(expected)
  })

  // A pattern for this backtracked over each run of spaces: 80,000 spaces took 43 s (the test timeout is the bound).
  it.each([
    ['a line of 1,000,000 spaces', `a${' '.repeat(1_000_000)}b`],
    ['1,000,000 spaces before a pipe in the middle', `a${' '.repeat(1_000_000)}|b`],
  ])('%s: unchanged', (_, text) => {
    expect(withoutTrailingDebris(text)).toBe(text)
  })

  it('reads a page whose summary has a long run of spaces', () => {
    const body = `Notes${' '.repeat(200_000)}end`
    const { records } = readShortScienceDump(`header\n[link]\n${body} ![]() |\n`, 'page.txt')
    expect(records[0]!.summaries[0]!.body).toBe(body)
  })
})
