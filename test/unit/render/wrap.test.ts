import { describe, expect, it } from 'vitest'
import { centre, displayWidth, indent, trimLines, wrapText } from '../../../src/render/wrap.js'
import { fitColumns } from '../../../src/render/table.js'

describe('displayWidth', () => {
  it.each([
    ['abc', 3],
    ['𝐱ᵢ', 2],
    ['x\u0302', 1],
    ['深度', 4],
    ['\x1b[1mbold\x1b[22m', 4],
    ['\x1b]8;;https://a.org\x07link\x1b]8;;\x07', 4],
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width)
  })
})

describe('wrapText', () => {
  it.each([
    ['aaa bbb ccc ddd', 7, 'aaa bbb\nccc ddd'],
    ['a    b', 10, 'a b'],
    ['abcdefghij', 4, 'abcd\nefgh\nij'],
    ['see https://example.org/a/long/path ok', 10, 'see\nhttps://example.org/a/long/path\nok'],
    ['深度学习模型', 4, '深度\n学习\n模型'],
    ['keep\nnewlines', 20, 'keep\nnewlines'],
    ['a\u00a0b c\u00a0d', 3, 'a\u00a0b\nc\u00a0d'],
    ['x k(a,\u00a0b)\u00a0=\u00a0c y', 12, 'x\nk(a,\u00a0b)\u00a0=\u00a0c\ny'],
    ['k(a,\u00a0b)\u00a0=\u00a0c', 6, 'k(a,\nb) = c'], // wider than the line: breaks at its no-break spaces
  ])('%j at %i', (text, width, expected) => {
    expect(wrapText(text, width)).toBe(expected)
  })

  // wrapText measures only words long enough to be wider than the line: each case has words of
  // characters two columns wide (CJK, emoji) or a tab (eight) just at the bound.
  it.each([
    ['深度学 x', 6, '深度学\nx'],
    ['深度学习 x', 6, '深度学\n习 x'],
    ['😀😀😀😀 x', 6, '😀😀😀\n😀 x'],
    ['a\tb c', 4, 'a\tb\nc'],
    ['a\u00a0深度 b', 4, 'a\n深度\nb'],
  ])('%j at %i: words near the line width measured as wide as they are', (text, width, expected) => {
    expect(wrapText(text, width)).toBe(expected)
  })

  it('keeps styles open across the lines it makes', () => {
    expect(wrapText('\x1b[3maaa bbb\x1b[23m', 3)).toBe('\x1b[3maaa\x1b[23m\n\x1b[3mbbb\x1b[23m')
  })
})

describe('layout helpers', () => {
  it('centres a block of lines as one block', () => {
    expect(centre(['ab', 'abcd'], 10)).toEqual(['   ab', '   abcd'])
    expect(centre(['too wide for it'], 5)).toEqual(['too wide for it'])
  })

  it('indents the first line with a marker and the rest to match', () => {
    expect(indent('one\n\ntwo', '• ')).toBe('• one\n\n  two')
    expect(indent('one\n\ntwo', '│ ', '│ ')).toBe('│ one\n│\n│ two')
  })

  it.each([
    ['a  \nb\t', 'a\nb'],
    ['a \x1b[1m  \x1b[22m', 'a\x1b[1m\x1b[22m'],
    ['x  \x1b]8;;https://a.org\x07 \x1b]8;;\x07', 'x\x1b]8;;https://a.org\x07\x1b]8;;\x07'],
    ['  indented stays', '  indented stays'],
  ])('trimLines(%j)', (text, expected) => {
    expect(trimLines(text)).toBe(expected)
  })
})

describe('fitColumns', () => {
  it.each([
    [[5, 10, 20], 40, [5, 10, 20]],
    [[5, 10, 20], 30, [5, 10, 15]],
    [[5, 20, 20], 30, [5, 12, 13]],
    [[30, 30, 30], 12, [4, 4, 4]],
  ])('%j into %i → %j', (natural, room, expected) => {
    expect(fitColumns(natural, room)).toEqual(expected)
  })
})
