/**
 * Typed reading of loosely typed input values (front matter, JSON-ish maps). Each reader returns the
 * value or a reason; the caller decides whether a reason is fatal. Strings are never altered.
 */
import { tagProblem } from '../core/tags/rules.js'
import { canonicalTimestamp, TIMESTAMP_FORMS } from '../core/records/timestamps.js'
import { MAX_PRIORITY, MIN_PRIORITY, READING_STATES, type ReadingState } from '../core/model.js'

/** A value, or why the input could not give one. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string }

const ok = <T>(value: T): Read<T> => ({ ok: true, value })
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason })

/** Text or nothing: a string, or null when absent or empty in YAML (`key:` / `key: null`). */
export function readText(value: unknown, field: string): Read<string | null> {
  if (value === undefined || value === null) return ok(null)
  if (typeof value === 'string') return ok(value)
  return fail(`${field} must be text`)
}

/** A list of strings; a single string counts as a list of one. */
export function readTextList(value: unknown, field: string): Read<string[]> {
  if (value === undefined || value === null) return ok([])
  if (typeof value === 'string') return ok([value])
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return ok(value)
  return fail(`${field} must be a list of text`)
}

/** A year written as digits (0-9999), or null. */
export function readYear(value: unknown): Read<number | null> {
  if (value === undefined || value === null) return ok(null)
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text === 'string' && /^\s*\d{1,4}\s*$/.test(text)) return ok(Number(text))
  return fail(`year must be a number from 0 to 9999, not ${JSON.stringify(value)}`)
}

/**
 * Tags as the library stores them: lowercase, whitespace runs as `-`, a leading `#` (Obsidian's
 * inline form) dropped, duplicates removed. Fails naming the first tag that breaks the rules.
 */
export function readTags(value: unknown): Read<string[]> {
  const list = readTextList(value, 'tags')
  if (!list.ok) return list
  const tags = new Set<string>() // in first-seen order
  for (const raw of list.value) {
    const tag = raw.trim().replace(/^#/, '').toLowerCase().replace(/\s+/g, '-')
    const problem = tagProblem(tag)
    if (problem) return fail(`tag ${JSON.stringify(raw)}: ${problem}`)
    tags.add(tag)
  }
  return ok([...tags])
}

/** A timestamp in the form the library stores (see core/records/timestamps.ts), or null when absent. */
export function readTimestamp(value: unknown, field: string): Read<string | null> {
  if (value === undefined || value === null) return ok(null)
  if (typeof value !== 'string') return fail(`${field} must be a date`)
  const timestamp = canonicalTimestamp(value)
  if (timestamp === null) return fail(`${field} is not a date: ${JSON.stringify(value.slice(0, 60))} (expected ${TIMESTAMP_FORMS})`)
  return ok(timestamp)
}

/** A reading state (`to-read`, `reading`, `read`), or null when absent. */
export function readReadingState(value: unknown): Read<ReadingState | null> {
  if (value === undefined || value === null) return ok(null)
  if ((READING_STATES as readonly unknown[]).includes(value)) return ok(value as ReadingState)
  return fail(`state must be one of ${READING_STATES.join(', ')}, not ${shownValue(value)}`)
}

/** A queue priority, a whole number from MIN_PRIORITY to MAX_PRIORITY, or null when absent. */
export function readPriority(value: unknown): Read<number | null> {
  if (value === undefined || value === null) return ok(null)
  // Front matter may hand a number over as its digits, as it does a year.
  const number = typeof value === 'string' && /^\s*\d{1,2}\s*$/.test(value) ? Number(value) : value
  if (typeof number === 'number' && Number.isInteger(number) && number >= MIN_PRIORITY && number <= MAX_PRIORITY) return ok(number)
  return fail(`priority must be a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}, not ${shownValue(value)}`)
}

/** A value as a message quotes it: text and numbers as JSON strings (cut at 40 characters), anything else by its kind. */
function shownValue(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? JSON.stringify(String(value).slice(0, 40)) : `a ${typeof value}`
}
