import { NotFoundError, UsageError } from '../errors.js'
import { trashedSummaries, type Library, type Paper } from '../model.js'
import { setPaperTags } from './paper-tags.js'
import { closest } from '../text/similar.js'
import { tagPath } from './counts.js'
import { tagMatches, tagProblem } from './rules.js'

/** What a library-wide tag rewrite did. */
export interface TagRewrite {
  /** Ids of the summaries whose tags changed, in library order. */
  changed: string[]
  /** Keys of the papers whose own tags changed (papers not yet summarised: paper-tags.ts), in library order. */
  papers: string[]
  /** How many summaries in the trash changed too (so a restore does not bring the old tag back). */
  inTrash: number
}

/** What renaming did, and whether the new name was already in use (a merge). */
export interface TagRename extends TagRewrite {
  merged: boolean
}

/** The papers of the library and of the trash, which may carry tags of their own. */
function allPapers(lib: Library): Paper[] {
  return [...lib.papers, ...lib.trash.flatMap((t) => t.paper ?? [])]
}

/** Every tag each record carries itself (summaries, papers, the trash's too). */
function ownTags(lib: Library): string[] {
  return [...lib.summaries, ...trashedSummaries(lib.trash)].flatMap((s) => s.tags).concat(allPapers(lib).flatMap((p) => p.tags ?? []))
}

/** Every tag in the library (summaries, papers and trash), with the parents of hierarchical ones. */
export function tagsInUse(lib: Library): Set<string> {
  return new Set(ownTags(lib).flatMap(tagPath))
}

/** Map each tag through `rewrite` (null drops it), dropping duplicates; null when nothing changed. */
function rewriteList(tags: readonly string[], rewrite: (tag: string) => string | null): string[] | null {
  const next = [...new Set(tags.flatMap((tag) => rewrite(tag) ?? []))]
  const same = next.length === tags.length && next.every((tag, i) => tag === tags[i])
  return same ? null : next
}

/** Rewrite every summary's and paper's tags (trash included), stamping changed summaries as updated. */
export function rewriteTags(lib: Library, rewrite: (tag: string) => string | null, now: Date): TagRewrite {
  const stamp = now.toISOString()
  const changed: string[] = []
  const papers: string[] = []
  for (const summary of lib.summaries) {
    const next = rewriteList(summary.tags, rewrite)
    if (next === null) continue
    summary.tags = next
    summary.updated = stamp
    changed.push(summary.id)
  }
  for (const paper of lib.papers) {
    const next = paper.tags && rewriteList(paper.tags, rewrite)
    if (!next) continue
    setPaperTags(paper, next)
    papers.push(paper.key)
  }
  let inTrash = 0
  for (const entry of lib.trash) {
    const next = entry.summary && rewriteList(entry.summary.tags, rewrite)
    if (next) entry.summary.tags = next
    const paperNext = entry.paper?.tags && rewriteList(entry.paper.tags, rewrite)
    if (paperNext) setPaperTags(entry.paper!, paperNext)
    if (next || paperNext) inTrash++
  }
  return { changed, papers, inTrash }
}

function requireInUse(inUse: ReadonlySet<string>, tag: string): void {
  if (inUse.has(tag)) return
  const candidates = closest(tag, [...inUse], 5)
  throw new NotFoundError(
    `No summary or paper has the tag "${tag}"`,
    candidates.length > 0 ? ['Did you mean:', ...candidates.map((c) => `  ${c}`)] : [],
  )
}

/**
 * Rename tag `from` to `to` everywhere, with the tags below it (`ml/gnn` → `graph/gnn` when `ml` →
 * `graph`). When `to` is already used the two merge: no summary ends up with a tag twice.
 * Both names must be normalised (`normalizeTag`). Throws before changing anything when a renamed tag would break the rules.
 */
export function renameTag(lib: Library, from: string, to: string, now: Date): TagRename {
  if (from === to) throw new UsageError(`"${from}" is already called that`)
  const inUse = tagsInUse(lib)
  requireInUse(inUse, from)
  const rename = (tag: string) => (tagMatches(tag, from) ? to + tag.slice(from.length) : tag)
  for (const tag of inUse) {
    const problem = tagMatches(tag, from) ? tagProblem(rename(tag)) : null
    if (problem) throw new UsageError(`Renaming "${tag}" would give an invalid tag ${JSON.stringify(rename(tag))}: ${problem}`)
  }
  const merged = [...inUse].some((tag) => tagMatches(tag, to) && !tagMatches(tag, from))
  return { ...rewriteTags(lib, rename, now), merged }
}

/**
 * Remove `tag` from every summary and paper; the tags below it too only when `recursive`. Refuses (rather
 * than doing nothing) when the tag is only a parent and `recursive` is not given.
 */
export function removeTag(lib: Library, tag: string, recursive: boolean, now: Date): TagRewrite {
  const inUse = tagsInUse(lib)
  requireInUse(inUse, tag)
  if (!recursive) {
    const own = ownTags(lib).includes(tag)
    if (!own) throw new UsageError(`No summary or paper has the tag "${tag}" itself, only tags below it; pass --recursive to remove those`)
  }
  return rewriteTags(lib, (t) => ((recursive ? tagMatches(t, tag) : t === tag) ? null : t), now)
}
