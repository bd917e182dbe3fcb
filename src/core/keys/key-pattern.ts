/**
 * The pattern new papers take their key from, set with PRECIS_KEY_PATTERN or the config file's
 * key_pattern (core/config/precedence.ts chooses; the README lists the
 * tokens). The default, `{author}{year}{title}`, gives `gilmer2017neural`. Keys from a pattern obey
 * the key rules: each token is folded letters and digits (at most MAX_KEY_PART of them), the text
 * around them is checked once, and the whole is cut well below the longest key.
 */
import { baseCitekey, familyName, firstSignificantWord, keyPart, type KeyFields, type KeyPattern } from './citekey.js'
import { UsageError } from '../errors.js'
import { shown } from '../records/field-rules.js'
import { keyProblem } from './key-rules.js'

export const DEFAULT_KEY_PATTERN = '{author}{year}{title}'

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)
const author = (paper: KeyFields) => keyPart(familyName(paper.authors[0] ?? '')) || 'anon'
const title = (paper: KeyFields) => firstSignificantWord(paper.title) || 'untitled'

/** Each token and what it stands for (missing values: `anon`, `nd`, `untitled`, as in the default keys). */
export const KEY_TOKENS: ReadonlyMap<string, (paper: KeyFields) => string> = new Map([
  ['author', author],
  ['Author', (paper: KeyFields) => capital(author(paper))],
  ['year', (paper: KeyFields) => (paper.year === null ? 'nd' : String(paper.year))],
  ['yy', (paper: KeyFields) => (paper.year === null ? 'nd' : String(paper.year).padStart(2, '0').slice(-2))],
  ['title', title],
  ['Title', (paper: KeyFields) => capital(title(paper))],
])

/** Room left for collision letters (`a`, ..., `zz`) and summary ids' `-<n>` within the key and id limits. */
const MAX_PATTERN_KEY = 180

const SAMPLE: KeyFields = { authors: ['Justin Gilmer'], year: 2017, title: 'Neural Message Passing' }

/** `pattern` as a function from a paper to its key; UsageError naming `source` when it cannot make valid keys. */
export function compileKeyPattern(pattern: string, source = 'The key pattern'): KeyPattern {
  if (pattern === DEFAULT_KEY_PATTERN) return baseCitekey
  const parts = pattern.split(/(\{[^{}]*\})/).filter((part) => part !== '')
  const tokens = [...KEY_TOKENS.keys()].map((name) => `{${name}}`).join(' ')
  const unknown = parts.find((part) => part.startsWith('{') && !KEY_TOKENS.has(part.slice(1, -1)))
  if (unknown) throw new UsageError(`${source} has the unknown token ${shown(unknown)}`, [`Tokens: ${tokens}`])
  if (!parts.some((part) => part.startsWith('{')))
    throw new UsageError(`${source} ${shown(pattern)} has no token: every paper would get the same key`, [`Tokens: ${tokens}`])
  const make = (paper: KeyFields) =>
    parts
      .map((part) => (part.startsWith('{') ? KEY_TOKENS.get(part.slice(1, -1))!(paper) : part))
      .join('')
      .slice(0, MAX_PATTERN_KEY)
      .replace(/[:.\-/]+$/, '')
  const problem = keyProblem(make(SAMPLE))
  if (problem) throw new UsageError(`${source} ${shown(pattern)} makes keys such as ${shown(make(SAMPLE))}, which ${problem}`)
  return make
}
