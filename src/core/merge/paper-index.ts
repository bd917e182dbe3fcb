/**
 * Lookups for merging many imported records into a large library: the identity of `paperIdentity`
 * (the rule `findSamePaper` applies by scanning), kept in Maps so an import of thousands of records into 100,000 papers stays linear.
 */
import { KeySet } from '../keys/key-rules.js'
import { trashedSummaries, type Library, type Paper, type Summary } from '../model.js'
import { paperIdentity } from '../papers/papers.js'
import { normalizeTitle } from '../papers/titles.js'
import { identitiesDisagree } from '../papers/same-paper.js'
import { comparableBody } from '../papers/summary-bodies.js'
import { pushAll } from '../lists.js'

/** What an imported paper brings for matching. */
export type ImportedIdentity = Pick<Paper, 'title' | 'year' | 'arxiv' | 'doi'> & { key: string | null }

/** The library's papers and summaries by every key an import may match on. */
export class PaperIndex {
  private readonly byKey = new Map<string, Paper>()
  private readonly byArxiv = new Map<string, Paper[]>()
  private readonly byDoi = new Map<string, Paper[]>()
  private readonly byTitleYear = new Map<string, Paper[]>()
  private readonly summariesByPaper = new Map<string, Summary[]>()
  private byBody: Map<string, Summary[]> | undefined
  /** Paper keys in use, compared ignoring case. */
  readonly paperKeys = new KeySet()
  /** Summary ids in use, the trash included (ids are never reused). */
  readonly summaryIds = new Set<string>()

  constructor(lib: Library) {
    for (const paper of lib.papers) this.addPaper(paper)
    for (const summary of lib.summaries) this.addSummary(summary)
    for (const summary of trashedSummaries(lib.trash)) this.summaryIds.add(summary.id)
  }

  /**
   * The papers that are the same as `paper`, best first: the same key with the same title, then the
   * same arXiv id, DOI, and papers with the same normalised title and year; never one whose title or
   * other identifiers clearly say it is another paper (core/papers/same-paper.ts).
   */
  candidates(paper: ImportedIdentity): Paper[] {
    const found: Paper[] = []
    const title = normalizeTitle(paper.title)
    const byKey = paper.key === null ? undefined : this.byKey.get(paper.key)
    if (byKey && normalizeTitle(byKey.title) === title) found.push(byKey)
    const { arxiv, doi, titleYear } = paperIdentity(paper)
    if (arxiv) pushAll(found, this.byArxiv.get(arxiv) ?? [])
    if (doi) pushAll(found, this.byDoi.get(doi) ?? [])
    if (titleYear) pushAll(found, this.byTitleYear.get(titleYear) ?? [])
    return [...new Set(found)].filter((candidate) => !identitiesDisagree(candidate, paper))
  }

  /**
   * The library's summaries with this body (see comparableBody), grouped by paper. Built on first
   * use: most imports never ask.
   */
  summariesWithBody(body: string): readonly Summary[] {
    if (!this.byBody) {
      this.byBody = new Map()
      for (const list of this.summariesByPaper.values())
        for (const summary of list) push(this.byBody, comparableBody(summary.body), summary)
    }
    const text = comparableBody(body)
    return text === '' ? [] : (this.byBody.get(text) ?? [])
  }

  /** The paper with this key, if any. */
  paperWithKey(key: string): Paper | undefined {
    return this.byKey.get(key)
  }

  /** The summaries of a paper, in library order. */
  summariesOf(key: string): readonly Summary[] {
    return this.summariesByPaper.get(key) ?? []
  }

  /** Index a new paper; call again after changing a paper's identifying fields in place. */
  addPaper(paper: Paper): void {
    this.byKey.set(paper.key, paper)
    this.paperKeys.add(paper.key)
    const { arxiv, doi, titleYear } = paperIdentity(paper)
    // In library order, as findSamePaper scans: several papers may share an id that is not theirs.
    for (const [map, id] of [
      [this.byArxiv, arxiv],
      [this.byDoi, doi],
      [this.byTitleYear, titleYear],
    ] as const) {
      if (id && !(map.get(id) ?? []).includes(paper)) push(map, id, paper)
    }
  }

  addSummary(summary: Summary): void {
    push(this.summariesByPaper, summary.paper, summary)
    if (this.byBody) push(this.byBody, comparableBody(summary.body), summary)
    this.summaryIds.add(summary.id)
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
