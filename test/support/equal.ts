import { isDeepStrictEqual } from 'node:util'
import { expect } from 'vitest'

/** A failure's message, or what makes it (built only when the check fails: some describe their case at length). */
type Message = string | (() => string)

const told = (message: Message | undefined) => (typeof message === 'function' ? message() : message)

/**
 * `expect(actual, message).toEqual(expected)`, decided first by node's strict deep equality: what is
 * strictly equal is equal to toEqual too, and node compares a large tree several times faster than
 * vitest's matcher does. Anything else is left to toEqual, which decides as before and shows the difference.
 */
export function expectEqual<T>(actual: T, expected: T, message?: Message): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, told(message)).toEqual(expected)
}

/**
 * `expect(actual, message).toBe(expected)`, the matcher called only when they differ (by Object.is, as
 * toBe decides): in a loop of thousands of checks that pass, the matchers were most of a test's time.
 */
export function expectSame<T>(actual: T, expected: T, message?: Message): void {
  if (!Object.is(actual, expected)) expect(actual, told(message)).toBe(expected)
}
