/**
 * Author names for BibTeX's `author` field: `Family, Given and Family, Given`. Names are stored as
 * people write them ("Given Family" or "Family, Given"), so the split follows BibTeX's own rule for
 * the first form: the lowercase words ("van der", "de la") start the family name, which runs to the
 * end; without them the family name is the last word.
 */
import { literalNameText } from '../core/papers/author-names.js'
import { escapeLatex } from './latex.js'

/** The parts of one name. */
export interface NameParts {
  /** Family name including particles (`van der Berg`), or the whole name when it has one part. */
  family: string
  /** Given names, or '' when unknown. */
  given: string
  /** `Jr.`, `III`, ... from the "Family, Jr., Given" form, or ''. */
  suffix: string
}

/** Split a name written "Given von Family", "von Family, Given" or "von Family, Jr., Given". */
export function splitName(name: string): NameParts {
  const pieces = name.split(',').map((piece) => piece.trim().replace(/\s+/g, ' '))
  if (pieces.length >= 3) return { family: pieces[0]!, suffix: pieces[1]!, given: pieces.slice(2).join(', ') }
  if (pieces.length === 2) return { family: pieces[0]!, suffix: '', given: pieces[1]! }
  const words = pieces[0]!.split(' ').filter(Boolean)
  if (words.length <= 1) return { family: words[0] ?? '', given: '', suffix: '' }
  // The first lowercase word that is neither the first nor the last starts the "von" part.
  const von = words.findIndex((word, i) => i > 0 && i < words.length - 1 && /^\p{Ll}/u.test(word))
  const familyStart = von > 0 ? von : words.length - 1
  return { family: words.slice(familyStart).join(' '), given: words.slice(0, familyStart).join(' '), suffix: '' }
}

/**
 * One name as BibTeX writes it, each part escaped; a part with the word `and` in it is braced, and
 * a name stored whole, or with more commas than BibTeX reads, is braced whole.
 */
export function bibtexName(name: string): string {
  // BibTeX reads at most two commas in a name; a list stored as one name before braces marked it is one name too.
  const literal = literalNameText(name) ?? (name.split(',').length > 3 ? name.trim() : null)
  if (literal !== null) return `{${escapeLatex(literal)}}`
  const { family, given, suffix } = splitName(name)
  const parts = [family, suffix, given].filter((part, i) => i === 0 || part !== '').map(protectPart)
  return parts.join(', ')
}

/** The `author` field value for a list of names. */
export function bibtexAuthors(names: readonly string[]): string {
  return names
    .filter((name) => name.trim() !== '')
    .map(bibtexName)
    .join(' and ')
}

function protectPart(part: string): string {
  // BibTeX splits the author list at the word "and" outside braces.
  return /\band\b/i.test(part) ? `{${escapeLatex(part)}}` : escapeLatex(part)
}
