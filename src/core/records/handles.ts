import { NotFoundError, UsageError } from '../errors.js'
import type { Library, Paper, Summary } from '../model.js'
import type { PaperOutline, SummaryOutline } from './outline.js'
import { closest } from '../text/similar.js'
import { placeholderPaper } from '../papers/placeholders.js'

/** What a handle names: one paper and the summaries of it that were asked for (whole, or their outlines). */
export interface Resolved<P extends PaperOutline = Paper, S extends SummaryOutline = Summary> {
  paper: P
  summaries: S[]
}

/** Papers and summaries to resolve handles among: a library, or its outline. */
type HandleSource = { papers: readonly PaperOutline[]; summaries: readonly SummaryOutline[] }

/**
 * Resolve a handle: an exact paper key (all of its summaries), an exact summary id, or a unique
 * prefix of either (case-insensitive). A prefix that only reaches one paper's records names that paper.
 * No match: NotFoundError with close candidates; several papers: UsageError listing them.
 */
export function resolveHandle(lib: Pick<Library, 'papers' | 'summaries'>, handle: string): Resolved
export function resolveHandle(lib: HandleSource, handle: string): Resolved<PaperOutline, SummaryOutline>
export function resolveHandle(lib: HandleSource, handle: string): Resolved<PaperOutline, SummaryOutline> {
  const wanted = handle.trim().toLowerCase()
  const summaryOf = (s: SummaryOutline): Resolved<PaperOutline, SummaryOutline> => ({
    paper: lib.papers.find((p) => p.key === s.paper) ?? missingPaper(s),
    summaries: [s],
  })
  const paperWith = (key: string): Resolved<PaperOutline, SummaryOutline> => {
    const summaries = lib.summaries.filter((s) => s.paper === key)
    // A key no paper has is only reached through its summaries, so there is at least one.
    return { paper: lib.papers.find((p) => p.key === key) ?? missingPaper(summaries[0]!), summaries }
  }

  // A paper's first summary has the paper's key as id: the key names the whole paper, missing or not.
  const exactPaper = paperKeyNamed(lib, wanted)
  if (exactPaper !== undefined) return paperWith(exactPaper)
  // One pass over the ids, each lower-cased once: the first equal to the handle, else those it starts.
  const summaryHits: SummaryOutline[] = []
  for (const s of lib.summaries) {
    const id = s.id.toLowerCase()
    if (id === wanted) return summaryOf(s)
    if (id.startsWith(wanted)) summaryHits.push(s)
  }

  const paperHits = lib.papers.filter((p) => p.key.toLowerCase().startsWith(wanted))
  const reached = new Set([...summaryHits.map((s) => s.paper), ...paperHits.map((p) => p.key)])
  if (reached.size === 1 && wanted !== '') {
    const [key] = reached
    const onlySummary = summaryHits.length === 1 && paperHits.length === 0
    return onlySummary ? summaryOf(summaryHits[0]!) : paperWith(key!)
  }
  if (reached.size > 1) {
    const names = [...reached].sort()
    throw new UsageError(
      `"${handle}" matches ${names.length} papers; be more specific`,
      names.slice(0, 20).map((n) => `  ${n}`),
    )
  }
  const candidates = closest(wanted, [...lib.summaries.map((s) => s.id), ...lib.papers.map((p) => p.key)], 5)
  throw new NotFoundError(
    `No summary or paper matches "${handle}"`,
    candidates.length > 0 ? ['Did you mean:', ...candidates.map((c) => `  ${c}`)] : [],
  )
}

/**
 * The paper key `wanted` names ignoring case, among every paper key, including those only summaries
 * still name (their paper is missing, which doctor reports): a paper's spelling over a summary's, the
 * last in library order over the first. Looked for from the end, with nothing built (a library has
 * tens of thousands of keys, and one handle to resolve).
 */
function paperKeyNamed(lib: HandleSource, wanted: string): string | undefined {
  for (let i = lib.papers.length - 1; i >= 0; i--) {
    const key = lib.papers[i]!.key
    if (key.toLowerCase() === wanted) return key
  }
  for (let i = lib.summaries.length - 1; i >= 0; i--) {
    const key = lib.summaries[i]!.paper
    if (key.toLowerCase() === wanted) return key
  }
  return undefined
}

/** Resolve several handles into the distinct summaries they name, in the order given. */
export function resolveSummaries(lib: Library, handles: readonly string[]): Summary[] {
  const seen = new Set<string>()
  const result: Summary[] = []
  for (const handle of handles) {
    for (const summary of resolveHandle(lib, handle).summaries) {
      if (!seen.has(summary.id)) result.push(summary)
      seen.add(summary.id)
    }
  }
  return result
}

/** The paper a summary belongs to (a summary whose paper is missing gets a placeholder, which doctor reports). */
export function paperFor(lib: Library, summary: Summary): Paper {
  return lib.papers.find((p) => p.key === summary.paper) ?? missingPaper(summary)
}

/** What stands for the paper of a summary whose paper is not in the library. */
export function missingPaper(summary: Pick<Summary, 'paper' | 'created'>): Paper {
  return placeholderPaper(summary.paper, summary.created)
}
