import { baseCitekey, makeCitekey, type KeyPattern } from '../keys/citekey.js'
import { KeySet } from '../keys/key-rules.js'
import { alignRenames } from './renames.js'
import {
  emptyLibrary,
  trashedSummaries,
  trashId,
  type Attachment,
  type Library,
  type Paper,
  type Summary,
  type TrashEntry,
} from '../model.js'
import { findSamePaper } from '../papers/papers.js'
import { CONFLICT_TAG } from '../tags/rules.js'
import { pushAll } from '../lists.js'

/**
 * Three-way merge of two libraries that grew from a common base (git's merge-driver contract),
 * record by record and field by field. Additions on both sides are kept; a deletion holds unless
 * the other side edited the record; different fields edited on each side are both kept; tags merge
 * as sets. When both sides changed the same field, the later edit is kept (by the record's `updated`;
 * a paper has no time of its own, so the latest `updated` of its summaries on each side stands for it;
 * ours on a tie) and the other goes into a conflict copy: an extra summary tagged `precis/conflict`
 * that `show`, `list` and `doctor` see like any other. A paper renamed on one side is renamed on
 * the other before the records are matched (renames.ts). No schema change, nothing lost.
 */

/** A place where both sides changed the same fields, and where the other version went. */
export interface MergeConflict {
  kind: 'summary' | 'paper'
  /** The summary id or paper key both sides changed. */
  record: string
  fields: string[]
  /** Id of the conflict copy holding the version not kept. */
  copy: string
}

export interface MergeResult {
  library: Library
  conflicts: MergeConflict[]
}

/** Structural equality of JSON values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue((a as never)[k], (b as never)[k]))
}

/** Three-way set merge: a tag survives when no side removed it, and every side's additions are in. */
export function mergeTagSets(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
  const [b, o, t] = [new Set(base), new Set(ours), new Set(theirs)]
  return [...new Set([...ours, ...theirs])].filter((tag) => (b.has(tag) ? o.has(tag) && t.has(tag) : true))
}

const latest = (a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a)
const earliest = (a: string, b: string) => (Date.parse(b) < Date.parse(a) ? b : a)

/** A field-by-field merge of one record present on all three sides: the merged values and the fields in conflict. */
/** `record[field] = value`, or no such field when the value is undefined (an optional field absent on that side). */
function setOrDelete<T extends object>(record: T, field: keyof T, value: T[keyof T] | undefined): void {
  if (value === undefined) delete record[field]
  else record[field] = value
}

/**
 * A paper's attachments after both sides' changes: what either attached, less what either removed
 * (so files attached on two machines are all kept); a name taken twice keeps ours. Undefined when none is left.
 */
export function mergeAttachments(base: Attachment[] = [], ours: Attachment[] = [], theirs: Attachment[] = []): Attachment[] | undefined {
  const id = (a: Attachment) => (a.kind === 'file' ? `file ${a.name} ${a.sha256}` : `link ${a.url}`)
  const [b, o, t] = [base, ours, theirs].map((list) => new Set(list.map(id))) as [Set<string>, Set<string>, Set<string>]
  const kept = [...ours.filter((a) => !b.has(id(a)) || t.has(id(a))), ...theirs.filter((a) => !o.has(id(a)) && !b.has(id(a)))]
  const names = new Set<string>()
  const merged = kept.filter((a) => a.kind === 'link' || (!names.has(a.name.toLowerCase()) && names.add(a.name.toLowerCase())))
  return merged.length > 0 ? merged : undefined
}

function mergeFields<T extends object>(base: T, ours: T, theirs: T, winner: T): { merged: T; conflicts: string[] } {
  const merged = { ...winner }
  const conflicts: string[] = []
  // Every side's fields: an optional one (a paper's reading state, its attachments) set on one side only is kept.
  const fields = new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)]) as Set<keyof T & string>
  for (const field of fields) {
    const [b, o, t] = [base[field], ours[field], theirs[field]]
    if (field === 'tags') {
      // A summary always has its list; a paper has one only while it carries tags of its own (absent when none is left).
      const [bt, ot, tt] = [b, o, t] as (string[] | undefined)[]
      const list = mergeTagSets(bt ?? [], ot ?? [], tt ?? [])
      if (list.length === 0 && (bt === undefined || ot === undefined || tt === undefined)) delete merged[field]
      else merged[field] = list as T[typeof field]
    } else if (field === 'attachments') {
      const list = mergeAttachments(b as Attachment[] | undefined, o as Attachment[] | undefined, t as Attachment[] | undefined)
      if (list) merged[field] = list as T[typeof field]
      else delete merged[field]
    } else if (sameValue(o, b)) setOrDelete(merged, field, t)
    else if (sameValue(t, b) || sameValue(o, t)) setOrDelete(merged, field, o)
    // Timestamps are not edits: a record was updated when either side last did, added when either first did.
    else if (field === 'updated') merged[field] = latest(o as string, t as string) as T[typeof field]
    else if (field === 'created' || field === 'added') merged[field] = earliest(o as string, t as string) as T[typeof field]
    else conflicts.push(field)
  }
  for (const field of fields) if (merged[field] === undefined) delete merged[field] // unset on the side that won
  return { merged, conflicts }
}

/** When each paper of `lib` was last edited, as far as the library knows: its summaries' latest `updated`. */
function lastEdits(lib: Library): Map<string, number> {
  const times = new Map<string, number>()
  for (const s of lib.summaries) times.set(s.paper, Math.max(times.get(s.paper) ?? -Infinity, Date.parse(s.updated)))
  return times
}

/** Ids and keys in use anywhere, so every new one is fresh on both machines. */
class Names {
  readonly ids = new Set<string>()
  readonly keys = new KeySet()
  private pattern: KeyPattern | undefined

  /** `keyPattern`: the pattern fresh keys take, asked for only when one is needed. */
  constructor(
    libraries: readonly Library[],
    private readonly keyPattern: () => KeyPattern,
  ) {
    for (const lib of libraries) {
      for (const p of [...lib.papers, ...lib.trash.flatMap((e) => (e.paper ? [e.paper] : []))]) this.keys.add(p.key)
      for (const s of [...lib.summaries, ...trashedSummaries(lib.trash)]) this.ids.add(s.id)
    }
  }

  /** `stem`, else `stem-2`, `stem-3`, ... (the way summary ids are numbered). */
  freshId(stem: string): string {
    let id = stem
    for (let n = 2; this.ids.has(id); n++) id = `${stem}-${n}`
    this.ids.add(id)
    return id
  }

  freshKey(paper: Paper): string {
    const key = makeCitekey(paper, this.keys, (this.pattern ??= this.keyPattern()))
    this.keys.add(key)
    return key
  }
}

type Side<T> = Map<string, T>

function byKey<T>(records: readonly T[], key: (r: T) => string): Side<T> {
  return new Map(records.map((r) => [key(r), r]))
}

/** Every key of ours, then the keys only theirs has. */
function unionKeys(ours: Side<unknown>, theirs: Side<unknown>): string[] {
  return [...new Set([...ours.keys(), ...theirs.keys()])]
}

/** Whether theirs' new `key` differs only in case from ours' `twin` (which theirs lacks): a library never holds both. */
function caseTwin(twin: string | undefined, key: string, theirs: Side<unknown>): boolean {
  return twin !== undefined && twin !== key && !theirs.has(twin)
}

/** A record on one side only: added there, or deleted on the other side, which holds unless this side edited it. */
function oneSided<T>(base: T | undefined, present: T): T[] {
  return base === undefined || !sameValue(base, present) ? [present] : []
}

class LibraryMerge {
  readonly names: Names
  readonly conflicts: MergeConflict[] = []
  readonly copies: Summary[] = []
  /** Theirs' papers added under a key ours gave to another paper: old key → new key. */
  readonly renamedKeys = new Map<string, string>()
  private readonly oursEdited: Map<string, number>
  private readonly theirsEdited: Map<string, number>

  constructor(
    readonly base: Library,
    readonly ours: Library,
    readonly theirs: Library,
    readonly now: string,
    keyPattern: () => KeyPattern,
  ) {
    this.names = new Names([base, ours, theirs], keyPattern)
    this.oursEdited = lastEdits(ours)
    this.theirsEdited = lastEdits(theirs)
  }

  papers(): Paper[] {
    const [b, o, t] = [this.base, this.ours, this.theirs].map((lib) => byKey(lib.papers, (p) => p.key)) as [
      Side<Paper>,
      Side<Paper>,
      Side<Paper>,
    ]
    const result: Paper[] = []
    const oursFolded = new Map([...o.keys()].map((key) => [key.toLowerCase(), key]))
    for (const key of unionKeys(o, t)) {
      const [base, mine, other] = [b.get(key), o.get(key), t.get(key)]
      if (mine && other) pushAll(result, base ? [this.mergePaper(base, mine, other)] : this.addedTwice(mine, other))
      else if (other && !base && caseTwin(oursFolded.get(key.toLowerCase()), key, t)) result.push(this.renameTheirs(other))
      else pushAll(result, oneSided(base, (mine ?? other)!))
    }
    return result
  }

  /** Theirs' paper under a fresh key, its new summaries to follow (see `followRenamedPaper`). */
  private renameTheirs(other: Paper): Paper {
    const key = this.names.freshKey(other)
    this.renamedKeys.set(other.key, key)
    return { ...other, key }
  }

  private mergePaper(base: Paper, mine: Paper, other: Paper): Paper {
    // `edit` of a paper's fields stamps the summary edited; the side that did so last wins (ours on a tie).
    const oursWins = (this.oursEdited.get(mine.key) ?? -Infinity) >= (this.theirsEdited.get(other.key) ?? -Infinity)
    const [winner, loser] = oursWins ? [mine, other] : [other, mine]
    const { merged, conflicts } = mergeFields(base, mine, other, winner)
    if (conflicts.length > 0) this.notePaperConflict(merged, loser, conflicts)
    return merged
  }

  /** Both sides added a paper under one key: the same paper merges; a different one is renamed. */
  private addedTwice(mine: Paper, other: Paper): Paper[] {
    if (sameValue(mine, other)) return [mine]
    if (!findSamePaper({ ...emptyLibrary(), papers: [mine] }, other)) return [mine, this.renameTheirs(other)]
    const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
    const merged = { ...mine }
    const conflicts: string[] = []
    // Both records' fields: an optional one (a reading state) only the other side set is taken.
    for (const field of new Set([...Object.keys(mine), ...Object.keys(other)]) as Set<keyof Paper>) {
      const [o, t] = [mine[field], other[field]]
      if (sameValue(o, t) || empty(t)) continue
      if (field === 'added') merged.added = earliest(mine.added, other.added)
      else if (field === 'tags')
        merged.tags = [...new Set([...(mine.tags ?? []), ...(other.tags ?? [])])] // sets, as everywhere
      else if (empty(o)) (merged as Record<string, unknown>)[field] = t
      else conflicts.push(field)
    }
    if (conflicts.length > 0) this.notePaperConflict(merged, other, conflicts)
    return [merged]
  }

  private notePaperConflict(kept: Paper, other: Paper, fields: string[]): void {
    const copy = this.names.freshId(`${kept.key.slice(0, 190)}-conflict`)
    const lines = fields.map((f) => `- ${f}: ${JSON.stringify((other as unknown as Record<string, unknown>)[f])}`)
    const body = [
      `precis sync: both copies of the library changed the paper \`${kept.key}\`. The paper keeps one value; the other copy had:`,
      '',
      ...lines,
      '',
      `Set what is right with \`precis edit ${kept.key}\`, then remove this note with \`precis rm ${copy}\`.`,
      '',
    ].join('\n')
    this.copies.push({ id: copy, paper: kept.key, by: 'precis', body, tags: [CONFLICT_TAG], created: this.now, updated: this.now })
    this.conflicts.push({ kind: 'paper', record: kept.key, fields, copy })
  }

  summaries(): Summary[] {
    const [b, o] = [this.base, this.ours].map((lib) => byKey(lib.summaries, (s) => s.id)) as [Side<Summary>, Side<Summary>]
    const t = byKey(
      this.theirs.summaries.map((s) => this.followRenamedPaper(s, b)),
      (s) => s.id,
    )
    const result: Summary[] = []
    for (const id of unionKeys(o, t)) {
      const [base, mine, other] = [b.get(id), o.get(id), t.get(id)]
      if (mine && other) {
        if (base) result.push(this.mergeSummary(base, mine, other))
        else if (sameValue(mine, other)) result.push(mine)
        else result.push(mine, { ...other, id: this.names.freshId(other.paper) })
      } else {
        pushAll(result, oneSided(base, (mine ?? other)!))
      }
    }
    return [...result, ...this.copies]
  }

  /** Theirs' new summaries of a paper that was renamed follow it, under ids of the new key. */
  private followRenamedPaper(summary: Summary, base: Side<Summary>): Summary {
    const key = this.renamedKeys.get(summary.paper)
    if (key === undefined || base.has(summary.id)) return summary
    return { ...summary, paper: key, id: this.names.freshId(key) }
  }

  private mergeSummary(base: Summary, mine: Summary, other: Summary): Summary {
    // The version edited last wins a conflict (ours on a tie); the other is kept as a copy.
    const oursWins = Date.parse(mine.updated) >= Date.parse(other.updated)
    const [winner, loser] = oursWins ? [mine, other] : [other, mine]
    const { merged, conflicts } = mergeFields(base, mine, other, winner)
    if (conflicts.length === 0) return merged
    const copy = this.names.freshId(`${loser.id.slice(0, 190)}-conflict`)
    const note =
      `> precis sync: both copies of the library changed ${conflicts.join(', ')} of \`${merged.id}\`. ` +
      `This copy holds the version that was not kept. Bring what you need into \`${merged.id}\`, then \`precis rm ${copy}\`.`
    this.copies.push({
      ...loser,
      id: copy,
      body: `${note}\n\n${loser.body}`,
      tags: [...loser.tags.filter((t) => t !== CONFLICT_TAG), CONFLICT_TAG],
      created: this.now,
      updated: this.now,
    })
    this.conflicts.push({ kind: 'summary', record: merged.id, fields: conflicts, copy })
    return merged
  }

  /**
   * Trash entries as a set (an entry is a deletion event); entries of summaries that live on, and of
   * papers trashed alone that live on (`livePapers`: edited on the other side, or given a summary there), are dropped.
   */
  trash(live: ReadonlySet<string>, livePapers: ReadonlySet<string>): TrashEntry[] {
    // A summary's id and a paper's key may be the same name: the kind is part of what an entry is.
    const name = (e: TrashEntry) => `${e.summary === null ? 'paper' : 'summary'}\u0000${trashId(e)}`
    const key = (e: TrashEntry) => `${name(e)}\u0000${e.deleted}`
    const [b, o, t] = [this.base, this.ours, this.theirs].map((lib) => byKey(lib.trash, key)) as [
      Side<TrashEntry>,
      Side<TrashEntry>,
      Side<TrashEntry>,
    ]
    const result: TrashEntry[] = []
    const oursNew = new Map<string, number>() // entry's name → index in result of the entry ours added
    for (const k of unionKeys(o, t)) {
      const entry = (o.get(k) ?? t.get(k))!
      if (b.has(k)) {
        if (o.has(k) && t.has(k)) result.push(entry)
        continue
      }
      // Deleted on one side, edited on the other: it lives on.
      if (entry.summary === null ? livePapers.has(entry.paper.key) : live.has(entry.summary.id)) continue
      const twin = o.has(k) ? undefined : oursNew.get(name(entry))
      const kept = twin === undefined ? undefined : result[twin]!
      if (kept?.summary === null && entry.summary === null && sameValue(kept.paper, entry.paper)) continue // both trashed the paper alone
      if (kept?.summary && entry.summary && sameValue(kept.summary, entry.summary)) {
        // Both sides trashed the same summary: one entry, with the paper if either took it along.
        if (!kept.paper && entry.paper) result[twin!] = { ...kept, paper: entry.paper }
        continue
      }
      if (o.has(k)) oursNew.set(name(entry), result.length)
      result.push(entry)
    }
    return result
  }

  /** A summary that lives on needs its paper: bring it back from wherever a side still has it. */
  restoreMissingPapers(papers: Paper[], summaries: readonly Summary[]): Paper[] {
    const present = new Set(papers.map((p) => p.key))
    const sides = [this.base, this.ours, this.theirs]
    // Later wins: live papers over trashed ones, theirs over ours over base.
    const candidates = [
      ...sides.flatMap((lib) => lib.trash.flatMap((e) => (e.paper ? [e.paper] : []))),
      ...sides.flatMap((lib) => lib.papers),
    ]
    const known = new Map(candidates.map((p) => [p.key, p]))
    const restored = [...new Set(summaries.map((s) => s.paper))].filter((k) => !present.has(k) && known.has(k)).map((k) => known.get(k)!)
    return [...papers, ...restored]
  }
}

/** Merge `ours` and `theirs`, both descended from `base`. `now` dates the conflict copies. */
export function mergeLibraries(
  base: Library,
  ours: Library,
  theirs: Library,
  now: Date,
  keyPattern: () => KeyPattern = () => baseCitekey,
): MergeResult {
  const merge = new LibraryMerge(...alignRenames(base, ours, theirs), now.toISOString(), keyPattern)
  const papers = merge.papers()
  const summaries = merge.summaries()
  const merged = merge.restoreMissingPapers(papers, summaries)
  const trash = merge.trash(new Set(summaries.map((s) => s.id)), new Set(merged.map((p) => p.key)))
  const library: Library = { ...emptyLibrary(), papers: merged, summaries, trash }
  return { library, conflicts: merge.conflicts }
}
