/**
 * Citations in exports, so they keep working outside precis:
 * - the reading list (Markdown for Pandoc) writes them in Pandoc's syntax, `[@key]`, with the keys
 *   its companion `.bib` uses, and that `.bib` also holds the cited papers that were not exported;
 * - a reading list without a `.bib` writes them as text, title and year, since Pandoc prints
 *   `[@key]` it cannot resolve as "(key?)";
 * - the HTML page links each citation to the cited paper's section (or its web page);
 * - one file per summary keeps the body exactly as written (`\cite{key}` stays, for LaTeX users).
 */
import { CitationResolver, citedPaperKeys, rewriteCitations, type ResolvedCitation } from '../core/citations/citations.js'
import type { Library } from '../core/model.js'
import { escapeMarkdown, paperUrl, shortTitle } from '../core/citations/citation-text.js'
import { papersByKey } from '../core/papers/papers.js'

/**
 * What citations resolve against: every paper's outline, and which paper each summary id names (an
 * outline of the library will do, so an export of a few records need not read the rest whole).
 */
export type CitationNames = ConstructorParameters<typeof CitationResolver>[0]

/** The keys of the papers the summaries of `selected` cite that it does not hold (found in `lib`), in the order first cited. */
export function citedPaperKeysBeyond(lib: CitationNames, selected: Pick<Library, 'papers' | 'summaries'>): string[] {
  const resolver = new CitationResolver(lib)
  const have = new Set(selected.papers.map((p) => p.key))
  const cited: string[] = []
  for (const summary of selected.summaries) {
    for (const key of citedPaperKeys(summary, resolver)) {
      if (have.has(key)) continue
      have.add(key)
      cited.push(key)
    }
  }
  return cited
}

/** `selected` with the papers its summaries cite (found in `lib`) added after its own, for a `.bib` that resolves every citation. */
export function withCitedPapers(lib: Pick<Library, 'papers' | 'summaries'>, selected: Library): Library {
  const papers = papersByKey(lib)
  return { ...selected, papers: [...selected.papers, ...citedPaperKeysBeyond(lib, selected).map((key) => papers.get(key)!)] }
}

/** One key in Pandoc's syntax: the `.bib` key of the paper it names, or the key as written. */
function pandocKey({ key, paper }: ResolvedCitation['cited'][number], bibKeys: ReadonlyMap<string, string>): string {
  return '@' + (paper ? (bibKeys.get(paper.key) ?? paper.key) : key)
}

/**
 * A citation in Pandoc's syntax: `\\citep[see][p.~3]{a,b}` → `[see @a; @b, p.~3]`, `\\citet{a}` →
 * `@a`, `\\citeyear{a}` → `[-@a]`; Pandoc's own forms keep their shape with the `.bib` key.
 */
export function pandocCitation(citation: ResolvedCitation, bibKeys: ReadonlyMap<string, string>): string {
  const keys = citation.cited.map((cited) => (citation.suppressAuthor ? '-' : '') + pandocKey(cited, bibKeys))
  if (citation.form !== 'latex') return keys[0]!
  if (citation.textual) return keys.join(' and ')
  const prefix = citation.prefix.trim() === '' ? '' : `${citation.prefix.trim()} `
  const suffix = citation.suffix.trim() === '' ? '' : `, ${citation.suffix.trim()}`
  return `[${prefix}${keys.join('; ')}${suffix}]`
}

/** A rewriter of summary bodies for a Pandoc document whose `.bib` names papers by `bibKeys` (paper key → `.bib` key). */
export function pandocCitations(lib: CitationNames, bibKeys: ReadonlyMap<string, string>): (body: string) => string {
  const resolver = new CitationResolver(lib)
  return (body) => rewriteCitations(body, resolver, (citation) => pandocCitation(citation, bibKeys))
}

/** A cited paper as a Markdown link: to its section on the page, else to its web page, else its title alone. */
function citedLink({ key, paper }: ResolvedCitation['cited'][number], anchors: ReadonlyMap<string, string>): string {
  if (!paper) return escapeMarkdown(`?${key}`)
  const title = escapeMarkdown(shortTitle(paper.title))
  const anchor = anchors.get(paper.key)
  const url = anchor ? `#${anchor}` : paperUrl(paper)
  return url && (anchor || /^https?:\/\//i.test(url)) ? `[${title}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : title
}

/**
 * A rewriter of summary bodies for the HTML page: each citation becomes links to the cited papers
 * (`anchors`: paper key → the id of its section), in brackets unless it is part of the sentence.
 */
export function htmlCitationLinks(lib: CitationNames, anchors: ReadonlyMap<string, string>): (body: string) => string {
  const resolver = new CitationResolver(lib)
  return (body) =>
    rewriteCitations(body, resolver, (citation) => {
      const links = citation.cited.map((cited) => citedLink(cited, anchors)).join('; ')
      // Entities, not `\[`: to the math finder `\[` opens display math.
      return citation.form === 'latex' && !citation.textual ? `&#91;${links}&#93;` : links
    })
}

/** A cited paper as text: its linked title and year (`Title, 2017`; `Title (2017)` in a sentence; the year alone for `\\citeyear`). */
function textCited(cited: ResolvedCitation['cited'][number], citation: ResolvedCitation, anchors: ReadonlyMap<string, string>): string {
  const title = citedLink(cited, anchors)
  const year = cited.paper?.year ?? null
  if (year === null) return title
  if (citation.suppressAuthor) return String(year)
  return citation.textual ? `${title} (${year})` : `${title}, ${year}`
}

/**
 * A rewriter of summary bodies for a Markdown document without a bibliography: each citation
 * becomes its papers' titles and years, linked as on the HTML page (`anchors`: paper key → section
 * id); LaTeX's parenthetical forms go in parentheses with their notes, Pandoc's keep their brackets.
 */
export function textCitations(lib: CitationNames, anchors: ReadonlyMap<string, string>): (body: string) => string {
  const resolver = new CitationResolver(lib)
  return (body) =>
    rewriteCitations(body, resolver, (citation) => {
      const papers = citation.cited.map((cited) => textCited(cited, citation, anchors))
      if (citation.form !== 'latex') return papers[0]!
      if (citation.textual) return papers.join(' and ')
      const prefix = citation.prefix.trim() === '' ? '' : `${citation.prefix.trim()} `
      const suffix = citation.suffix.trim() === '' ? '' : `, ${citation.suffix.trim()}`
      return `(${prefix}${papers.join('; ')}${suffix})`
    })
}
