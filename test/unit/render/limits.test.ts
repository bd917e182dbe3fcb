import { describe, expect, it } from 'vitest'
import {
  MAX_BODY_CHARS,
  MAX_EMPHASIS_OPENERS,
  MAX_NESTING,
  plainTextNotice,
  renderWithinLimits,
} from '../../../src/core/markdown/limits.js'

/** What renderWithinLimits chose: the rendering, or the reason it fell back. */
function outcome(markdown: string, render: () => string = () => 'rendered'): string {
  return renderWithinLimits(markdown, render, (problem) => `fallback: ${problem}`)
}

describe('renderWithinLimits', () => {
  it.each([
    ['ordinary text', 'Some *text* with $x$.', 'rendered'],
    ['a body at the size limit', 'a'.repeat(MAX_BODY_CHARS), 'rendered'],
    [
      'a body one past the size limit',
      'a'.repeat(MAX_BODY_CHARS + 1),
      'fallback: is too large to format (1,000,001 characters, limit 1,000,000)',
    ],
    ['lists nested to the limit', '- '.repeat(MAX_NESTING) + 'x', 'rendered'],
    [
      'lists nested past the limit',
      '- '.repeat(MAX_NESTING + 1) + 'x',
      `fallback: nests lists or quotes more than ${MAX_NESTING} levels deep`,
    ],
    [
      'quotes nested past the limit',
      '>'.repeat(MAX_NESTING + 1) + ' x',
      `fallback: nests lists or quotes more than ${MAX_NESTING} levels deep`,
    ],
    ['emphasis openers at the limit', '*a '.repeat(MAX_EMPHASIS_OPENERS), 'rendered'],
    [
      'emphasis openers past the limit',
      '*a '.repeat(MAX_EMPHASIS_OPENERS + 1),
      `fallback: has ${MAX_EMPHASIS_OPENERS + 1} emphasis markers in one paragraph (limit ${MAX_EMPHASIS_OPENERS})`,
    ],
  ])('%s', (_, markdown, expected) => {
    expect(outcome(markdown)).toBe(expected)
  })

  it('falls back when the renderer fails anyway (a stack overflow the limits missed)', () => {
    const overflow = (): string => {
      throw new RangeError('Maximum call stack size exceeded')
    }
    expect(outcome('fine', overflow)).toBe('fallback: could not be formatted')
  })

  it('says the same notice everywhere', () => {
    expect(plainTextNotice('could not be formatted')).toBe('[precis: this summary could not be formatted; showing it as plain text]')
  })
})
