/**
 * How a paper's rename is written into the library's history, and read back by `history`: the
 * commit message holds `rekey <old> <new>` (its subject; in a commit that took in earlier changes
 * too, a line of its body, or its "The last change:" line). Keys hold no spaces, so the two words are the two keys.
 */
import { followKey } from '../core/papers/rename-paper.js'

/** One rename a commit recorded. */
export interface KeyRename {
  from: string
  to: string
}

/** The commit message of a rename. */
export function rekeyMessage(from: string, to: string): string {
  return `rekey ${from} ${to}`
}

// At a line's start or after `; ` or `: ` (`identify x: rekey x y`, `The last change: rekey x y`).
const RENAME = /(?:^|[;:] )rekey (\S+) (\S+?)(?=;|$)/gm

/** The renames a commit message records, in order, each once (a message may name one twice). */
export function renamesIn(message: string): KeyRename[] {
  const found = new Map([...message.matchAll(RENAME)].map((m) => [`${m[1]} ${m[2]}`, { from: m[1]!, to: m[2]! }]))
  return [...found.values()]
}

// The ids precis makes from a key: `<key>`, `<key>-2`, and a sync's conflict copies. Others that
// start with the new key (`b-c` of a paper `b-c` added later) are left alone.
const MADE_SUFFIX = /^-(?:\d+|conflict(?:-\d+)?)$/

/** The id summary `id` had before `rename` (ids made from the key followed it). */
export function idBefore(id: string, rename: KeyRename): string {
  const made = id === rename.to || (id.startsWith(rename.to) && MADE_SUFFIX.test(id.slice(rename.to.length)))
  return made ? followKey(id, rename.to, rename.from) : id
}
