/**
 * Keys that differ only in case (`Chen_2017` beside `chen_2017`): BibTeX takes them for one key,
 * and a citation `[@chen_2017]` names whichever it meets. precis no longer makes or takes such a
 * pair; a library written before may hold one, which doctor names and `rekey` settles.
 */
import { uniqueKey } from '../keys/citekey.js'
import type { Finding } from './finding.js'
import { KeySet } from '../keys/key-rules.js'
import type { Library } from '../model.js'

/** One finding per group of papers whose keys differ only in case; every key but the first is to rename. */
export function caseTwinFindings(lib: Library): Finding[] {
  const groups = new Map<string, string[]>()
  for (const { key } of lib.papers) {
    const folded = key.toLowerCase()
    groups.set(folded, [...(groups.get(folded) ?? []), key])
  }
  const taken = new KeySet(lib.papers.map((p) => p.key))
  return [...groups.values()]
    .filter((keys) => keys.length > 1)
    .map((keys): Finding => {
      const renames = keys.slice(1).map((key) => {
        const free = uniqueKey(key, taken)
        taken.add(free)
        return `precis rekey ${key} ${free}`
      })
      return {
        kind: 'case-twin-keys',
        problem: `The papers ${keys.join(', ')} have keys that differ only in case: BibTeX and citations take them for one key`,
        fix: `Give each its own key: ${renames.join('; ')} (citations of it follow)`,
        fixable: false,
        subjects: keys,
      }
    })
}
