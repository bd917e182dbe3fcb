import { describe, expect, it } from 'vitest'
import { compileKeyPattern } from '../../../src/core/keys/key-pattern.js'
import { keyPatternIn } from '../../../src/core/config/precedence.js'
import { UsageError } from '../../../src/core/errors.js'
import { keyProblem } from '../../../src/core/keys/key-rules.js'

const gilmer = { authors: ['Justin Gilmer', 'Samuel S. Schoenholz'], year: 2017, title: 'Neural Message Passing for Quantum Chemistry' }
const bare = { authors: [], year: null, title: '' }

describe('key patterns', () => {
  it.each([
    ['{author}{year}{title}', 'gilmer2017neural', 'anonnduntitled'],
    ['{author}_{year}', 'gilmer_2017', 'anon_nd'],
    ['{Author}{year}', 'Gilmer2017', 'Anonnd'],
    ['{Author}{yy}{Title}', 'Gilmer17Neural', 'AnonndUntitled'],
    ['{author}:{year}:{title}', 'gilmer:2017:neural', 'anon:nd:untitled'],
    ['ref-{title}', 'ref-neural', 'ref-untitled'],
  ])('%s gives %s (%s without metadata)', (pattern, key, empty) => {
    const make = compileKeyPattern(pattern)
    expect(make(gilmer)).toBe(key)
    expect(make(bare)).toBe(empty)
  })

  it('keeps keys within the key rules whatever the names and titles', () => {
    const make = compileKeyPattern('{author}-{title}-{author}-{title}-{author}-{title}')
    const key = make({
      authors: ['Ó'.repeat(500) + ' ' + 'Wolfeschlegelsteinhausenbergerdorff'.repeat(20)],
      year: 12345,
      title: 'Ü'.repeat(1000),
    })
    expect(keyProblem(key)).toBeNull()
    expect(key.length).toBeLessThanOrEqual(180)
  })

  it.each([
    ['{first}', 'The key pattern has the unknown token "{first}"'],
    ['{author}{Year}', 'The key pattern has the unknown token "{Year}"'],
    ['paper', 'has no token: every paper would get the same key'],
    ['{author} {year}', 'makes keys such as "gilmer 2017", which may hold only'],
    ['{author}--{year}', 'makes keys such as "gilmer--2017"'],
    ['-{author}', 'makes keys such as "-gilmer"'],
  ])('refuses %j: %s', (pattern, message) => {
    expect(() => compileKeyPattern(pattern)).toThrow(UsageError)
    expect(() => compileKeyPattern(pattern)).toThrow(message)
  })

  it('is read from PRECIS_KEY_PATTERN, naming it when it is wrong; unset or empty means the default', () => {
    expect(keyPatternIn({}, {})(gilmer)).toBe('gilmer2017neural')
    expect(keyPatternIn({ PRECIS_KEY_PATTERN: '' }, {})(gilmer)).toBe('gilmer2017neural')
    expect(keyPatternIn({ PRECIS_KEY_PATTERN: '{Author}{year}' }, {})(gilmer)).toBe('Gilmer2017')
    expect(() => keyPatternIn({ PRECIS_KEY_PATTERN: '{x}' }, {})).toThrow('PRECIS_KEY_PATTERN has the unknown token "{x}"')
  })
})
