/**
 * `precis doctor`: what can be wrong inside a library that still reads (duplicates, dangling
 * references, tags breaking the rules), each with how to fix it. Pure: the command reads the
 * library and the files beside it; files.ts judges the files, repair.ts repairs.
 */
import { conflictingFields, duplicatePairs } from './duplicates.js'
import { caseTwinFindings, trashKeyTakenFindings } from './keys.js'
import { duplicateSummaries } from './summaries.js'
import { trashedSummaries, type Library, type Paper } from '../model.js'
import { canonicalTag, tagProblem } from '../tags/rules.js'
import type { Finding } from './finding.js'

function duplicateFindings(lib: Library): Finding[] {
  return duplicatePairs(lib).map(({ keep, duplicate, reason }): Finding => {
    const conflicts = conflictingFields(keep, duplicate)
    const subjects = [keep.key, duplicate.key]
    const problem = `${duplicate.key} ("${duplicate.title}") and ${keep.key} ("${keep.title}") are one paper: ${reason}`
    // Merging here would leave its files behind: identify moves them with the paper.
    if (duplicate.attachments !== undefined) {
      const fix = `${duplicate.key} has attachments: precis identify ${duplicate.key} moves them to ${keep.key} with its summaries`
      return { kind: 'duplicate-paper', problem, fixable: false, subjects, fix }
    }
    if (conflicts.length === 0) {
      return {
        kind: 'duplicate-paper',
        problem,
        fixable: true,
        subjects,
        fix: `precis doctor --fix merges ${duplicate.key} into ${keep.key}: its summaries move over, and details only it has are kept`,
      }
    }
    return {
      kind: 'duplicate-paper',
      problem,
      fixable: false,
      subjects,
      fix: `They disagree on ${conflicts.join(', ')}. If they are one paper, make those agree (precis edit ${duplicate.key} --${conflicts[0]} ...), then run precis doctor --fix to merge them; if not, change a title or year so they differ`,
    }
  })
}

function duplicateSummaryFindings(lib: Library): Finding[] {
  return duplicateSummaries(lib).map(({ keep, duplicates, blocker }): Finding => {
    const ids = duplicates.map((s) => s.id)
    const problem = `${ids.join(', ')} ${ids.length === 1 ? 'holds' : 'hold'} the same text as ${keep.id}`
    const subjects = [keep.id, ...ids]
    if (blocker !== null)
      return {
        kind: 'duplicate-summary',
        problem,
        fixable: false,
        subjects,
        fix: `precis doctor --fix leaves them: ${blocker}. Remove the copy you do not want with precis rm ${ids[0]}`,
      }
    return {
      kind: 'duplicate-summary',
      problem,
      fixable: true,
      subjects,
      fix: `precis doctor --fix keeps ${keep.id} with the tags of all, the earliest date and the summary author, and removes the copies (and an untitled paper left without a summary)`,
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
  const trashed = trashedSummaries(lib.trash)
  for (const summary of trashed) {
    if (keys.has(summary.paper) || seen.has(summary.paper)) continue
    seen.add(summary.paper)
    const ids = trashed.filter((s) => s.paper === summary.paper).map((s) => s.id)
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

/** What is wrong with a summary's (or a paper's own) tags, and the list they would become; null when nothing is. */
export function tagTrouble(tags: readonly string[]): { problems: string[]; repaired: string[]; repairable: boolean } | null {
  const problems: string[] = []
  const repaired = new Set<string>() // in first-seen order
  let repairable = true
  for (const tag of tags) {
    const problem = tagProblem(tag)
    const canonical = problem ? canonicalTag(tag) : tag
    const still = problem ? tagProblem(canonical) : null
    if (problem) problems.push(`${JSON.stringify(tag)}: ${problem}`)
    if (still) repairable = false
    const kept = still ? tag : canonical
    if (repaired.has(kept)) problems.push(`${JSON.stringify(kept)} appears twice`)
    else repaired.add(kept)
  }
  return problems.length > 0 ? { problems, repaired: [...repaired], repairable } : null
}

function tagFindings(lib: Library): Finding[] {
  // Summaries, and papers with tags of their own (core/tags/paper-tags.ts), each with the handle `tag` takes.
  const holders: { tags: readonly string[]; name: string; handle: string }[] = [
    ...lib.summaries.map((s) => ({ tags: s.tags, name: s.id, handle: s.id })),
    ...lib.papers.flatMap((p) => (p.tags ? [{ tags: p.tags, name: `The paper ${p.key}`, handle: p.key }] : [])),
  ]
  return holders.flatMap(({ tags, name, handle }): Finding[] => {
    const trouble = tagTrouble(tags)
    if (!trouble) return []
    return [
      {
        kind: 'bad-tags',
        problem: `${name} has tags that break the rules: ${trouble.problems.join('; ')}`,
        fix: trouble.repairable
          ? `precis doctor --fix makes them ${JSON.stringify(trouble.repaired)}`
          : `Some cannot be repaired by rule: remove or rename them with precis tag ${handle} -<tag> +<tag>`,
        fixable: trouble.repairable,
        subjects: [handle],
      },
    ]
  })
}

/** Everything wrong inside `lib`, in a stable order. */
export function checkLibrary(lib: Library): Finding[] {
  return [
    ...duplicateFindings(lib),
    ...duplicateSummaryFindings(lib),
    ...missingPaperFindings(lib),
    ...trashMissingPaperFindings(lib),
    ...tagFindings(lib),
    ...caseTwinFindings(lib),
    ...trashKeyTakenFindings(lib),
  ]
}
