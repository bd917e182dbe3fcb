// The library as `doctor` checks it, read record by record (library-records.ts) without holding its
// long texts: a whole read held ~1.5 GB for a library of 0.5 GB, while the checks compare those
// texts only for equality (one summary recorded twice, two records of one paper that disagree).
import { createHash } from 'node:crypto'
import { emptyLibrary, type Library, type Paper, type Summary, type TrashEntry } from '../core/model.js'
import { comparableBody, MIN_TWIN_BODY } from '../core/papers/summary-bodies.js'
import { runWithDefaultSignals } from '../platform/interrupt.js'
import { resolveLibraryTarget } from './file-store.js'
import { visitLibrary } from './library-records.js'
import type { Store } from './store.js'

/** The digest standing for a long text: equal texts give equal digests, and a digest is never empty nor blank. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64')
}

/**
 * The body as doctor compares it, small: a text shorter than MIN_TWIN_BODY as comparableBody gives
 * it, a longer one as its digest padded to MIN_TWIN_BODY characters, so that comparableBody leaves
 * it as it is, equal bodies stay equal, and what is long (or empty) stays so.
 */
export function bodyKey(body: string): string {
  const text = comparableBody(body)
  if (text.length < MIN_TWIN_BODY) return text
  const key = digest(text)
  return key + '.'.repeat(Math.max(0, MIN_TWIN_BODY - key.length))
}

/** An abstract doctor compares, small: a long one as a digest (equal abstracts stay equal, a real one stays real). */
export function abstractKey(abstract: string | null): string | null {
  return abstract === null || abstract.length <= 64 || abstract.trim() === '' ? abstract : `sha256:${digest(abstract)}`
}

/**
 * The library at the store's file with each summary's body and each paper's abstract as small keys
 * (bodyKey, abstractKey), for doctor's checks, which find the same problems in it as in the library
 * read whole; read record by record, and read whole (with its own words for what is wrong) when the
 * file is not one that reads so, or for a store without a file. The trash is kept whole: restore needs its records.
 */
export async function readLibraryForChecks(store: Store): Promise<Library> {
  if (store.path === null) return store.read()
  const target = await resolveLibraryTarget(store.path)
  const papers: Paper[] = []
  const summaries: Summary[] = []
  const trash: TrashEntry[] = []
  const read = runWithDefaultSignals(() =>
    visitLibrary(target, {
      paper: (paper) => papers.push(paper.abstract === null ? paper : { ...paper, abstract: abstractKey(paper.abstract) }),
      summary: (summary) => summaries.push({ ...summary, body: bodyKey(summary.body) }),
      trash: (entry) => trash.push(entry),
    }),
  )
  return read ? { ...emptyLibrary(), papers, summaries, trash } : store.read()
}
