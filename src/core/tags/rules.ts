import { UsageError } from '../errors.js'

/** The tag of every summary a sync merge made to hold a version it could not keep. */
export const CONFLICT_TAG = 'precis/conflict'

/** Longest tag accepted, in characters. */
export const MAX_TAG_LENGTH = 64

// eslint-disable-next-line no-control-regex -- control characters are refused in tags
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/**
 * Normalise a tag as typed: lowercase, runs of whitespace to `-`, `/` kept for hierarchy.
 * Throws a UsageError naming the tag when it cannot be a tag (empty segment, control character, too long).
 */
export function normalizeTag(raw: string): string {
  const tag = canonicalTag(raw)
  const problem = tagProblem(tag)
  if (problem) throw new UsageError(`Invalid tag ${JSON.stringify(raw)}: ${problem}`)
  return tag
}

/** The stored form of a tag as typed (lowercase, white space to `-`), not yet validated. */
export function canonicalTag(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '-')
}

/** Why a (normalised) tag breaks the rules, or null when it is fine. */
export function tagProblem(tag: string): string | null {
  if (tag === '') return 'it is empty'
  if (CONTROL.test(tag)) return 'it contains a control character'
  if (/\s/.test(tag)) return 'it contains white space'
  if (tag !== tag.toLowerCase()) return 'it is not lowercase'
  if ([...tag].length > MAX_TAG_LENGTH) return `it is longer than ${MAX_TAG_LENGTH} characters`
  if (tag.split('/').some((segment) => segment === '')) return 'it has an empty segment around "/"'
  return null
}

/** Normalise several tags, dropping duplicates while keeping first-seen order. */
export function normalizeTags(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normalizeTag))]
}

/** `tag:ml` matches `ml` itself and every tag below it (`ml/gnn`). */
export function tagMatches(tag: string, wanted: string): boolean {
  return tag === wanted || tag.startsWith(wanted + '/')
}

/**
 * The nearest valid tag to a keyword from another program (a `.bib` file's `keywords`), or null
 * when nothing of it can be a tag: normalised, control characters dropped, empty segments around
 * `/` closed up (`a//b` → `a/b`), cut to MAX_TAG_LENGTH characters at a word or segment boundary
 * when one is near.
 */
export function tagFromKeyword(keyword: string): string | null {
  const segments = canonicalTag(keyword.replace(new RegExp(CONTROL.source, 'g'), ' ')).split('/')
  let tag = segments
    .map((segment) => segment.replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('/')
  const chars = [...tag]
  if (chars.length > MAX_TAG_LENGTH) {
    const cut = chars.slice(0, MAX_TAG_LENGTH).join('')
    const boundary = /[-/]/.test(chars[MAX_TAG_LENGTH]!) ? cut.length : Math.max(cut.lastIndexOf('-'), cut.lastIndexOf('/'))
    tag = (boundary >= MAX_TAG_LENGTH / 2 ? cut.slice(0, boundary) : cut).replace(/[-/]+$/, '')
  }
  return tag === '' || tagProblem(tag) !== null ? null : tag
}
