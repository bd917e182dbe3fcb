import { baseCitekey, makeCitekey, type KeyPattern } from '../keys/citekey.js'
import { KeySet } from '../keys/key-rules.js'
import { trashedSummaries, type Library, type Paper, type Summary } from '../model.js'
import { normalizeArxivId, normalizeDoi } from './identifiers.js'
import { identitiesDisagree } from './same-paper.js'
import { normalizeTitle } from './titles.js'
import { summaryWritten } from '../queue/reading.js'
import { takeOverPaperTags } from '../tags/paper-tags.js'

/** Paper fields a user or a source provides; the key and timestamp are assigned here. */
export type PaperInput = Omit<Paper, 'key' | 'added'>

/** What identifies a paper, each part normalised; null where the paper has nothing to match on. */
export interface PaperIdentity {
  /** arXiv id without version. */
  arxiv: string | null
  /** DOI, lower-cased. */
  doi: string | null
  /** Normalised title and year together (the same title in another year is another paper). */
  titleYear: string | null
}

/** The year as paperIdentity's titleYear begins with it: two papers whose years differ here share no titleYear. */
const yearPart = (paper: Pick<PaperInput, 'year'>) => `${paper.year ?? ''}`

/** The paper's identity: two papers are the same when any part of their identities is equal. */
export function paperIdentity(paper: Pick<PaperInput, 'arxiv' | 'doi' | 'title' | 'year'>): PaperIdentity {
  const title = normalizeTitle(paper.title)
  return {
    arxiv: paper.arxiv ? normalizeArxivId(paper.arxiv) : null,
    doi: paper.doi ? normalizeDoi(paper.doi) : null,
    titleYear: title === '' ? null : `${yearPart(paper)}\u0000${title}`,
  }
}

/**
 * The library's record of the same paper (see `paperIdentity`): the first one that shares a part,
 * unless their titles or other identifiers clearly say they are two papers (same-paper.ts).
 */
export function findSamePaper(lib: Library, paper: Pick<PaperInput, 'arxiv' | 'doi' | 'title' | 'year'>): Paper | undefined {
  const wanted = paperIdentity(paper)
  const shares = (part: keyof PaperIdentity, id: PaperIdentity) => wanted[part] !== null && id[part] === wanted[part]
  const year = yearPart(paper)
  return lib.papers.find((p) => {
    // Only a paper that can share a part has its identity made: normalising every title was ~5% of an `add` at 10,000 papers.
    if (!(wanted.arxiv !== null && p.arxiv) && !(wanted.doi !== null && p.doi) && !(wanted.titleYear !== null && yearPart(p) === year))
      return false
    const id = paperIdentity(p)
    return (shares('arxiv', id) || shares('doi', id) || shares('titleYear', id)) && !identitiesDisagree(p, paper)
  })
}

/**
 * The paper keys a new or renamed paper may not take (ignoring case): the library's, and those of
 * papers in the trash, which keep their attached files in the key's folder and come back under
 * their key when restored (rekey refuses them too). `except`: the key of the paper being renamed.
 */
export function paperKeysInUse(lib: Pick<Library, 'papers' | 'trash'>, except?: string): KeySet {
  const keys = [...lib.papers.map((p) => p.key), ...lib.trash.flatMap((e) => (e.paper ? [e.paper.key] : []))]
  return new KeySet(keys.filter((key) => key !== except))
}

/** Add a paper under a fresh citekey, made by `pattern` (PRECIS_KEY_PATTERN) and free ignoring case (see `paperKeysInUse`). */
export function insertPaper(lib: Library, input: PaperInput, now: Date, pattern: KeyPattern = baseCitekey): Paper {
  const paper: Paper = { key: makeCitekey(input, paperKeysInUse(lib), pattern), ...input, added: now.toISOString() }
  lib.papers.push(paper)
  return paper
}

/** The id for a paper's next summary: the key itself, then `<key>-2`, `<key>-3`, ... never reusing a trashed id. */
export function nextSummaryId(lib: Library, paperKey: string): string {
  const taken = new Set([...lib.summaries.map((s) => s.id), ...trashedSummaries(lib.trash).map((s) => s.id)])
  if (!taken.has(paperKey)) return paperKey
  for (let n = 2; ; n++) if (!taken.has(`${paperKey}-${n}`)) return `${paperKey}-${n}`
}

/** What to store for a new summary. */
export interface SummaryInput {
  by: string
  body: string
  tags: string[]
}

/** The outcome of adding: the summary, its paper, and whether the paper was already in the library. */
export interface AddedSummary {
  summary: Summary
  paper: Paper
  attached: boolean
}

/**
 * Add a summary, attaching it to the library's record of the same paper when there is one. `knownKey`
 * names the paper found before the lock was taken: it is attached to while it exists, even when its
 * fields changed meanwhile (so `paperInput`, read earlier, no longer matches it). A new paper's key is made by `pattern`.
 */
export function addSummary(
  lib: Library,
  paperInput: PaperInput,
  input: SummaryInput,
  now: Date,
  knownKey: string | null = null,
  pattern: KeyPattern = baseCitekey,
): AddedSummary {
  const { paper, attached } = ensurePaper(lib, paperInput, now, knownKey, pattern)
  const stamp = now.toISOString()
  const summary: Summary = { id: nextSummaryId(lib, paper.key), paper: paper.key, ...input, created: stamp, updated: stamp }
  lib.summaries.push(summary)
  summaryWritten(paper) // a paper to read or being read is read once summarised
  takeOverPaperTags(paper, summary) // a tagged queued paper's tags go on with its summary
  return { summary, paper, attached }
}

/** The paper `knownKey` names, else the library's record of the same paper, else a new record (`attached` false). */
export function ensurePaper(
  lib: Library,
  paperInput: PaperInput,
  now: Date,
  knownKey: string | null = null,
  pattern: KeyPattern = baseCitekey,
): { paper: Paper; attached: boolean } {
  const existing = (knownKey === null ? undefined : lib.papers.find((p) => p.key === knownKey)) ?? findSamePaper(lib, paperInput)
  return existing ? { paper: existing, attached: true } : { paper: insertPaper(lib, paperInput, now, pattern), attached: false }
}

/** Index papers by key for lookups inside loops. */
export function papersByKey(lib: Pick<Library, 'papers'>): Map<string, Paper> {
  return new Map(lib.papers.map((p) => [p.key, p]))
}
