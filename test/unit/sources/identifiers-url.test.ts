import { describe, expect, it } from 'vitest'
import { MAX_IDENTIFIER_LENGTH, normalizeArxivId, normalizeDoi, parseSource } from '../../../src/core/papers/identifiers.js'

// Identifiers become URLs: what could change a URL's path, or is too long to be one, is not an identifier.
describe('identifiers that could not become a URL unchanged', () => {
  it.each<[string, string | null]>([
    ['10.1234/../../admin?x=1', null],
    ['10.1234/..', null],
    ['10.1234/./x', null],
    ['10.1234/a/../b', null],
    ['https://doi.org/10.1234/%2E%2E/admin', null],
    ['10.1234/a\ud800b', null],
    [`10.1234/${'x'.repeat(MAX_IDENTIFIER_LENGTH)}`, null],
    // Dots inside a segment, and encoded dots that stay text, are fine.
    ['10.1234/a..b', '10.1234/a..b'],
    ['10.1234/...', '10.1234/...'],
    ['10.1234/%2e%2e', '10.1234/%2e%2e'],
    ['10.1234/a?b#c', '10.1234/a?b#c'],
    [`10.1234/${'x'.repeat(MAX_IDENTIFIER_LENGTH - 8)}`, `10.1234/${'x'.repeat(MAX_IDENTIFIER_LENGTH - 8)}`],
  ])('normalizeDoi(%j) → %j', (input, expected) => {
    expect(normalizeDoi(input)).toBe(expected)
  })

  it.each([
    `2003.10555v${'9'.repeat(MAX_IDENTIFIER_LENGTH)}`,
    `${'a'.repeat(MAX_IDENTIFIER_LENGTH)}/0501234`,
    `arXiv:${' '.repeat(MAX_IDENTIFIER_LENGTH)}2003.10555`,
  ])('an arXiv id of absurd length is none (%#)', (input) => {
    expect(normalizeArxivId(input)).toBeNull()
    expect(parseSource(input)).toBeNull()
  })
})
