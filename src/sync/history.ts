import { sameValue } from '../core/merge/three-way.js'
import type { Paper, Summary, TrashEntry } from '../core/model.js'
import { readPaper, readSummary } from '../core/schema/schema.js'
import { followKey } from '../core/papers/rename-paper.js'
import { readObjects } from './blobs.js'
import { idBefore, renamesIn, type KeyRename } from './rename-trail.js'
import type { LibraryRepo } from './repo.js'

/** The summary (and its paper) as one commit had it. */
export interface RecordState {
  /** In the library, in the trash, or in neither. */
  state: 'present' | 'trashed' | 'absent'
  summary: Summary | null
  paper: Paper | null
}

/** One version of a summary: a commit that changed it. */
export interface SummaryVersion extends RecordState {
  commit: string
  /** When the commit was made (author date, ISO). */
  date: string
  author: string
  /** The commit's subject: what the change did. */
  message: string
  /** What differs from the version before: `added`, `removed`, `restored`, or the fields changed. */
  changed: string[]
}

interface CommitInfo {
  commit: string
  parents: string[]
  date: string
  author: string
  message: string
  /** Papers the commit renamed (from its whole message). */
  renames: KeyRename[]
}

const ABSENT: RecordState = { state: 'absent', summary: null, paper: null }

/**
 * Find a record in a version written in the stable form without parsing the whole file: the
 * record's opening lines are unique, and it ends at the first line that closes at its indent.
 */
function stableRecord(text: Buffer, opener: string): unknown {
  const at = text.lastIndexOf(opener)
  if (at < 0) return undefined
  const end = text.indexOf('\n    }', at + opener.length)
  if (end < 0) return undefined
  return JSON.parse(text.subarray(at + '\n    '.length, end + '\n    }'.length).toString('utf8'))
}

/** The record's state in one version of the library file. */
export function recordState(text: Buffer | null, id: string): RecordState {
  if (text === null || !text.includes(JSON.stringify(id))) return ABSENT
  const quoted = JSON.stringify(id)
  try {
    const live = readSummary(stableRecord(text, `\n    {\n      "id": ${quoted},\n`))
    const entry = live
      ? undefined
      : (stableRecord(text, `\n    {\n      "summary": {\n        "id": ${quoted},\n`) as TrashEntry | undefined)
    const summary = live ?? readSummary(entry?.summary)
    if (summary) {
      const paper = readPaper(stableRecord(text, `\n    {\n      "key": ${JSON.stringify(summary.paper)},\n`) ?? entry?.paper) ?? null
      return { state: live ? 'present' : 'trashed', summary, paper }
    }
    return wholeFileState(JSON.parse(text.toString('utf8')) as WholeLibrary, id)
  } catch {
    return ABSENT // a version that is not JSON (a hand edit gone wrong) has no readable record
  }
}

/** A whole library file as parsed, not yet checked: any part may be missing. */
type WholeLibrary = { papers?: Paper[]; summaries?: Summary[]; trash?: TrashEntry[] }

/** The slow way, for versions not in the stable form (older files, hand edits). */
function wholeFileState(lib: WholeLibrary, id: string): RecordState {
  const live = lib.summaries?.find((s) => s?.id === id)
  const trashed = live ? undefined : lib.trash?.findLast((e) => e?.summary?.id === id)
  const summary = live ?? trashed?.summary
  if (!summary) return ABSENT
  const paper = lib.papers?.find((p) => p?.key === summary.paper) ?? trashed?.paper ?? null
  return { state: live ? 'present' : 'trashed', summary, paper }
}

function fieldChanges<T extends object>(before: T | null, after: T | null, prefix = ''): string[] {
  if (!before || !after) return []
  return Object.keys(after)
    .filter((f) => f !== 'updated' && !sameValue((before as never)[f], (after as never)[f]))
    .map((f) => prefix + f)
}

/** How `state` differs from `previous`. */
function changesBetween(previous: RecordState, state: RecordState): string[] {
  if (previous.state === state.state)
    return [...fieldChanges(previous.summary, state.summary), ...fieldChanges(previous.paper, state.paper, 'paper.')]
  if (state.state === 'present') return [previous.state === 'trashed' ? 'restored' : 'added']
  return [state.state === 'trashed' ? 'removed' : 'deleted']
}

async function commitsOf(repo: LibraryRepo): Promise<CommitInfo[]> {
  // Parents as rewritten for this file (--parents), parents before children (--topo-order --reverse).
  const log = await repo.git.ok([
    'log',
    '--topo-order',
    '--reverse',
    '--parents',
    '--format=%x1e%H%x1f%P%x1f%aI%x1f%an%x1f%s%x1f%b',
    '--',
    repo.rel,
  ])
  return log
    .split('\x1e')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const [commit, parents, date, author, message, body = ''] = entry.replace(/\n+$/, '').split('\x1f') as [
        string,
        string,
        string,
        string,
        string,
        string?,
      ]
      return { commit, parents: parents.split(' ').filter(Boolean), date, author, message, renames: renamesIn(`${message}\n${body}`) }
    })
}

/**
 * The id the summary had at each commit: `id` as it is now, followed back through each rename
 * (`rekey old new`) that the commit does not descend from. A key given up by a rename and taken
 * later by another paper is that paper's only in the commits after the rename.
 */
function idsAtCommits(commits: readonly CommitInfo[], id: string): Map<string, string> {
  const renames = commits.flatMap((c) => c.renames.map((rename) => ({ commit: c.commit, rename })))
  const ids = new Map<string, string>()
  if (renames.length === 0) return new Map(commits.map((c) => [c.commit, id]))
  const newestFirst = [...renames].reverse()
  const after = new Map<string, Set<string>>() // commit → the rename commits it descends from (itself included)
  for (const info of commits) {
    const seen = new Set(info.parents.flatMap((p) => [...(after.get(p) ?? [])]))
    if (info.renames.length > 0) seen.add(info.commit)
    after.set(info.commit, seen)
    let at = id
    for (const { commit, rename } of newestFirst) if (!seen.has(commit)) at = idBefore(at, rename)
    ids.set(info.commit, at)
  }
  return ids
}

/** How `state` differs from `previous`, a rename told as one: `renamed from x` (with whatever else changed), or `renamed to y`. */
function describeVersion(previous: RecordState, state: RecordState, renames: readonly KeyRename[]): string[] {
  const before = previous.summary
  if (before && state.summary && before.id !== state.summary.id) {
    const other = changesBetween(previous, state).filter((f) => f !== 'id' && f !== 'paper' && f !== 'paper.key')
    return [`renamed from ${before.id}`, ...other]
  }
  const rename = state.state === 'absent' && before ? renames.find((r) => r.from === before.paper) : undefined
  return rename ? [`renamed to ${followKey(before!.id, rename.from, rename.to)}`] : changesBetween(previous, state)
}

/**
 * Every version of summary `id` in the library file's git history, newest first: one per commit
 * that changed the summary or its paper, or moved it to or from the trash. A merge is listed only
 * when it made a version neither side had. Versions from before a rename (`precis rekey`) are
 * found under the id the summary had then.
 */
export async function summaryHistory(repo: LibraryRepo, id: string): Promise<SummaryVersion[]> {
  const commits = await commitsOf(repo)
  const ids = idsAtCommits(commits, id)
  const states = new Map<string, RecordState>()
  const versions: SummaryVersion[] = []
  let i = 0
  for await (const text of readObjects(
    repo.git,
    commits.map((c) => `${c.commit}:${repo.rel}`),
  )) {
    const info = commits[i++]!
    const state = recordState(text, ids.get(info.commit)!)
    states.set(info.commit, state)
    const parents = info.parents.map((p) => states.get(p) ?? ABSENT)
    const previous = parents[0] ?? ABSENT
    if (parents.some((p) => sameValue(p, state)) || (parents.length === 0 && state.state === 'absent')) continue
    const { parents: _parents, renames, ...commit } = info
    versions.push({ ...commit, ...state, changed: describeVersion(previous, state, renames) })
  }
  return versions.reverse()
}
