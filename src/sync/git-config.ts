/** One value of git's config, in the order git reads them. */
interface Entry {
  /** As git names it: the section and the variable in lower case, a subsection as written. */
  key: string
  /** null for a variable written without `=` (true as a boolean, empty as a string). */
  value: string | null
  /** True for the repository's own config file (`git config --local`), not a file it includes. */
  local: boolean
}

/** A key as git prints it: the section and the variable name are case-insensitive, a subsection is not. */
function canonicalKey(key: string): string {
  const first = key.indexOf('.')
  const last = key.lastIndexOf('.')
  return key.slice(0, first).toLowerCase() + key.slice(first, last) + key.slice(last).toLowerCase()
}

// What git takes as a number where it wants a boolean (strtoimax in base 0, then a unit): 1, 0x1f, 017, 2k.
const NUMBER = /^[ \t\n\v\f\r]*[-+]?(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)([kmg]?)$/i
const UNIT: Record<string, bigint> = { '': 1n, k: 1024n, m: 1024n ** 2n, g: 1024n ** 3n }
// git reads it as an int: beyond that it refuses the value.
const INT_MAX = 2n ** 31n - 1n

/** `value` as `git config --bool` reads it: a word, or a number that is not 0; anything else is not true. */
function isTrue(value: string | null): boolean {
  if (value === null) return true
  const word = value.toLowerCase()
  if (['true', 'yes', 'on'].includes(word)) return true
  const number = NUMBER.exec(value)
  if (number === null) return false // false, no, off, empty: or not a boolean at all, which git refuses
  const digits = number[1]!.toLowerCase()
  const magnitude = digits.startsWith('0x')
    ? BigInt(digits)
    : digits.startsWith('0')
      ? BigInt(`0o${digits.slice(1) || '0'}`)
      : BigInt(digits)
  return magnitude !== 0n && magnitude <= INT_MAX / UNIT[number[2]!.toLowerCase()]!
}

/**
 * All of git's config as one run of `git config -z --list --show-scope --show-origin` printed it: a command that
 * needs several values asks git once (`Git.config`), and answers as `git config --get` would.
 */
export class GitConfig {
  private constructor(private readonly entries: readonly Entry[]) {}

  /** Reads the output of `git config -z --list --show-scope --show-origin`. */
  static parse(listed: string): GitConfig {
    const fields = listed.split('\0')
    const entries: Entry[] = []
    // The repository's own file is the first one read in the local scope (what it includes is read at
    // its `include.path` line, after it): `git config --local` reads that file alone.
    let ownFile: string | undefined
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const [scope, origin, pair] = [fields[i]!, fields[i + 1]!, fields[i + 2]!]
      if (scope === 'local') ownFile ??= origin
      const split = pair.indexOf('\n')
      const [key, value] = split === -1 ? [pair, null] : [pair.slice(0, split), pair.slice(split + 1)]
      entries.push({ key, value, local: scope === 'local' && origin === ownFile })
    }
    return new GitConfig(entries)
  }

  /** What `git config [--local] --get key` prints (trimmed): the last value, '' when there is none. */
  get(key: string, scope: 'any' | 'local' = 'any'): string {
    return this.last(key, scope)?.value?.trim() ?? ''
  }

  /** What `git config --bool --get key` tells: true only for a value git reads as true. */
  isTrue(key: string): boolean {
    const entry = this.last(key, 'any')
    return entry !== undefined && isTrue(entry.value)
  }

  /** True when some value is given for `key` (a bare `key` without `=` gives none). */
  hasValue(key: string): boolean {
    const wanted = canonicalKey(key)
    return this.entries.some((entry) => entry.key === wanted && entry.value !== null)
  }

  private last(key: string, scope: 'any' | 'local'): Entry | undefined {
    const wanted = canonicalKey(key)
    return this.entries.findLast((entry) => entry.key === wanted && (scope === 'any' || entry.local))
  }
}
