/**
 * Citations as `show` displays them. Before a body is rendered, each citation becomes Markdown
 * naming the paper by its short title (a link to the paper where hyperlinks are on), so the
 * renderer wraps and styles it like any other text; a key the library does not know reads
 * `?key`, as LaTeX prints `[?]`. After the summaries, "Cited by" lists the summaries citing the paper.
 */
import { backlinks, CitationResolver, rewriteCitations, type ResolvedCitation } from '../core/citations/citations.js'
import type { Library, Summary } from '../core/model.js'
import type { LibraryOutline, PaperOutline, SummaryOutline } from '../core/records/outline.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { linkTarget, makeStyles, type RenderOptions } from './styles.js'
import { displayWidth, indent, wrapText } from './wrap.js'
import { escapeMarkdown, paperUrl, shortTitle } from '../core/citations/citation-text.js'
import { largest } from '../core/lists.js'

function citedText(key: string, paper: PaperOutline | null, hyperlinks: boolean): string {
  if (!paper) return escapeMarkdown(`?${key}`)
  const title = `*${escapeMarkdown(shortTitle(paper.title))}*`
  const url = hyperlinks ? paperUrl(paper) : null
  return url && linkTarget(url) ? `[${title}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : title
}

/** The Markdown a citation is shown as: its papers' short titles, in brackets unless it is part of the sentence. */
export function citationMarkdown(citation: ResolvedCitation, hyperlinks: boolean): string {
  const names = citation.cited.map(({ key, paper }) => citedText(key, paper, hyperlinks))
  const joined = names.join('; ')
  return citation.form === 'latex' && !citation.textual ? `&#91;${joined}&#93;` : joined
}

/** A summary citing the paper being shown, with its own paper. */
export interface CitingSummary {
  summary: SummaryOutline
  paper: PaperOutline
}

/**
 * A rule like the one opening each summary, `── Cited by 2 ───`, then one line per citing summary:
 * its id (a handle for `show`) and its paper's short title. '' when no summary cites the paper.
 */
export function renderCitedBy(citing: readonly CitingSummary[], opts: RenderOptions): string {
  if (citing.length === 0) return ''
  const styles = makeStyles(opts)
  const width = Math.max(20, opts.width)
  const label = `── Cited by ${citing.length} `
  const rule = styles.dim(label + '─'.repeat(Math.max(2, width - displayWidth(label))))
  const ids = citing.map(({ summary }) => sanitizeTerminal(summary.id))
  const idWidth = Math.min(largest(ids.map(displayWidth)), Math.floor(width / 2))
  const lines = citing.map(({ paper }, i) => {
    const id = ids[i]!
    const title = sanitizeTerminal(shortTitle(paper.title))
    const url = opts.hyperlinks ? paperUrl(paper) : null
    const column = styles.link(id) + ' '.repeat(Math.max(0, idWidth - displayWidth(id))) + '  '
    return indent(wrapText(url ? styles.hyperlink(title, url) : title, Math.max(10, width - idWidth - 2)), column, ' '.repeat(idWidth + 2))
  })
  return `${rule}\n${lines.join('\n')}`
}

/**
 * Citations found through an index, where the library is not at hand (the store's NamedRecords):
 * each answer null (undefined for `cited`) where it cannot say, and the library or outline is used.
 */
export interface CitationLookup {
  /** The paper a citation of `key` names, or null for none. */
  cited(key: string): PaperOutline | null | undefined
  /** The summaries citing the paper `key`, with their papers, as ShowCitations lists them. */
  citing(key: string): CitingSummary[] | null
}

/** What `show` adds for citations: bodies with titles for citation keys, and "Cited by" after a paper. */
export class ShowCitations {
  private readonly resolver: Pick<CitationResolver, 'resolve'>
  private readonly whole: CitationResolver
  /** The summaries citing each shown paper, found in the library or outline when first needed. */
  private citing: Map<string, SummaryOutline[]> | undefined
  /** The papers by key, made when a shown paper is cited. */
  private papers: Map<string, PaperOutline> | undefined

  /**
   * For showing `shown` (paper keys) from `library`, or from its outline (which knows who cites whom
   * without the bodies), asking `lookup` first when given.
   */
  constructor(
    private readonly library: Library | LibraryOutline,
    private readonly shown: readonly string[],
    private readonly opts: RenderOptions,
    private readonly lookup: CitationLookup | null = null,
  ) {
    const whole = (this.whole = new CitationResolver(library))
    const resolve = (key: string) => {
      const paper = lookup?.cited(key)
      return paper === undefined ? whole.resolve(key) : paper
    }
    this.resolver = lookup ? { resolve } : whole
  }

  /** The summary with its citations as Markdown titles, to render (the stored summary is not changed). */
  display(summary: Summary): Summary {
    return { ...summary, body: rewriteCitations(summary.body, this.resolver, (c) => citationMarkdown(c, this.opts.hyperlinks)) }
  }

  /** "Cited by" for `paper`, after a blank line and ending with a newline; '' when nothing cites it. */
  citedBy(paper: PaperOutline): string {
    const section = renderCitedBy(this.lookup?.citing(paper.key) ?? this.citingFromLibrary(paper.key), this.opts)
    return section === '' ? '' : `\n${section}\n`
  }

  private citingFromLibrary(key: string): CitingSummary[] {
    const library = this.library
    this.citing ??= 'format' in library ? backlinks(library, this.shown, this.whole) : outlineBacklinks(library, this.shown)
    return (this.citing.get(key) ?? []).flatMap((summary) => {
      const citingPaper = (this.papers ??= new Map(library.papers.map((p) => [p.key, p]))).get(summary.paper)
      return citingPaper ? [{ summary, paper: citingPaper }] : []
    })
  }
}

/** The summaries citing each of `paperKeys`, by paper key, in library order: `backlinks` from an outline. */
function outlineBacklinks(lib: LibraryOutline, paperKeys: readonly string[]): Map<string, SummaryOutline[]> {
  const wanted = new Set(paperKeys)
  const cited = lib.citedKeys()
  const result = new Map<string, SummaryOutline[]>()
  lib.summaries.forEach((summary, i) => {
    for (const key of cited[i]!) if (wanted.has(key)) result.set(key, [...(result.get(key) ?? []), summary])
  })
  return result
}
