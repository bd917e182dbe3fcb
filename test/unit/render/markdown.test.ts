import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../../src/render/markdown.js'
import { displayWidth } from '../../../src/render/wrap.js'

const FIXTURES = fileURLToPath(new URL('../../fixtures/render/', import.meta.url))
const plain = { width: 80, color: false, hyperlinks: false }
const render = (markdown: string, opts = plain) => renderMarkdown(markdown, opts).text

describe('renderMarkdown', () => {
  it.each([
    [
      'inline Markdown in list items',
      '- **bold** and *em* and `code`\n- [link](https://a.org)',
      '• bold and em and code\n• link (https://a.org)',
    ],
    ['task items', '- [x] done\n- [ ] open', '• [x] done\n• [ ] open'],
    ['ordered lists from their start number', '3. c\n4. d', '3. c\n4. d'],
    ['a rule when piped', 'a\n\n---\n\nb', `a\n\n${'─'.repeat(80)}\n\nb`],
    ['headings with their level', '## Results', '## Results'],
    ['entities decoded', 'AT&amp;T &lt;x&gt; &copy;', 'AT&T <x> ©'],
    // CommonMark: a reference needs its `;`, and a number at most 7 digits (issue 21, item 19).
    ['references without `;` kept in a heading', '# &copy &nbsp x', '# &copy &nbsp x'],
    ['references without `;` kept in a list', '- &copy 2024 &amp; &#x41;', '• &copy 2024 & A'],
    [
      'an over-long number kept in a table',
      '| a |\n|---|\n| &#99999999; &#0; |',
      '┌───────────────┐\n│ a             │\n├───────────────┤\n│ &#99999999; \uFFFD │\n└───────────────┘',
    ],
    ['escaped Markdown', '\\*not em\\* and \\$5', '*not em* and $5'],
    ['a hard line break', 'one  \ntwo', 'one\ntwo'],
    ['soft line breaks as spaces', 'one\ntwo', 'one two'],
    ['CRLF line endings', 'one\r\ntwo\r\n\r\nthree', 'one two\n\nthree'],
    ['math inside emphasis', '*the $\\alpha_1$ term*', 'the α₁ term'],
    ['display math centred', '$$x^2$$', `${' '.repeat(39)}x²`],
    ['unfaithful TeX with its delimiters', 'see $\\cancel{x}$', 'see $\\cancel{x}$'],
    ['an empty image as its alt text', 'a ![]() b', 'a b'],
    ['an empty body', '', ''],
  ])('renders %s', (_, markdown, expected) => {
    expect(render(markdown)).toBe(expected)
  })

  it('never breaks a line before a relation in a formula', () => {
    const text = render(`${'word '.repeat(14)}then $a + b = c$ holds.`)
    expect(text.split('\n').every((line) => !/^[=+]/.test(line))).toBe(true)
  })

  it('collects figures in the order of their references', () => {
    const { text, figures } = renderMarkdown('![plot](https://a.org/p.png) then https://a.org/q.jpg', plain)
    expect(text).toBe('[fig 1] then [fig 2]')
    expect(figures).toEqual([
      { url: 'https://a.org/p.png', caption: 'plot' },
      { url: 'https://a.org/q.jpg', caption: '' },
    ])
  })

  it('emits no escape byte with colour and hyperlinks off', () => {
    const markdown = readFileSync(join(FIXTURES, 'math.md'), 'utf8')
    expect(render(markdown)).not.toContain('\x1b')
  })

  it('styles with SGR when colour is on and links with OSC 8 when hyperlinks are on', () => {
    const markdown = '**b** [l](https://a.org) $\\cancel{x}$'
    expect(render(markdown, { ...plain, color: true })).toBe(
      '\x1b[1mb\x1b[22m l (\x1b[34mhttps://a.org\x1b[39m) \x1b[2m$\\cancel{x}$\x1b[22m',
    )
    expect(render(markdown, { ...plain, hyperlinks: true })).toBe('b \x1b]8;;https://a.org/\x07l\x1b]8;;\x07 $\\cancel{x}$')
  })

  it('keeps the URL of a link whose target cannot be a hyperlink', () => {
    expect(render('[section](#results)', { ...plain, hyperlinks: true })).toBe('section (#results)')
  })

  const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.md') && name !== 'wrapping.md')
  it.each(fixtures.flatMap((name) => [30, 60, 120].map((width) => [name, width] as const)))(
    '%s at width %i: no prose line wider than the width',
    (name, width) => {
      const text = render(readFileSync(join(FIXTURES, name), 'utf8'), { ...plain, width })
      // Code blocks, tables and URLs may be wider: they are not wrapped (or not cut).
      const prose = text.split('\n').filter((line) => !/^ {4}|[┌│├└]|:\/\//.test(line) || line.startsWith('│ '))
      expect(prose.filter((line) => displayWidth(line) > width && !line.includes('://'))).toEqual([])
    },
  )
})
