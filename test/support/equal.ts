import { isDeepStrictEqual } from 'node:util'
import { expect } from 'vitest'

/**
 * `expect(actual, message).toEqual(expected)`, decided first by node's strict deep equality: what is
 * strictly equal is equal to toEqual too, and node compares a large tree several times faster than
 * vitest's matcher does. Anything else is left to toEqual, which decides as before and shows the difference.
 */
export function expectEqual<T>(actual: T, expected: T, message?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected)
}
