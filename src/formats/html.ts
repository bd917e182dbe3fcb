/**
 * The HTML export: one self-contained reading-list page. Summaries are rendered by `marked` (see
 * html-markdown.ts) with math as MathML (temml) and figures as images; every piece of content is
 * sanitised against an allow-list, text is escaped, and a Content-Security-Policy forbids scripts,
 * frames, forms and any fetch (but images, when the page may load them), should anything slip
 * through. A summary past the renderer's limits is shown as preformatted text with a note, as `show`
 * does, and the rest of the page is rendered as usual.
 */
import { displayName } from '../core/papers/author-names.js'
import type { Library, Paper, Summary } from '../core/model.js'
import { plainText, plainTextNotice, renderWithinLimits } from '../core/markdown/limits.js'
import { htmlCitationLinks, type CitationNames } from './citations.js'
import { wholeParts, type ExportParts } from './export-parts.js'
import { escapeHtml } from './html-escape.js'
import { markdownConverter } from './html-markdown.js'
import type { FigureEmbedder } from './html-figures.js'
import { PAGE_STYLE } from './html-style.js'
import { splitInlineMath } from './inline-math.js'
import { summariesByPaper } from './reading-list.js'

/**
 * The policy of the page: nothing runs, nothing is fetched (but web images when allowed), nothing
 * is submitted. Embedded figures need `data:` images.
 */
export function contentSecurityPolicy(remoteImages: boolean, embedded = false): string {
  const sources = [...(remoteImages ? ['https:', 'http:'] : []), ...(embedded ? ['data:'] : [])]
  const images = sources.length > 0 ? ` img-src ${sources.join(' ')};` : ''
  return `default-src 'none';${images} style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`
}

export interface HtmlOptions {
  title: string
  /** When the page was made, shown under the title. */
  now: Date
  /** Told how many summaries are rendered so far (rendering is the slow part of a long page). */
  progress?: (done: number) => void
  /** The whole library (its outline will do), to resolve citations of papers outside the page (default: the page's). */
  library?: CitationNames
  /** Whether the page shows images from the web; without, each image is a link to it (default false). */
  remoteImages?: boolean
  /** The data URIs of cached figures to embed (none by default). */
  embedFigure?: FigureEmbedder
}

/** The page for the papers and summaries of `lib`, papers in library order. */
export function readingListHtml(lib: Library, options: HtmlOptions): string {
  return [...readingListHtmlPieces(lib, options)].join('')
}

/** The page in pieces, each paper rendered as it is asked for: a page of 10,000 summaries is written, never held whole. */
export function readingListHtmlPieces(lib: Library, options: HtmlOptions): Generator<string> {
  return readingListHtmlParts(wholeParts(lib), { ...options, library: options.library ?? lib })
}

/** The page of the papers and summaries of `parts` in pieces, each part's papers rendered as they are asked for. */
export function* readingListHtmlParts(parts: ExportParts, options: HtmlOptions & { library: CitationNames }): Generator<string> {
  const render = markdownConverter(options.remoteImages ?? false, undefined, options.embedFigure ?? null)
  const titleHtml = (title: string) => mathTitleHtml(title, render.formula)
  const { papers } = parts
  const anchors = papers.map((_paper, i) => `paper-${i + 1}`)
  // Citations link to the cited paper's section on the page, or to its web page.
  const citations = htmlCitationLinks(options.library, new Map(papers.map((paper, i) => [paper.key, anchors[i]!])))
  const toc = papers
    .map(
      (paper, i) =>
        `<li><a href="#${anchors[i]}">${titleHtml(paper.title)}</a>${paper.year ? ` <span class="year">(${paper.year})</span>` : ''}</li>`,
    )
    .join('\n')
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.remoteImages ?? false, options.embedFigure !== undefined)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(options.title)}</h1>
<p class="meta">${count(papers.length, 'paper', 'papers')} · ${count(parts.summaryCount, 'summary', 'summaries')} · ${options.now.toISOString().slice(0, 10)}</p>
</header>
<nav class="toc">
<h2>Contents</h2>
<ol>
${toc}
</ol>
</nav>
<main>
`
  let done = 0
  let i = 0
  for (const part of parts.parts()) {
    const summaries = summariesByPaper(part.summaries)
    for (const paper of part.papers) {
      const rendered = (summaries.get(paper.key) ?? []).map((summary) => {
        const markdown = citations(summary.body)
        // Checked as marked gets it (citations lengthen it); past the limits the body is shown as stored.
        const body = renderWithinLimits(
          markdown,
          () => render(markdown),
          (problem) => plainBodyHtml(summary.body, problem),
        )
        const html = summaryHtml(summary, body)
        options.progress?.(++done)
        return html
      })
      const content = rendered.length > 0 ? rendered.join('\n') : '<p class="empty">Not summarised yet.</p>'
      yield `${i === 0 ? '' : '\n'}<article class="paper" id="${anchors[i]}">\n${paperHeader(paper, titleHtml(paper.title))}\n${content}\n</article>`
      i++
    }
  }
  yield `
</main>
</body>
</html>
`
}

/** A paper's heading (`title` is HTML already), authors and links. */
function paperHeader(paper: Paper, title: string): string {
  const meta: string[] = []
  const venue = [paper.venue, paper.year].filter((part) => part !== null && part !== '').join(' ')
  if (venue) meta.push(escapeHtml(venue))
  if (paper.arxiv) meta.push(link(`https://arxiv.org/abs/${paper.arxiv}`, `arXiv:${paper.arxiv}`))
  if (paper.doi) meta.push(link(`https://doi.org/${paper.doi}`, `doi:${paper.doi}`))
  if (paper.url) meta.push(link(paper.url, 'link'))
  const lines = [`<h2>${title}</h2>`]
  if (paper.authors.length > 0) lines.push(`<p class="byline">${escapeHtml(paper.authors.map(displayName).join(', '))}</p>`)
  if (meta.length > 0) lines.push(`<p class="paper-meta">${meta.join(' · ')}</p>`)
  // The paper's own tags (a paper not yet summarised carries them; a summary's own are under it).
  if (paper.tags && paper.tags.length > 0) lines.push(tagsHtml(paper.tags))
  return lines.join('\n')
}

function tagsHtml(tags: readonly string[]): string {
  return `<p class="tags">${tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('')}</p>`
}

/** A summary's section around its body's HTML. */
function summaryHtml(summary: Summary, body: string): string {
  const by = summary.by.trim() ? ` by ${escapeHtml(summary.by.trim())}` : ''
  const tags = summary.tags.length > 0 ? `\n${tagsHtml(summary.tags)}` : ''
  return `<section class="summary">
<h3>Summary${by} · ${escapeHtml(summary.created.slice(0, 10))}</h3>${tags}
<div class="body">
${body}
</div>
</section>`
}

/** A body the renderer cannot take, as `show` prints it: a note, then the text as it is. */
function plainBodyHtml(body: string, problem: string): string {
  // A browser drops the newline right after <pre>: this one, so that the body's own first line break stays.
  return `<p class="notice">${escapeHtml(plainTextNotice(problem))}</p>\n<pre class="plain">\n${escapeHtml(plainText(body))}</pre>`
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** A title with its `$...$` math as MathML, the rest escaped. */
function mathTitleHtml(title: string, formula: (tex: string, display: boolean) => string): string {
  return splitInlineMath(title)
    .map((run) => (run.math ? formula(run.text, false) : escapeHtml(run.text)))
    .join('')
}

/** A link from the library's own fields; anything but http(s) is shown as text, not linked. */
function link(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeHtml(label === 'link' ? url : label)
  return `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(label)}</a>`
}
