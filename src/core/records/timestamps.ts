/**
 * Timestamps from outside (front matter `created:`, `updated:`, `added:`): real calendar dates
 * and clock times only, written in the one form the library stores — `YYYY-MM-DDTHH:MM:SS`, an
 * optional fraction, then `Z` or an offset. A timestamp already in that form is kept exactly as
 * written; the shorter forms people type are completed (`2020-01-01T10:00Z` gains `:00` seconds,
 * `2020-01-01` becomes midnight UTC). Anything else is refused, never guessed at: JavaScript's own
 * parser rolls `2020-02-30` over to March 1st and reads `24:00` as the next day.
 */

const FORM = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2}))?$/

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** The stored form of `text`, or null when it is not a real date and time in an accepted form. */
export function canonicalTimestamp(text: string): string | null {
  const match = FORM.exec(text.trim())
  if (!match) return null
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  const date = `${y}-${mo}-${d}`
  if (h === undefined) return `${date}T00:00:00Z`
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null
  const offset = zone!.toUpperCase()
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) return null
  return `${date}T${h}:${mi}:${s ?? '00'}${fraction ?? ''}${offset}`
}

/** What a timestamp field accepts, for messages. */
export const TIMESTAMP_FORMS = 'a date such as 2024-03-01 or a time such as 2024-03-01T10:00:00Z'
