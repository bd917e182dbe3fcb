/**
 * Input that would crash or stall a naive renderer: each case must finish with either a normal
 * rendering or the one-line notice and the plain text. (No timing assertions: the test timeout
 * is the bound; the costs behind the limits are measured in src/core/markdown/limits.ts.)
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../../src/render/markdown.js'
import { displayWidth } from '../../../src/render/wrap.js'

const OPTIONS = { width: 80, color: false, hyperlinks: false }
const NOTICE = /^\[precis: this summary .+; showing it as plain text\]\n\n/

describe('pathological input', () => {
  it.each([
    ['10,000 nested lists on one line', '- '.repeat(10_000) + 'x', 'nests lists or quotes'],
    ['700 nested lists by indentation', Array.from({ length: 700 }, (_, i) => '  '.repeat(i) + '- x').join('\n'), 'nests'],
    ['10,000 nested block quotes', '>'.repeat(10_000) + ' x', 'nests lists or quotes'],
    ['10,000 spaced block quotes', '> '.repeat(10_000) + 'x', 'nests lists or quotes'],
    ['10,000 nested emphasis delimiters', '*'.repeat(10_000) + 'x' + '*'.repeat(10_000), 'emphasis markers'],
    ['5,000 unclosed emphasis openers', '*a '.repeat(5_000), 'emphasis markers'],
    ['a 50 MB body', 'word '.repeat(10_000_000), 'too large to format (50,000,000 characters, limit 1,000,000)'],
  ])('%s: notice and plain text', (_, markdown, reason) => {
    const { text, figures } = renderMarkdown(markdown, OPTIONS)
    expect(text).toMatch(NOTICE)
    expect(text.split('\n')[0]).toContain(reason)
    expect(figures).toEqual([])
    // The plain text is the body itself (trailing space removed), not a truncation.
    expect(text.replace(NOTICE, '')).toBe(
      markdown
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trimEnd(),
    )
  })

  it.each([
    ['an unclosed dollar', '$' + 'x '.repeat(50_000)],
    ['a 100k-character word', 'x'.repeat(100_000)],
    ['a 100k-character line of words', 'ab '.repeat(50_000)],
    ['100k spaces between two words', 'a' + ' '.repeat(100_000) + 'b'],
    ['5,000 nested braces in math', '$' + '{'.repeat(5_000) + '$'],
    ['50,000 unclosed \\(', '\\('.repeat(50_000)],
    ['10,000 nested brackets', '['.repeat(10_000) + 'x' + ']'.repeat(10_000)],
    ['unmatched backtick runs', '` `` ``` '.repeat(20_000)],
    ['10,000 math spans', Array.from({ length: 10_000 }, (_, i) => `$x_{${i}}$`).join(' ')],
    ['a table with 500 columns', '|' + 'a|'.repeat(500) + '\n|' + '-|'.repeat(500) + '\n|' + 'b|'.repeat(500)],
  ])('%s: rendered, every line within the width', (_, markdown) => {
    const { text } = renderMarkdown(markdown, OPTIONS)
    expect(text).not.toMatch(NOTICE)
    expect(text.length).toBeGreaterThan(0)
    const tooWide = text.split('\n').filter((line) => displayWidth(line) > 80)
    // Only a table wider than any terminal may exceed the width; text is always wrapped.
    if (!markdown.startsWith('|')) expect(tooWide).toEqual([])
  })

  it('keeps an unclosed dollar as text', () => {
    expect(renderMarkdown('costs $5 and an unclosed $x', OPTIONS).text).toBe('costs $5 and an unclosed $x')
  })

  it('shows math past the conversion limit as TeX rather than dropping it', () => {
    const markdown = Array.from({ length: 5_001 }, () => '$\\alpha$').join(' ')
    const { text } = renderMarkdown(markdown, OPTIONS)
    expect(text.match(/α/g)).toHaveLength(5_000)
    expect(text).toContain('$\\alpha$')
  })
})
