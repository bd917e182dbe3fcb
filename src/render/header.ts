/**
 * The paper header (title, authors, venue and year, links) and the rule that opens each summary
 * (its number, id, author, dates, tags). Every field is sanitised before it is styled.
 */
import { displayName } from '../core/papers/author-names.js'
import type { Paper, Summary } from '../core/model.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { formatBytes } from '../core/text/sizes.js'
import type { Styles } from './styles.js'
import { displayWidth, indent, wrapText } from './wrap.js'
import { pushAll } from '../core/lists.js'

/** Author lists longer than this are shortened to the first few and a count. */
const MAX_AUTHORS_SHOWN = 5
const AUTHORS_BEFORE_ET_AL = 3

/** "A, B, C" or, for long lists, "A, B, C et al. (12 authors)". */
export function formatAuthors(authors: string[]): string {
  const names = authors.map((name) => sanitizeTerminal(displayName(name).trim())).filter(Boolean)
  if (names.length <= MAX_AUTHORS_SHOWN) return names.join(', ')
  return `${names.slice(0, AUTHORS_BEFORE_ET_AL).join(', ')} et al. (${names.length} authors)`
}

/** Title, authors, venue and year, and the paper's arXiv / DOI / URL links. */
export function renderHeader(paper: Paper, styles: Styles, width: number): string {
  const title = wrapText(sanitizeTerminal(paper.title), width)
    .split('\n')
    .map((line) => styles.title(line))
  const lines = [title.join('\n')]
  const authors = formatAuthors(paper.authors)
  if (authors) lines.push(wrapText(authors, width))
  const published = venueAndYear(paper)
  if (published) lines.push(wrapText(published, width))
  if (paper.state) lines.push(styles.dim(readingLine(paper)))
  // The paper's own tags (a paper not yet summarised carries them; a summary's are on its rule).
  const tags = (paper.tags ?? []).map((tag) => sanitizeTerminal(tag)).filter(Boolean)
  if (tags.length > 0) lines.push(wrapText(`tags: ${tags.join(', ')}`, width))
  const links = paperLinks(paper)
  if (styles.hyperlinks && links.length > 0) {
    const linked = links.map(({ text, url }) => styles.hyperlink(styles.link(text), url))
    lines.push(wrapText(linked.join(styles.dim(' · ')), width))
  } else {
    // Without hyperlinks the URL is printed, one link per line so none is split across lines.
    for (const { text, url } of links) {
      lines.push(wrapText(text === hideCredentials(url) ? styles.link(text) : `${text} (${styles.link(url)})`, width))
    }
  }
  pushAll(lines, attachmentLines(paper, styles, width))
  return lines.join('\n')
}

const STATE_WORDS = { 'to-read': 'to read', reading: 'being read', read: 'read' } as const

/** `State: to read · priority 2` for a paper with a reading state (core/queue/reading.ts). */
function readingLine(paper: Pick<Paper, 'state' | 'priority'>): string {
  const priority = paper.priority === undefined ? '' : ` · priority ${paper.priority}`
  return `State: ${paper.state ? STATE_WORDS[paper.state] : ''}${priority}`
}

/** One line per attachment: `file  name (size)` or `link  url`, as attached (`precis open` opens them). */
function attachmentLines(paper: Paper, styles: Styles, width: number): string[] {
  return (paper.attachments ?? []).map((attachment) => {
    if (attachment.kind === 'file')
      return wrapText(`${styles.dim('file')} ${sanitizeTerminal(attachment.name)} (${formatBytes(attachment.size)})`, width)
    const url = sanitizeTerminal(attachment.url)
    const text = styles.link(hideCredentials(url))
    const shown = styles.hyperlinks ? styles.hyperlink(text, url) : text
    return wrapText(`${styles.dim('link')} ${shown}`, width)
  })
}

/**
 * `https://user:secret@host/…` shown as `https://***@host/…`: a password in a link is not for the
 * screen or a shared terminal log. The stored link, `--json`, `open` and a hyperlink's target keep it.
 */
export function hideCredentials(url: string): string {
  return url.replace(/^(https?:\/\/)[^/?#@\s]*@/i, '$1***@')
}

/** `ICML 2017`: the venue, then the year unless the venue already ends with it (`(ICML 2017)`). */
export function venueAndYear(paper: Pick<Paper, 'venue' | 'year'>): string {
  const venue = paper.venue ? sanitizeTerminal(paper.venue).trim() : ''
  const year = paper.year === null ? '' : String(paper.year)
  const endsWithYear = year !== '' && new RegExp(`(?:^|\\D)${year}\\W*$`).test(venue)
  return [venue, endsWithYear ? '' : year].filter(Boolean).join(' ')
}

interface PaperLink {
  text: string
  url: string
}

function paperLinks(paper: Paper): PaperLink[] {
  const links: PaperLink[] = []
  if (paper.arxiv) {
    const id = sanitizeTerminal(paper.arxiv)
    links.push({ text: `arXiv:${id}`, url: `https://arxiv.org/abs/${id}` })
  }
  if (paper.doi) {
    const doi = sanitizeTerminal(paper.doi)
    links.push({ text: `doi:${doi}`, url: `https://doi.org/${doi}` })
  }
  if (paper.url) {
    const url = sanitizeTerminal(paper.url)
    if (!links.some((link) => link.url === url)) links.push({ text: hideCredentials(url), url })
  }
  return links
}

/**
 * The rule opening a summary, `── Summary 2 of 3 · by X ───` (no count when there is one), then
 * a line with the summary's id, dates and tags.
 */
export function renderSummaryRule(summary: Summary, index: number, count: number, styles: Styles, width: number): string {
  const by = sanitizeTerminal(summary.by.trim())
  const counted = count > 1 ? `Summary ${index + 1} of ${count}` : 'Summary'
  const label = by ? `${counted} · by ${by}` : counted
  const wrapped = wrapText(label, width - 3).split('\n')
  const last = wrapped[wrapped.length - 1] as string
  wrapped[wrapped.length - 1] = `${last} ${'─'.repeat(Math.max(2, width - 4 - displayWidth(last)))}`
  const rule = indent(wrapped.join('\n'), '── ')
    .split('\n')
    .map((line) => styles.dim(line))
    .join('\n')
  const tags = summary.tags.map((tag) => sanitizeTerminal(tag)).filter(Boolean)
  const meta = [sanitizeTerminal(summary.id), formatDates(summary), tags.length > 0 ? `tags: ${tags.join(', ')}` : '']
  return `${rule}\n${wrapText(meta.filter(Boolean).join(' · '), width)}`
}

/** The creation date, and the last update when it is on a later day. */
function formatDates(summary: Summary): string {
  const created = day(summary.created)
  const updated = day(summary.updated)
  return updated && updated !== created ? `${created}, updated ${updated}` : created
}

function day(timestamp: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(timestamp) ? timestamp.slice(0, 10) : sanitizeTerminal(timestamp)
}
