/**
 * Moving a paper recorded twice onto its other record (`identify` finds that an untitled paper is
 * one the library already has): the summaries, trash entries and attachments follow, under ids of the paper they
 * join that no other summary holds, and every citation of the old key or ids is rewritten.
 * Works on the library it is given (inside `store.update`); no I/O.
 */
import { NotFoundError } from '../errors.js'
import type { Library, Paper, Summary } from '../model.js'
import { freeName } from '../attachments/attachments.js'
import { rewriteCitedKeys, type IdChange } from '../papers/rename-paper.js'

/** What a move changed. */
export interface PaperMove {
  from: string
  to: string
  /** Summary ids (library and trash) that changed. */
  ids: IdChange[]
  /** Ids of the summaries (library and trash) whose bodies had citations rewritten. */
  rewritten: string[]
  /**
   * The moved paper's attached files, by their name in its folder, and the name each takes in the
   * folder of the paper it joins; `to` null when that paper has the same bytes already (the copy goes).
   */
  files: { from: string; to: string | null }[]
}

/** Give `into` the attachments of `from` it lacks (a file under a free name); the files to move. */
export function takeAttachments(into: Paper, from: Paper): PaperMove['files'] {
  const files: PaperMove['files'] = []
  for (const attachment of from.attachments ?? []) {
    const list = into.attachments ?? []
    if (attachment.kind === 'link') {
      if (!list.some((a) => a.kind === 'link' && a.url === attachment.url)) into.attachments = [...list, attachment]
      continue
    }
    if (list.some((a) => a.kind === 'file' && a.sha256 === attachment.sha256)) {
      files.push({ from: attachment.name, to: null })
      continue
    }
    const name = freeName(attachment.name, list)
    into.attachments = [...list, { ...attachment, name }]
    files.push({ from: attachment.name, to: name })
  }
  return files
}

/**
 * Move everything of the paper `fromKey` to the paper `intoKey`: its summaries (ids `<intoKey>-<n>`,
 * never one already taken), its trash entries and every citation of it; then remove `fromKey`.
 * Throws NotFoundError when either paper is missing.
 */
export function mergePaperInto(lib: Library, fromKey: string, intoKey: string): PaperMove {
  const from = lib.papers.find((p) => p.key === fromKey)
  if (!from) throw new NotFoundError(`No paper has the key ${fromKey}`)
  const into = lib.papers.find((p) => p.key === intoKey)
  if (!into) throw new NotFoundError(`No paper has the key ${intoKey}`)
  const move: PaperMove = { from: fromKey, to: intoKey, ids: [], rewritten: [], files: [] }
  if (fromKey === intoKey) return move
  move.files = takeAttachments(into, from)
  lib.papers.splice(lib.papers.indexOf(from), 1)
  // Its place in the reading queue goes with it, unless the other record has one of its own.
  if (into.state === undefined && from.state !== undefined) {
    into.state = from.state
    if (from.priority !== undefined) into.priority = from.priority
  }
  // A trashed summary no longer needs to keep its paper: restoring it finds `intoKey` in the library.
  for (const entry of lib.trash) if (entry.paper?.key === fromKey) entry.paper = null

  const own = [
    ...lib.summaries.filter((s) => s.paper === fromKey),
    ...lib.trash.filter((e) => e.summary.paper === fromKey).map((e) => e.summary),
  ]
  const taken = new Set([...lib.summaries, ...lib.trash.map((e) => e.summary)].filter((s) => s.paper !== fromKey).map((s) => s.id))
  // The paper's own ids first in their order (`old`, `old-2`, ...), so each keeps its suffix when free.
  for (const summary of sortedIds(own)) {
    const id = freeId(summary.id, fromKey, intoKey, taken)
    taken.add(id)
    if (id !== summary.id) move.ids.push({ from: summary.id, to: id })
    summary.id = id
    summary.paper = intoKey
  }
  // Citations name a summary id or a paper key, case-insensitively; the key wins over the first id, which is the same name.
  const names = new Map<string, string>(move.ids.map(({ from: old, to }) => [old.toLowerCase(), to]))
  names.set(fromKey.toLowerCase(), intoKey)
  for (const summary of [...lib.summaries, ...lib.trash.map((e) => e.summary)]) {
    const { body, count } = rewriteCitedKeys(summary.body, names)
    if (count === 0) continue
    summary.body = body
    move.rewritten.push(summary.id)
  }
  return move
}

function sortedIds(summaries: Summary[]): Summary[] {
  const rank = (id: string) => Number(/-(\d+)$/.exec(id)?.[1] ?? 1)
  return [...summaries].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))
}

/** `old` → `new`, `old-<suffix>` → `new-<suffix>` while free, else the next free `new-<n>`. */
function freeId(id: string, oldKey: string, newKey: string, taken: ReadonlySet<string>): string {
  const wanted = id === oldKey ? newKey : id.startsWith(`${oldKey}-`) ? newKey + id.slice(oldKey.length) : id
  if (!taken.has(wanted)) return wanted
  if (!taken.has(newKey)) return newKey
  for (let n = 2; ; n++) if (!taken.has(`${newKey}-${n}`)) return `${newKey}-${n}`
}
