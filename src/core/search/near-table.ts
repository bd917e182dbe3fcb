/**
 * The words one edit from a word, found without reading the vocabulary: a table of deletions
 * (SymSpell's). Two strings are within one edit (Damerau: a unit inserted, deleted, replaced, or two
 * neighbours swapped) only if one of them, or a string made by deleting one unit of it, equals the
 * other or one of its deletions (a swap is two deletions meeting). So the table holds, for each key
 * form of the vocabulary (each word's singular, each stem), the hash of the form and of each of its
 * one-unit deletions, with the number of the word or stem; a query word's forms and their deletions
 * are looked up there (a few dozen probes, each a bucket of a few entries), and what comes back is
 * a superset of the words within one edit (hashes collide), which typo correction then checks with
 * the same tests it always did.
 *
 * Numbers in the table: vocabulary entry w is w, stem s is `words + s`. Each entry of the table
 * holds that number in its low bits and, above, bits of its key's hash not used to choose the bucket
 * (a fingerprint: most keys of the bucket that are not the probe's are told apart without reading them).
 */

/** The table: bucket b's entries are entries[starts[b] .. starts[b + 1]); the number of buckets is a power of two. */
export interface NearTable {
  starts: Uint32Array
  entries: Uint32Array
}

/** Keys per bucket, about: a probe reads the bucket's entries (one block of the file, most often). */
const KEYS_PER_BUCKET = 16

/** Bits of an entry that hold a word's or stem's number, for `numbers` of them: the rest hold the fingerprint. */
export function numberBits(numbers: number): number {
  return Math.max(1, 32 - Math.clz32(Math.max(1, numbers - 1)))
}

/** How far a hash is shifted to leave the bits choosing its bucket among `buckets` (a power of two): its top ones. */
function bucketShift(buckets: number): number {
  return 32 - Math.round(Math.log2(buckets))
}

/** A key's bucket: the top bits of its hash (none when there is one bucket, a shift of 32). */
const bucketOf = (hash: number, shift: number) => (shift >= 32 ? 0 : hash >>> shift)

/** The fingerprint of a key's hash in `bits` bits (0 to 31): from a second mix of it, apart from the bucket's bits. */
function fingerprint(hash: number, bits: number): number {
  if (bits === 0) return 0
  return Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> (32 - bits)
}

/** An entry of the table: `number` under the fingerprint of `hash`. */
function entryOf(hash: number, number: number, bits: number): number {
  return bits >= 32 ? number : ((fingerprint(hash, 32 - bits) << bits) | number) >>> 0
}

/** The multiplier of the keys' polynomial hash (odd: every power of it is too). */
const BASE = 0x01000193

/** A form's hashes: of its first i units (prefixes[i]), and BASE's powers (powers[i]); grown as longer forms come. */
let prefixes = new Int32Array(64)
let powers = new Int32Array(64)

/** The bits of a hash mixed down (the polynomial's top bits, which pick the bucket, depend little on the last units). */
function mixed(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b)
  return (hash ^ (hash >>> 16)) >>> 0
}

const isLetter = (code: number) => code >= 97 && code <= 122

/**
 * The hashes of `form` and of its one-unit deletions, as far as a query can meet them: a query's
 * forms are lowercase ASCII letters only (typos.ts, correctable), so a form with two other units is
 * two edits from any of them, and one with a single other unit can meet one only by its deletion.
 * Deleting either of two equal neighbours makes the same string: given once.
 */
export function eachKey(form: string, give: (hash: number) => void): void {
  const n = form.length
  let others = 0
  let other = -1
  for (let i = 0; i < n; i++)
    if (!isLetter(form.charCodeAt(i))) {
      others++
      other = i
    }
  if (others > 1) return
  if (prefixes.length <= n) {
    prefixes = new Int32Array(2 * n + 1)
    powers = new Int32Array(2 * n + 1)
  }
  // The polynomial hash of the form is that of its units, each times BASE to the power of the units after it:
  // a deletion's is the prefix before it shifted past the units after it, plus those units' part.
  powers[0] = 1
  for (let i = 0; i < n; i++) {
    prefixes[i + 1] = (Math.imul(prefixes[i]!, BASE) + form.charCodeAt(i)) | 0
    powers[i + 1] = Math.imul(powers[i]!, BASE)
  }
  const whole = prefixes[n]!
  if (others === 1) return give(mixed(deleted(whole, n, other)))
  give(mixed(whole))
  for (let i = 0; i < n; i++) if (i === 0 || form.charCodeAt(i) !== form.charCodeAt(i - 1)) give(mixed(deleted(whole, n, i)))
}

/** The hash of the form eachKey hashed last (`whole`, `n` units) with its unit `i` deleted. */
function deleted(whole: number, n: number, i: number): number {
  const after = powers[n - 1 - i]!
  return (Math.imul(prefixes[i]!, after) + whole - Math.imul(prefixes[i + 1]!, after)) | 0
}

/**
 * The table of a vocabulary's words and stems: `singulars[w]`, word w's singular (foldPlural), or
 * undefined where it is its stem's text, which the stem's keys stand for (most words: a word met by
 * them is found as its stem is, and the stem's words read).
 */
export function buildNearTable(singulars: readonly (string | undefined)[], stems: readonly string[]): NearTable {
  const words = singulars.length
  const bits = numberBits(words + stems.length)
  // Each form's keys, hashed once: then counted per bucket and placed (no list of a million pairs sorted).
  let most = 0
  for (const singular of singulars) most += singular === undefined ? 0 : singular.length + 1
  for (const stem of stems) most += stem.length + 1
  const hashes = new Uint32Array(most)
  const numbers = new Uint32Array(most)
  let keys = 0
  let number = 0
  const add = (hash: number) => {
    hashes[keys] = hash
    numbers[keys++] = number
  }
  for (; number < words; number++) if (singulars[number] !== undefined) eachKey(singulars[number]!, add)
  for (const stem of stems) {
    eachKey(stem, add)
    number++
  }
  let buckets = 1
  while (buckets * KEYS_PER_BUCKET < keys) buckets *= 2
  const shift = bucketShift(buckets)
  const starts = new Uint32Array(buckets + 1)
  for (let k = 0; k < keys; k++) starts[bucketOf(hashes[k]!, shift) + 1]!++
  for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!
  const entries = new Uint32Array(keys)
  const next = starts.slice(0, buckets)
  for (let k = 0; k < keys; k++) entries[next[bucketOf(hashes[k]!, shift)]!++] = entryOf(hashes[k]!, numbers[k]!, bits)
  return { starts, entries }
}

/** How a table is read: its buckets (starts.length - 1) and values, each undefined when it cannot be read as a table's. */
export interface NearTableReader {
  buckets: number
  start(bucket: number): number | undefined
  entry(at: number): number | undefined
}

/**
 * The vocabulary entries and stems (numbered as in the table, among `numbers`) that may be within
 * one edit of one of `forms`, by their key forms: a superset, ascending, each once.
 */
export function nearCandidates(table: NearTableReader, numbers: number, forms: readonly string[]): number[] {
  const bits = numberBits(numbers)
  const found = new Set<number>()
  const shift = bucketShift(table.buckets)
  const probe = (hash: number) => {
    const b = bucketOf(hash, shift)
    const end = table.start(b + 1) ?? 0
    const wanted = entryOf(hash, 0, bits)
    for (let at = table.start(b) ?? end; at < end; at++) {
      const entry = table.entry(at)
      if (entry === undefined) continue
      const number = bits >= 32 ? entry : entry % 2 ** bits
      if (entry - number === wanted && number < numbers) found.add(number)
    }
  }
  for (const form of forms) eachKey(form, probe)
  return [...found].sort((a, b) => a - b)
}
