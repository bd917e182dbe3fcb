/**
 * Applying an identification: the paper gets the metadata found and the key that metadata gives
 * (summary ids, trash and citations follow: core/papers/rename-paper.ts). When the library already holds that
 * paper under another key, the summaries move to it instead, so one paper is never recorded twice.
 */
import { makeCitekey, type KeyPattern } from '../keys/citekey.js'
import { NotFoundError } from '../errors.js'
import type { Library, Paper } from '../model.js'
import { findSamePaper, paperKeysInUse, type PaperInput } from '../papers/papers.js'
import { mergePaperInto, type PaperMove } from '../merge/paper-into.js'
import { renamePaper } from '../papers/rename-paper.js'

/** What identifying did: the paper as it now is, and how its summaries were renamed. */
export interface Identification {
  paper: Paper
  /** True when the summaries moved to a paper the library already had. */
  merged: boolean
  /** How the summaries' ids and the citations of them changed. */
  rename: PaperMove
}

const FIELDS = ['title', 'authors', 'year', 'venue', 'arxiv', 'category', 'doi', 'url', 'abstract'] as const

/** The key the paper `key` would get from `input` (its own key aside, every other one taken, the trash's too, case aside). */
export function identifiedKey(lib: Pick<Library, 'papers' | 'trash'>, key: string, input: PaperInput, pattern?: KeyPattern): string {
  return makeCitekey(input, paperKeysInUse(lib, key), pattern)
}

/**
 * Give the paper `key` the fields of `input` (a field `input` leaves empty keeps its value) and
 * its new key; or move its summaries to the library's record of the same paper.
 */
export function applyIdentification(lib: Library, key: string, input: PaperInput, pattern?: KeyPattern): Identification {
  const paper = lib.papers.find((p) => p.key === key)
  if (!paper) throw new NotFoundError(`The paper ${key} is no longer in the library (removed or renamed meanwhile); nothing was changed`)
  const known = findSamePaper({ ...lib, papers: lib.papers.filter((p) => p !== paper) }, input)
  if (known) return { paper: known, merged: true, rename: mergePaperInto(lib, key, known.key) }
  for (const field of FIELDS) {
    const value = input[field]
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue
    Object.assign(paper, { [field]: value })
  }
  const renamed = renamePaper(lib, key, identifiedKey(lib, key, paper, pattern))
  Object.assign(lib, renamed.library)
  const rename: PaperMove = {
    from: renamed.from,
    to: renamed.to,
    ids: [...renamed.ids, ...renamed.trashIds],
    rewritten: renamed.citations.map((c) => c.id),
    files: [],
  }
  return { paper: lib.papers.find((p) => p.key === renamed.to)!, merged: false, rename }
}
