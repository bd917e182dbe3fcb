/**
 * A reading list as one Markdown document, written for Pandoc: a table of contents, then a section
 * per paper with a metadata line and its summaries (bodies as stored). With a companion `.bib`, the
 * metadata line ends in a citation `[@key]` and body citations are in Pandoc's syntax with the
 * `.bib` keys; without one they are titles and years (see citations.ts).
 * `pandoc list.md --citeproc --bibliography refs.bib` renders it with a reference list.
 */
import { displayName } from '../core/papers/author-names.js'
import type { Library, Paper, Summary } from '../core/model.js'
import { citationKeys } from './bibtex.js'
import { citedPaperKeysBeyond, pandocCitations, textCitations, type CitationNames } from './citations.js'
import { writeFrontMatter } from './frontmatter.js'
import { wholeParts, type ExportParts } from './export-parts.js'
import { splitInlineMath } from './inline-math.js'

export interface ReadingListOptions {
  /** The document title. */
  title: string
  /** The companion `.bib` file as the list should name it (relative to the list), or null. */
  bibliography: string | null
  /** The whole library (its outline will do), to resolve citations of papers outside the list (default: the list). */
  library?: CitationNames
}

/** The reading list for the papers and summaries of `lib`, papers in library order. */
export function readingListMarkdown(lib: Library, options: ReadingListOptions): string {
  const whole = options.library ?? lib
  const cited = options.bibliography ? citedPaperKeysBeyond(whole, lib) : []
  return [...readingListMarkdownPieces(wholeParts(lib), { ...options, library: whole }, cited)].join('')
}

/**
 * readingListMarkdown's text in pieces, each paper's section made as it is asked for, of the papers
 * and summaries of `parts`; `citedBeyond`: with a bibliography, the keys of the papers they cite
 * that are not in the list (citedPaperKeysBeyond), which the bibliography holds too.
 */
export function* readingListMarkdownPieces(
  parts: ExportParts,
  options: ReadingListOptions & { library: CitationNames },
  citedBeyond: readonly string[],
): Generator<string> {
  const { papers } = parts
  const keys = citationKeys(papers)
  const anchors = sectionAnchors(papers.map((p) => keys.get(p.key)!))
  // Without a bibliography Pandoc would print each `[@key]` as "(key?)": citations become text.
  const citations = options.bibliography
    ? pandocCitations(options.library, citationKeys([...papers, ...citedBeyond.map((key) => ({ key }))]))
    : textCitations(options.library, new Map(papers.map((paper, i) => [paper.key, anchors[i]!])))
  const meta: Array<[string, unknown]> = [['title', options.title]]
  if (options.bibliography) meta.push(['bibliography', options.bibliography], ['link-citations', true])
  const contents = papers.map((paper, i) => `- [${inlineText(paper.title)}](#${anchors[i]})${paper.year ? ` (${paper.year})` : ''}`)
  yield `${writeFrontMatter(meta)}## Contents\n\n${contents.join('\n')}`
  let i = 0
  for (const part of parts.parts()) {
    const summaries = summariesByPaper(part.summaries)
    for (const paper of part.papers) {
      yield `\n\n${paperSection(paper, anchors[i]!, options.bibliography ? keys.get(paper.key)! : null, summaries.get(paper.key) ?? [], citations)}`
      i++
    }
  }
  yield '\n'
}

function paperSection(
  paper: Paper,
  anchor: string,
  citeKey: string | null,
  summaries: readonly Summary[],
  citations: (body: string) => string,
): string {
  const heading = `## ${inlineText(paper.title)} {#${anchor}}`
  const parts = [heading, metadataLine(paper, citeKey)]
  // The paper's own tags (a paper not yet summarised carries them; a summary's own are under it).
  if (paper.tags && paper.tags.length > 0) parts.push(tagsLine(paper.tags))
  if (summaries.length === 0) parts.push('*Not summarised yet.*')
  for (const summary of summaries) {
    const by = summary.by.trim() ? ` by ${inlineText(summary.by.trim())}` : ''
    parts.push(`### Summary${by} (${summary.created.slice(0, 10)})`)
    if (summary.tags.length > 0) parts.push(tagsLine(summary.tags))
    // The body as stored (citations in Pandoc's syntax), less trailing blank lines, so sections are one blank line apart.
    parts.push(citations(summary.body).replace(/\s+$/, ''))
  }
  return parts.join('\n\n')
}

function tagsLine(tags: readonly string[]): string {
  return `Tags: ${tags.map((tag) => `\`${tag}\``).join(', ')}`
}

/** Authors · venue year · identifiers · the citation Pandoc resolves against the `.bib` file, when there is one. */
function metadataLine(paper: Paper, citeKey: string | null): string {
  const items: string[] = []
  if (paper.authors.length > 0) items.push(`*${inlineText(paper.authors.map(displayName).join(', '))}*`)
  const venue = [paper.venue, paper.year].filter((part) => part !== null && part !== '').join(' ')
  if (venue) items.push(inlineText(venue))
  if (paper.arxiv) items.push(`[arXiv:${inlineText(paper.arxiv)}](${linkTarget(`https://arxiv.org/abs/${paper.arxiv}`)})`)
  if (paper.doi) items.push(`[doi:${inlineText(paper.doi)}](${linkTarget(`https://doi.org/${paper.doi}`)})`)
  if (paper.url && /^https?:\/\//i.test(paper.url)) items.push(`[link](${linkTarget(paper.url)})`)
  if (citeKey !== null) items.push(`[@${citeKey}]`)
  // A line starting "- " or "1. " would be a list.
  return items
    .join(' · ')
    .replace(/^-/, '\\-')
    .replace(/^(\d+)([.)])/, '$1\\$2')
}

/** One-line text as Markdown: math runs kept, Markdown and Pandoc syntax characters escaped. */
export function inlineText(text: string): string {
  return splitInlineMath(text.replace(/\s+/g, ' ').trim())
    .map((run) => (run.math ? `$${run.text}$` : run.text.replace(/[\\`*_[\]{}<>()#+!|~^@$&]/g, '\\$&')))
    .join('')
}

/** A link destination in angle brackets, with what could end it percent-encoded. */
function linkTarget(url: string): string {
  return `<${url.replace(/[\s<>]/g, encodeURIComponent)}>`
}

/** Section ids Pandoc accepts (letters, digits, `-_.`), unique, derived from the citation keys. */
function sectionAnchors(citeKeys: readonly string[]): string[] {
  const used = new Set<string>()
  return citeKeys.map((key) => {
    const base = 'paper-' + key.replace(/[^A-Za-z0-9_.-]+/g, '-')
    let anchor = base
    for (let n = 2; used.has(anchor.toLowerCase()); n++) anchor = `${base}-${n}`
    used.add(anchor.toLowerCase())
    return anchor
  })
}

/** Summaries grouped by paper key, each group in library order. */
export function summariesByPaper(summaries: readonly Summary[]): Map<string, Summary[]> {
  const map = new Map<string, Summary[]>()
  for (const summary of summaries) {
    const list = map.get(summary.paper)
    if (list) list.push(summary)
    else map.set(summary.paper, [summary])
  }
  return map
}
