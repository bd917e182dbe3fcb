import type { Entry } from '../../core/records/entries.js'
import { fieldTexts } from '../../core/search/docs.js'
import { lazyRequire } from '../../core/lazy-require.js'

/** Loaded with the first fingerprint made (a build, a save, a search after a hand edit): a search from current postings makes none. */
const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

/** Bytes of an entry's fingerprint: the first of the SHA-1 of its searchable texts. */
export const FINGERPRINT_BYTES = 16

/**
 * Each entry's fingerprint, one after another: what a search after a hand edit compares to find
 * the entries whose texts are still those a base document was built from (their postings kept).
 */
export function fingerprintsOf(entries: readonly Entry[]): Uint8Array {
  const prints = new Uint8Array(entries.length * FINGERPRINT_BYTES)
  entries.forEach((entry, i) => fingerprintInto(prints, i, entry))
  return prints
}

/** Put the fingerprint of `entry` in `prints` as entry `i`'s. */
export function fingerprintInto(prints: Uint8Array, i: number, entry: Entry): void {
  const hash = crypto().createHash('sha1')
  // Each text after its length: no text can pass for the end of another.
  for (const text of fieldTexts(entry)) hash.update(`${text.length}:`).update(text)
  prints.set(hash.digest().subarray(0, FINGERPRINT_BYTES), i * FINGERPRINT_BYTES)
}

/** The fingerprint of entry `i`, as a key. */
export function fingerprintAt(prints: Uint8Array, i: number): string {
  return Buffer.from(prints.buffer, prints.byteOffset + i * FINGERPRINT_BYTES, FINGERPRINT_BYTES).toString('latin1')
}
