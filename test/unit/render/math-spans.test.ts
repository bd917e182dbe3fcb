import { describe, expect, it } from 'vitest'
import { protectMath } from '../../../src/core/markdown/math-spans.js'

const texOf = (markdown: string) => protectMath(markdown).spans.map((span) => [span.tex, span.display])

describe('protectMath', () => {
  it.each([
    ['$x$', [['x', false]]],
    [
      'a $x_1$ and $y_2$ b',
      [
        ['x_1', false],
        ['y_2', false],
      ],
    ],
    ['$$\\sum_i x_i$$', [['\\sum_i x_i', true]]],
    ['$$\n\\frac{a}{b}\n$$', [['\n\\frac{a}{b}\n', true]]],
    ['\\(a*b*c\\)', [['a*b*c', false]]],
    ['\\[a_1\\]', [['a_1', true]]],
    ['$\\$5$', [['\\$5', false]]],
    ['**$x$**', [['x', false]]],
    ['| $a|b$ | c |', [['a|b', false]]],
    ['> $a\n> + b$', [['a\n+ b', false]]],
    ['- item $\\alpha$', [['\\alpha', false]]],
    ['costs $5, not $x$', [['x', false]]],
    ['$f(x) = 0 \\text{ if and only if } x = 0$', [['f(x) = 0 \\text{ if and only if } x = 0', false]]],
  ])('finds the math in %j', (markdown, spans) => {
    expect(texOf(markdown)).toEqual(spans)
  })

  it.each([
    ['costs $5 and $10'],
    ['costs $5.'],
    ['between $5-$10 a day'],
    ['a GPU costs $5 an hour and a TPU $8, so a run is cheap; so does 5$ after a number'],
    ['an escaped \\$5 and \\$6'],
    ['$ x$ has a space after the opening dollar'],
    ['$x $ has a space before the closing dollar'],
    ['$x$5 is followed by a digit'],
    ['an unclosed $x_1 dollar'],
    ['an unclosed \\(x and \\[y'],
    ['`$x$` in a code span'],
    ['`` a ` $x$ ` `` in a double-backtick span'],
    ['```\n$x$\n```'],
    ['> ```\n> $x$\n> ```'],
    ['~~~tex\n$x$\n~~~'],
    ['text\n\n    $x$ in an indented code block'],
    ['https://example.org/$x$/y in a URL'],
    ['[link](https://example.org/a$b$c)'],
    ['$$ $$ is empty'],
    ['\\[\\\\\\] is escaped brackets around an escaped backslash'],
    ['\\(\\\\\\) likewise'],
    ['$x\n\ny$: a blank line ends the paragraph'],
  ])('leaves %j alone', (markdown) => {
    const result = protectMath(markdown)
    expect(result.spans).toEqual([])
    expect(result.markdown).toBe(markdown)
  })

  it('keeps math in a list item continuation that is indented like code', () => {
    expect(texOf('- item\n\n    continued $x$')).toEqual([['x', false]])
  })

  it('replaces spans with placeholders that hide underscores and asterisks from Markdown', () => {
    const result = protectMath('see $a_1 * b_2$ and $$c_3$$ here')
    expect(result.markdown).toBe('see \uE0000\uE001 and \uE0021\uE001 here')
    expect(result.spans.map((span) => span.source)).toEqual(['$a_1 * b_2$', '$$c_3$$'])
  })

  it('neutralises placeholder characters already in the text', () => {
    const result = protectMath('forged \uE0000\uE001 and $x$')
    expect(result.markdown).toBe('forged \uFFFD0\uFFFD and \uE0000\uE001')
    expect(result.spans).toHaveLength(1)
  })

  it('finishes on many unclosed openers', () => {
    const hostile = '\\( $a `` '.repeat(20_000)
    expect(protectMath(hostile).spans).toEqual([])
  })
})
