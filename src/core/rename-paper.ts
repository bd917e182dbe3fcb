/**
 * Renaming a paper: its key, the ids of its summaries (`<key>`, `<key>-2`, ... follow the key), the
 * trash entries that belong to it, and every citation of it or of its summaries in every body
 * (`[@old]`, `@old`, `\cite{old}`, `\citet{a,old}`). Code and math are left alone, as citations are
 * never found there. Works on the library it is given (inside `store.update`); no I/O.
 */
import { extractCitations, type Citation } from './citations.js'
import { NotFoundError, UsageError } from './errors.js'
import type { Library, Summary } from './model.js'

/** What a rename changed. */
export interface RenameReport {
  oldKey: string
  newKey: string
  /** Summary ids (library and trash) renamed: old id → new id. */
  ids: Map<string, string>
  /** Ids of the summaries (library and trash) whose bodies had citations rewritten. */
  rewritten: string[]
}

/**
 * Give the paper `oldKey` the key `newKey`. Throws NotFoundError when there is no such paper and
 * UsageError when another paper has `newKey` (case aside: keys differing only in case would clash
 * in BibTeX and on case-insensitive disks).
 */
export function renamePaper(lib: Library, oldKey: string, newKey: string): RenameReport {
  const paper = lib.papers.find((p) => p.key === oldKey)
  if (!paper) throw new NotFoundError(`No paper has the key ${oldKey}`)
  const report: RenameReport = { oldKey, newKey, ids: new Map(), rewritten: [] }
  if (newKey === oldKey) return report
  const clash = lib.papers.find((p) => p !== paper && p.key.toLowerCase() === newKey.toLowerCase())
  if (clash) throw new UsageError(`The key ${newKey} is taken by another paper (${clash.key})`)

  paper.key = newKey
  return retarget(lib, oldKey, newKey)
}

/**
 * Move everything of the paper `fromKey` to the paper `intoKey` (the same paper, recorded twice):
 * its summaries (ids `<intoKey>-<n>`, never one already taken), its trash entries and every citation
 * of it; then remove `fromKey`. Throws NotFoundError when either paper is missing.
 */
export function mergePaperInto(lib: Library, fromKey: string, intoKey: string): RenameReport {
  const from = lib.papers.find((p) => p.key === fromKey)
  if (!from) throw new NotFoundError(`No paper has the key ${fromKey}`)
  if (!lib.papers.some((p) => p.key === intoKey)) throw new NotFoundError(`No paper has the key ${intoKey}`)
  if (fromKey === intoKey) return { oldKey: fromKey, newKey: intoKey, ids: new Map(), rewritten: [] }
  lib.papers.splice(lib.papers.indexOf(from), 1)
  // A trashed summary no longer needs to keep its paper: restoring it finds `intoKey` in the library.
  for (const entry of lib.trash) if (entry.paper?.key === fromKey) entry.paper = null
  return retarget(lib, fromKey, intoKey)
}

/** Point the summaries of `oldKey` (library and trash) and every citation of them at `newKey`. */
function retarget(lib: Library, oldKey: string, newKey: string): RenameReport {
  const report: RenameReport = { oldKey, newKey, ids: new Map(), rewritten: [] }
  const own = [...lib.summaries.filter((s) => s.paper === oldKey), ...lib.trash.filter((e) => e.summary.paper === oldKey).map((e) => e.summary)]
  const taken = new Set([...lib.summaries, ...lib.trash.map((e) => e.summary)].filter((s) => s.paper !== oldKey).map((s) => s.id))
  // The paper's own ids first in their order (`old`, `old-2`, ...), so each keeps its suffix when free.
  for (const summary of sortedIds(own)) {
    const id = renamedId(summary.id, oldKey, newKey, taken)
    taken.add(id)
    if (id !== summary.id) report.ids.set(summary.id, id)
    summary.id = id
    summary.paper = newKey
  }
  for (const entry of lib.trash) if (entry.paper?.key === oldKey) entry.paper.key = newKey

  // Citations name a paper key or a summary id, case-insensitively.
  const names = new Map<string, string>([[oldKey.toLowerCase(), newKey]])
  for (const [from, to] of report.ids) names.set(from.toLowerCase(), to)
  for (const summary of [...lib.summaries, ...lib.trash.map((e) => e.summary)]) {
    const body = rewriteCitedKeys(summary.body, names)
    if (body !== summary.body) {
      summary.body = body
      report.rewritten.push(summary.id)
    }
  }
  return report
}

function sortedIds(summaries: Summary[]): Summary[] {
  const rank = (id: string) => Number(/-(\d+)$/.exec(id)?.[1] ?? 1)
  return [...summaries].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))
}

/** `old` → `new`, `old-<suffix>` → `new-<suffix>` while free, else the next free `new-<n>`. */
function renamedId(id: string, oldKey: string, newKey: string, taken: ReadonlySet<string>): string {
  const wanted = id === oldKey ? newKey : id.startsWith(`${oldKey}-`) ? newKey + id.slice(oldKey.length) : id
  if (!taken.has(wanted)) return wanted
  if (!taken.has(newKey)) return newKey
  for (let n = 2; ; n++) if (!taken.has(`${newKey}-${n}`)) return `${newKey}-${n}`
}

/** `body` with every cited key found in `names` (lowercase → new name) replaced; the rest exact. */
export function rewriteCitedKeys(body: string, names: ReadonlyMap<string, string>): string {
  let out = ''
  let last = 0
  for (const citation of extractCitations(body)) {
    if (!citation.keys.some((key) => names.has(key.toLowerCase()))) continue
    out += body.slice(last, citation.start) + rewrittenCitation(body.slice(citation.start, citation.end), citation, names)
    last = citation.end
  }
  return last === 0 ? body : out + body.slice(last)
}

function rewrittenCitation(text: string, citation: Citation, names: ReadonlyMap<string, string>): string {
  const rename = (key: string) => names.get(key.toLowerCase()) ?? key
  if (citation.form !== 'latex') {
    // `@key` or `-@key`: the key is everything after the `@`.
    const at = text.indexOf('@')
    return text.slice(0, at + 1) + rename(text.slice(at + 1))
  }
  // `\cite...{a, b}`: the key list is the last braced group; spacing around the keys is kept.
  const open = text.lastIndexOf('{')
  const list = text.slice(open + 1, -1).split(',').map((part) => part.replace(/\S+/, (key) => rename(key)))
  return `${text.slice(0, open + 1)}${list.join(',')}}`
}
