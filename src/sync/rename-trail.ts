/**
 * How a paper's rename is written into the library's history, and read back by `history`: the
 * commit message holds `rekey <old> <new>` (its subject; in a commit that took in earlier changes
 * too, a line of its body, or its "The last change:" line). Keys hold no spaces, so the two words are the two keys.
 */
import { followKey } from '../core/rename-paper.js'

/** One rename a commit recorded. */
export interface KeyRename {
  from: string
  to: string
}

/** The commit message of a rename. */
export function rekeyMessage(from: string, to: string): string {
  return `rekey ${from} ${to}`
}

const RENAME = /(?:^|; |The last change: )rekey (\S+) (\S+?)(?=;|$)/gm

/** The renames a commit message records, in order, each once (a message may name one twice). */
export function renamesIn(message: string): KeyRename[] {
  const found = new Map([...message.matchAll(RENAME)].map((m) => [`${m[1]} ${m[2]}`, { from: m[1]!, to: m[2]! }]))
  return [...found.values()]
}

/** The id summary `id` had before `rename` (ids made from the key followed it). */
export function idBefore(id: string, rename: KeyRename): string {
  return followKey(id, rename.to, rename.from)
}
