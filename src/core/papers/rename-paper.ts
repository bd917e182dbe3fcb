/**
 * Renaming a paper (`precis rekey`, and `identify` once it knows what a paper is): the key, the ids
 * of its summaries (`<key>`, `<key>-2`, ... follow it), the trash, and every citation of it in
 * every body. Pure: the library given is left as it was, and the renamed one shares every record
 * the rename did not touch. Timestamps stay: a new name is not an edit of the text.
 */
import { CitationResolver, extractCitations, type Citation } from '../citations/citations.js'
import { NotFoundError, UsageError } from '../errors.js'
import { isUsableName, shown } from '../records/field-rules.js'
import { KeySet, keyProblem } from '../keys/key-rules.js'
import { trashedSummaries, type Library, type Paper, type Summary, type TrashEntry } from '../model.js'
import { escapeRegex } from '../text/regex.js'
import { closest } from '../text/similar.js'

/** A summary id before and after the rename. */
export interface IdChange {
  from: string
  to: string
}

/** A body whose citations of the paper were rewritten. */
export interface CitationChange {
  /** The summary's id after the rename. */
  id: string
  /** How many keys were rewritten in it (`\cite{a,old}` counts one). */
  count: number
  inTrash: boolean
}

/** What renaming a paper does (or would do: `--dry-run` shows it and keeps the library as it was). */
export interface PaperRename {
  library: Library
  from: string
  to: string
  /** Summaries in the library whose id follows the key. */
  ids: IdChange[]
  /** Summaries in the trash whose id follows the key. */
  trashIds: IdChange[]
  citations: CitationChange[]
}

/** The id a summary of the paper takes: ids made from the key follow it, others (hand-made, older files) stay. */
export function followKey(id: string, from: string, to: string): string {
  if (id === from) return to
  return id.startsWith(`${from}-`) ? to + id.slice(from.length) : id
}

/** The paper named `key`: in the library, else one that left for the trash with its last summary. */
function findPaper(lib: Library, key: string): Paper {
  const paper = lib.papers.find((p) => p.key === key) ?? lib.trash.find((e) => e.paper?.key === key)?.paper
  if (paper) return paper
  const candidates = closest(
    key,
    lib.papers.map((p) => p.key),
    5,
  )
  throw new NotFoundError(
    `No paper has the key ${shown(key)}`,
    candidates.length > 0 ? ['Did you mean:', ...candidates.map((c) => `  ${c}`)] : [],
  )
}

/** Refuses a key that cannot name the paper: an invalid one, or one another paper has (ignoring case). */
function checkNewKey(lib: Library, from: string, to: string): void {
  const problem = keyProblem(to)
  if (problem) throw new UsageError(`The key ${shown(to)} ${problem}`)
  if (to === from) throw new UsageError(`The paper already has the key ${shown(to)}`)
  const others = [...lib.papers, ...lib.trash.flatMap((e) => (e.paper ? [e.paper] : []))].filter((p) => p.key !== from)
  const folded = to.toLowerCase()
  const holder = others.find((p) => p.key.toLowerCase() === folded)
  if (holder) {
    const where = lib.papers.includes(holder) ? '' : ' (in the trash)'
    throw new UsageError(`The key ${shown(to)} is taken by another paper${where}: ${shown(holder.key)}`, [
      'Keys are compared ignoring case, as BibTeX compares them.',
    ])
  }
}

/** Refuses new ids that are too long or that another summary (or trashed one) already has, ignoring case. */
function checkNewIds(lib: Library, changes: readonly IdChange[]): void {
  const moving = new Set(changes.map((c) => c.from))
  const kept = new KeySet([...lib.summaries, ...trashedSummaries(lib.trash)].map((s) => s.id).filter((id) => !moving.has(id)))
  for (const { from, to } of changes) {
    if (!isUsableName(to, 'id'))
      throw new UsageError(`The key is too long: the summary ${shown(from)} would become ${shown(to)}, over 210 characters`)
    if (kept.has(to)) throw new UsageError(`The summary ${shown(from)} would become ${shown(to)}, an id another summary has`)
  }
}

/**
 * Rewrites each citation key that `names` holds (lowercase old name → new name) in `body`; code and
 * math are never touched. Returns the body and how many keys changed.
 */
export function rewriteCitedKeys(body: string, names: ReadonlyMap<string, string>): { body: string; count: number } {
  let count = 0
  const rename = (key: string) => {
    const next = names.get(key.toLowerCase())
    if (next !== undefined) count++
    return next ?? key
  }
  let out = ''
  let last = 0
  for (const citation of extractCitations(body)) {
    if (!citation.keys.some((key) => names.has(key.toLowerCase()))) continue
    out += body.slice(last, citation.start) + rewritten(body.slice(citation.start, citation.end), citation, rename)
    last = citation.end
  }
  return { body: last === 0 ? body : out + body.slice(last), count }
}

/** One citation's text with its keys renamed, everything else as written (`\citep[p.~2]{ a, old}` keeps its spaces). */
function rewritten(text: string, citation: Citation, rename: (key: string) => string): string {
  if (citation.form !== 'latex') {
    const at = text.indexOf('@') + 1
    return text.slice(0, at) + rename(text.slice(at))
  }
  const open = text.lastIndexOf('{') + 1
  const list = text
    .slice(open, -1)
    .split(',')
    .map((item) => {
      const key = item.trim()
      return key === '' ? item : item.replace(key, () => rename(key)) // a function: `$$` in a key is not a pattern
    })
  return `${text.slice(0, open)}${list.join(',')}}`
}

/**
 * The names by which a body cites the paper (its key and its summaries' ids), lowercase, with what
 * they become; a name that resolves to another paper (an older library may hold `Chen_2017` and
 * `chen_2017`) is that paper's.
 */
function citationNames(lib: Library, paper: Paper, to: string, changes: readonly IdChange[]): Map<string, string> {
  const resolver = new CitationResolver(lib)
  const names = new Map<string, string>()
  for (const { from, to: next } of [{ from: paper.key, to }, ...changes]) {
    const resolved = resolver.resolve(from)
    if (resolved === null || resolved.key === paper.key) names.set(from.toLowerCase(), next)
  }
  return names
}

/** Rename the paper `oldKey` to `newKey` (see the file's comment). Throws UsageError for an invalid or taken key, NotFoundError for an unknown paper. */
export function renamePaper(library: Library, oldKey: string, newKey: string): PaperRename {
  const paper = findPaper(library, oldKey)
  checkNewKey(library, oldKey, newKey)
  const change = (s: Summary): IdChange => ({ from: s.id, to: followKey(s.id, oldKey, newKey) })
  const ids = library.summaries
    .filter((s) => s.paper === oldKey)
    .map(change)
    .filter((c) => c.from !== c.to)
  const trashIds = trashedSummaries(library.trash)
    .filter((s) => s.paper === oldKey)
    .map(change)
    .filter((c) => c.from !== c.to)
  checkNewIds(library, [...ids, ...trashIds])

  const names = citationNames(library, paper, newKey, [...ids, ...trashIds])
  const mentions = new RegExp([...names.keys()].map(escapeRegex).join('|'), 'i')
  const citations: CitationChange[] = []
  const renameSummary = (summary: Summary, inTrash: boolean): Summary => {
    const own = summary.paper === oldKey
    const { body, count } = mentions.test(summary.body) ? rewriteCitedKeys(summary.body, names) : { body: summary.body, count: 0 }
    if (!own && count === 0) return summary
    const id = own ? followKey(summary.id, oldKey, newKey) : summary.id
    if (count > 0) citations.push({ id, count, inTrash })
    return { ...summary, id, paper: own ? newKey : summary.paper, body }
  }
  const renameRecord = (p: Paper | null): Paper | null => (p?.key === oldKey ? { ...p, key: newKey } : p)
  const summaries = library.summaries.map((s) => renameSummary(s, false))
  const trash = library.trash.map((entry): TrashEntry => {
    if (entry.summary === null) {
      const record = renameRecord(entry.paper)!
      return record === entry.paper ? entry : { ...entry, paper: record }
    }
    const summary = renameSummary(entry.summary, true)
    const record = renameRecord(entry.paper)
    return summary === entry.summary && record === entry.paper ? entry : { ...entry, summary, paper: record }
  })
  const renamed: Library = {
    ...library,
    papers: library.papers.map((p) => renameRecord(p)!),
    summaries,
    trash,
  }
  return { library: renamed, from: oldKey, to: newKey, ids, trashIds, citations }
}
