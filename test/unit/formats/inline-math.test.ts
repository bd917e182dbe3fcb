import { describe, expect, it } from 'vitest'
import { splitInlineMath } from '../../../src/formats/inline-math.js'

describe('splitInlineMath', () => {
  it.each([
    ['plain text', [{ math: false, text: 'plain text' }]],
    [
      'Bounds in $\\mathcal{O}(n^2)$ time',
      [
        { math: false, text: 'Bounds in ' },
        { math: true, text: '\\mathcal{O}(n^2)' },
        { math: false, text: ' time' },
      ],
    ],
    ['$x$', [{ math: true, text: 'x' }]],
    ['Costs of $5 and $10', [{ math: false, text: 'Costs of $5 and $10' }]],
    ['$ x $ has spaces inside', [{ math: false, text: '$ x $ has spaces inside' }]],
    ['$a$1 is followed by a digit', [{ math: false, text: '$a$1 is followed by a digit' }]],
    ['escaped \\$x\\$ dollars', [{ math: false, text: 'escaped \\$x\\$ dollars' }]],
    [
      'glued$x$word',
      [
        { math: false, text: 'glued' },
        { math: true, text: 'x' },
        { math: false, text: 'word' },
      ],
    ],
    ['lone $ and \\', [{ math: false, text: 'lone $ and \\' }]],
  ])('%j', (text, runs) => {
    expect(splitInlineMath(text)).toEqual(runs)
    expect(
      splitInlineMath(text)
        .map((r) => (r.math ? `$${r.text}$` : r.text))
        .join(''),
    ).toBe(text)
  })
})
