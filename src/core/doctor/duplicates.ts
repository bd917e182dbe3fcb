/**
 * One paper recorded twice (same arXiv id, DOI, or title and year: README, Import and export), and
 * whether its two records can merge without losing anything. Pure; used by doctor.ts and
 * repair.ts.
 */
import { normalizeArxivId, normalizeDoi } from '../papers/identifiers.js'
import type { Library, Paper } from '../model.js'
import { normalizeTitle } from '../papers/titles.js'
import { isPlaceholder } from '../papers/placeholders.js'
import { identitiesDisagree } from '../papers/same-paper.js'

/** A paper's arXiv id and DOI in canonical form; null when absent or not a valid identifier. */
const arxivOf = (p: Paper) => (p.arxiv ? normalizeArxivId(p.arxiv) : null)
const doiOf = (p: Paper) => (p.doi ? normalizeDoi(p.doi) : null)

/** Why two papers are the same paper (a shared id, unless core/papers/same-paper.ts says otherwise), or null when they are not. */
export function samePaperReason(a: Paper, b: Paper): string | null {
  if (identitiesDisagree(a, b)) return null
  const arxiv = arxivOf(a)
  if (arxiv !== null && arxiv === arxivOf(b)) return `the same arXiv id ${arxiv}`
  const doi = doiOf(a)
  if (doi !== null && doi === doiOf(b)) return `the same DOI ${doi}`
  const title = normalizeTitle(a.title)
  if (title !== '' && a.year === b.year && title === normalizeTitle(b.title)) return 'the same title and year'
  return null
}

/** The fields of two records of one paper that merging brings together. */
export const MERGED_FIELDS = ['title', 'authors', 'year', 'venue', 'arxiv', 'doi', 'url', 'abstract'] as const
type MergedField = (typeof MERGED_FIELDS)[number]

function sameValue(field: MergedField, a: Paper, b: Paper): boolean {
  if (field === 'title') return normalizeTitle(a.title) === normalizeTitle(b.title)
  if (field === 'arxiv' && arxivOf(a) !== null) return arxivOf(a) === arxivOf(b)
  if (field === 'doi' && doiOf(a) !== null) return doiOf(a) === doiOf(b)
  return JSON.stringify(a[field]) === JSON.stringify(b[field])
}

/**
 * The fields two records of one paper disagree on (both real, different): merging would lose one. A
 * placeholder (core/papers/placeholders.ts) gives way to the other record's real value.
 */
export function conflictingFields(keep: Paper, duplicate: Paper): MergedField[] {
  return MERGED_FIELDS.filter((f) => !isPlaceholder(f, keep[f]) && !isPlaceholder(f, duplicate[f]) && !sameValue(f, keep, duplicate))
}

/** The identities a paper is recognised by: arXiv id, DOI, title with year. */
function identities(paper: Paper): string[] {
  const [arxiv, doi, title] = [arxivOf(paper), doiOf(paper), normalizeTitle(paper.title)]
  return [
    ...(arxiv ? [`arxiv:${arxiv}`] : []),
    ...(doi ? [`doi:${doi}`] : []),
    ...(title !== '' ? [`title:${paper.year ?? ''}:${title}`] : []),
  ]
}

/**
 * Each paper that repeats one added before it (or a real record, for a placeholder), with the paper
 * it should merge into and why. A paper that matches a duplicate (by an identifier only the
 * duplicate has) merges into the same paper. Indexed by identity: linear in the size of the library.
 */
export function duplicatePairs(lib: Library): { keep: Paper; duplicate: Paper; reason: string }[] {
  // Every paper holding each identity: one that shares an id it should not (core/papers/same-paper.ts) leaves room for others.
  const holders = new Map<string, Paper[]>()
  const mergesInto = new Map<Paper, Paper>()
  const pairs = []
  // Real records before placeholders, then oldest first (stable: ties keep library order): a
  // placeholder merges into the real record and its key, not the other way round.
  const placeholder = (p: Paper) => Number(isPlaceholder('title', p.title))
  const keepFirst = [...lib.papers].sort((a, b) => placeholder(a) - placeholder(b) || a.added.localeCompare(b.added))
  for (const paper of keepFirst) {
    const ids = identities(paper)
    const matched = ids.flatMap((id) => holders.get(id) ?? []).find((p) => samePaperReason(p, paper) !== null)
    if (matched) {
      const keep = mergesInto.get(matched) ?? matched
      mergesInto.set(paper, keep)
      const reason = samePaperReason(matched, paper)!
      pairs.push({ keep, duplicate: paper, reason: matched === keep ? reason : `${reason} as ${matched.key}` })
    }
    for (const id of ids) {
      const list = holders.get(id)
      if (list) list.push(paper)
      else holders.set(id, [paper])
    }
  }
  return pairs
}
