/**
 * Keys that differ only in case (`Chen_2017` beside `chen_2017`): BibTeX takes them for one key,
 * and a citation `[@chen_2017]` names whichever it meets. precis no longer makes or takes such a
 * pair; a library written before may hold one, which doctor names and `rekey` settles.
 */
import { uniqueKey } from '../keys/citekey.js'
import type { Finding } from './finding.js'
import { KeySet } from '../keys/key-rules.js'
import { emptyLibrary, trashId, type Library } from '../model.js'
import { findSamePaper } from '../papers/papers.js'

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

/**
 * A paper in the trash (alone or with its last summary) whose key a paper of the library has too,
 * ignoring case: precis never makes one (new and renamed papers avoid trashed keys), a hand edit or
 * an old sync can. Both keep their files in one folder, so restoring the trashed one under a new
 * key would carry off the files it names from the library's paper's folder. The same paper in
 * both places (doctor --fix puts a summary's paper back from the trash) is no trouble: restore joins them.
 */
export function trashKeyTakenFindings(lib: Library): Finding[] {
  const live = new Map(lib.papers.map((p) => [p.key.toLowerCase(), p]))
  const seen = new Set<string>()
  return lib.trash.flatMap((entry): Finding[] => {
    const record = entry.paper
    const other = record === null ? undefined : live.get(record.key.toLowerCase())
    if (record === null || other === undefined || seen.has(record.key)) return []
    if (findSamePaper({ ...emptyLibrary(), papers: [other] }, record)) return []
    const [key, holder] = [record.key, other.key]
    seen.add(key)
    return [
      {
        kind: 'trash-key-taken',
        problem: `The paper ${key} in the trash has the key of the library's paper ${holder}: they share one folder of attached files`,
        fix: `If they are one paper, precis restore ${trashId(entry)} joins the library's record; if not, check its files (precis show ${holder}) before restoring it, or delete it with precis trash --empty (the folder stays with ${holder})`,
        fixable: false,
        subjects: [holder, key],
      },
    ]
  })
}
