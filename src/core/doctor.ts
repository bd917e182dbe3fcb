/**
 * `precis doctor`: what can be wrong inside a library that still reads (duplicates, dangling
 * references, tags breaking the rules), each with how to fix it. Pure: the command reads the
 * library and the files beside it; doctor-files.ts judges the files, doctor-repair.ts repairs.
 */
import type { Library, Paper, Summary } from './model.js'
import { normalizeArxivId, normalizeDoi } from './identifiers.js'
import { normalizeTitle } from './papers.js'
import { canonicalTag, tagProblem } from './tags.js'

/** Kinds of finding, stable for `--json` and scripts. */
export type FindingKind =
  | 'unreadable-library'
  | 'missing-library'
  | 'duplicate-paper'
  | 'missing-paper'
  | 'trash-missing-paper'
  | 'bad-tags'
  | 'stale-lock'
  | 'leftover-temp-files'
  | 'backup-newer'
  | 'damaged-backup'

/** One problem, with its remedy. */
export interface Finding {
  kind: FindingKind
  /** What is wrong, in a sentence (raw text: sanitised when shown). */
  problem: string
  /** What `doctor --fix` does about it, or what to do by hand. */
  fix: string
  /** True when `doctor --fix` repairs it safely. */
  fixable: boolean
  /** The keys, ids or paths concerned. */
  subjects: string[]
}

/** A paper's arXiv id and DOI in canonical form; null when absent or not a valid identifier. */
const arxivOf = (p: Paper) => (p.arxiv ? normalizeArxivId(p.arxiv) : null)
const doiOf = (p: Paper) => (p.doi ? normalizeDoi(p.doi) : null)

/** Why two papers are the same paper (DESIGN.md section 3), or null when they are not. */
export function samePaperReason(a: Paper, b: Paper): string | null {
  const arxiv = arxivOf(a)
  if (arxiv !== null && arxiv === arxivOf(b)) return `the same arXiv id ${arxiv}`
  const doi = doiOf(a)
  if (doi !== null && doi === doiOf(b)) return `the same DOI ${doi}`
  const title = normalizeTitle(a.title)
  if (title !== '' && a.year === b.year && title === normalizeTitle(b.title)) return 'the same title and year'
  return null
}

const MERGED_FIELDS = ['title', 'authors', 'year', 'venue', 'arxiv', 'doi', 'url', 'abstract'] as const
type MergedField = (typeof MERGED_FIELDS)[number]

function isUnset(value: Paper[MergedField]): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

function sameValue(field: MergedField, a: Paper, b: Paper): boolean {
  if (field === 'title') return normalizeTitle(a.title) === normalizeTitle(b.title)
  if (field === 'arxiv' && arxivOf(a) !== null) return arxivOf(a) === arxivOf(b)
  if (field === 'doi' && doiOf(a) !== null) return doiOf(a) === doiOf(b)
  return JSON.stringify(a[field]) === JSON.stringify(b[field])
}

/** The fields two records of one paper disagree on (both set, different): merging would lose one. */
export function conflictingFields(keep: Paper, duplicate: Paper): MergedField[] {
  return MERGED_FIELDS.filter((f) => !isUnset(keep[f]) && !isUnset(duplicate[f]) && !sameValue(f, keep, duplicate))
}

/** The identities a paper is recognised by: arXiv id, DOI, title with year. */
function identities(paper: Paper): string[] {
  const [arxiv, doi, title] = [arxivOf(paper), doiOf(paper), normalizeTitle(paper.title)]
  return [...(arxiv ? [`arxiv:${arxiv}`] : []), ...(doi ? [`doi:${doi}`] : []), ...(title !== '' ? [`title:${paper.year ?? ''}:${title}`] : [])]
}

/**
 * Each paper that repeats one added before it, with the paper it should merge into and why. A
 * paper that matches a duplicate (by an identifier only the duplicate has) merges into the same
 * paper. Indexed by identity: linear in the size of the library.
 */
export function duplicatePairs(lib: Library): { keep: Paper; duplicate: Paper; reason: string }[] {
  const owner = new Map<string, Paper>()
  const mergesInto = new Map<Paper, Paper>()
  const pairs = []
  const oldestFirst = [...lib.papers].sort((a, b) => a.added.localeCompare(b.added)) // stable: ties keep library order
  for (const paper of oldestFirst) {
    const ids = identities(paper)
    const matched = ids.map((id) => owner.get(id)).find((p) => p !== undefined)
    if (matched) {
      const keep = mergesInto.get(matched) ?? matched
      mergesInto.set(paper, keep)
      const reason = samePaperReason(matched, paper)!
      pairs.push({ keep, duplicate: paper, reason: matched === keep ? reason : `${reason} as ${matched.key}` })
    }
    for (const id of ids) if (!owner.has(id)) owner.set(id, paper)
  }
  return pairs
}

function duplicateFindings(lib: Library): Finding[] {
  return duplicatePairs(lib).map(({ keep, duplicate, reason }): Finding => {
    const conflicts = conflictingFields(keep, duplicate)
    const subjects = [keep.key, duplicate.key]
    const problem = `${duplicate.key} ("${duplicate.title}") and ${keep.key} ("${keep.title}") are one paper: ${reason}`
    if (conflicts.length === 0) {
      return { kind: 'duplicate-paper', problem, fixable: true, subjects, fix: `precis doctor --fix merges ${duplicate.key} into ${keep.key}: its summaries move over, and details only it has are kept` }
    }
    return {
      kind: 'duplicate-paper', problem, fixable: false, subjects,
      fix: `They disagree on ${conflicts.join(', ')}. If they are one paper, make those agree (precis edit ${duplicate.key} --${conflicts[0]} ...), then run precis doctor --fix to merge them; if not, change a title or year so they differ`,
    }
  })
}

/** The record a dangling reference can get back: the paper as the trash keeps it, if it does. */
function paperInTrash(lib: Library, key: string): Paper | undefined {
  return lib.trash.find((e) => e.paper?.key === key)?.paper ?? undefined
}

function missingPaperFindings(lib: Library): Finding[] {
  const keys = new Set(lib.papers.map((p) => p.key))
  const orphans = new Map<string, string[]>()
  for (const s of lib.summaries) if (!keys.has(s.paper)) orphans.set(s.paper, [...(orphans.get(s.paper) ?? []), s.id])
  return [...orphans].map(([key, ids]): Finding => ({
    kind: 'missing-paper',
    problem: `${ids.join(', ')} ${ids.length === 1 ? 'belongs' : 'belong'} to the paper ${key}, which is not in the library`,
    fix: paperInTrash(lib, key)
      ? `precis doctor --fix puts the record of ${key} back from the trash`
      : `precis doctor --fix recreates ${key} as an untitled record; then fill it in with precis edit ${ids[0]} --title ... --author ...`,
    fixable: true,
    subjects: [key, ...ids],
  }))
}

function trashMissingPaperFindings(lib: Library): Finding[] {
  const keys = new Set([...lib.papers.map((p) => p.key), ...lib.trash.flatMap((e) => (e.paper ? [e.paper.key] : []))])
  const seen = new Set<string>()
  const findings: Finding[] = []
  for (const { summary } of lib.trash) {
    if (keys.has(summary.paper) || seen.has(summary.paper)) continue
    seen.add(summary.paper)
    const ids = lib.trash.filter((e) => e.summary.paper === summary.paper).map((e) => e.summary.id)
    findings.push({
      kind: 'trash-missing-paper',
      problem: `${ids.join(', ')} in the trash ${ids.length === 1 ? 'belongs' : 'belong'} to the paper ${summary.paper}, which is gone: restoring would fail`,
      fix: `precis doctor --fix keeps an untitled record of ${summary.paper} with the trash, so restore works; fill it in after restoring`,
      fixable: true,
      subjects: [summary.paper, ...ids],
    })
  }
  return findings
}

/** What is wrong with a summary's tags, and the list they would become; null when nothing is. */
export function tagTrouble(tags: readonly string[]): { problems: string[]; repaired: string[]; repairable: boolean } | null {
  const problems: string[] = []
  const repaired: string[] = []
  let repairable = true
  for (const tag of tags) {
    const problem = tagProblem(tag)
    const canonical = problem ? canonicalTag(tag) : tag
    const still = problem ? tagProblem(canonical) : null
    if (problem) problems.push(`${JSON.stringify(tag)}: ${problem}`)
    if (still) repairable = false
    const kept = still ? tag : canonical
    if (repaired.includes(kept)) problems.push(`${JSON.stringify(kept)} appears twice`)
    else repaired.push(kept)
  }
  return problems.length > 0 ? { problems, repaired, repairable } : null
}

function tagFindings(lib: Library): Finding[] {
  const summaries: [Summary, string][] = [...lib.summaries.map((s): [Summary, string] => [s, '']), ...lib.trash.map((e): [Summary, string] => [e.summary, ' (in the trash)'])]
  return summaries.flatMap(([summary, where]): Finding[] => {
    const trouble = tagTrouble(summary.tags)
    if (!trouble) return []
    return [{
      kind: 'bad-tags',
      problem: `${summary.id}${where} has tags that break the rules: ${trouble.problems.join('; ')}`,
      fix: trouble.repairable
        ? `precis doctor --fix makes them ${JSON.stringify(trouble.repaired)}`
        : `Some cannot be repaired by rule: remove or rename them with precis tag ${summary.id} -<tag> +<tag>`,
      fixable: trouble.repairable,
      subjects: [summary.id],
    }]
  })
}

/** Everything wrong inside `lib`, in a stable order. */
export function checkLibrary(lib: Library): Finding[] {
  return [...duplicateFindings(lib), ...missingPaperFindings(lib), ...trashMissingPaperFindings(lib), ...tagFindings(lib)]
}
