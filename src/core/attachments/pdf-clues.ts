/**
 * What the first pages of a paper's PDF say about which paper it is: an arXiv id (the stamp arXiv
 * prints down the margin, `arXiv:1704.01212v2 [stat.ML] 12 Jun 2017`), a DOI, and its title. The
 * text is the PDF's, so hostile: identifiers pass parseSource's checks, the title is one line of
 * printable text, at most a few hundred characters.
 */
import { parseSource, type Source } from '../papers/identifiers.js'
import { largest } from '../lists.js'

/** One page's text as a PDF library gives it: lines, and the font size of each. */
export interface PageText {
  lines: { text: string; size: number }[]
}

const ARXIV_STAMP = /\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/i
const DOI_IN_TEXT = /\b(10\.\d{4,9}(?:\.\d+)*\/[^\s"<>{}]+)/
const LONGEST_TITLE = 300

/**
 * The paper's identifier: an arXiv stamp on the pages given (an arXiv PDF names itself so), else
 * the first DOI of the first page; a DOI further on is more often one the paper cites than its own.
 * Null when there is neither.
 */
export function identifierIn(pages: readonly PageText[]): Source | null {
  for (const [n, page] of pages.entries()) {
    const text = page.lines.map((line) => line.text).join('\n')
    const stamp = ARXIV_STAMP.exec(text)
    const arxiv = stamp ? parseSource(`arXiv:${stamp[1]}`) : null
    if (arxiv) return arxiv
    if (n > 0) continue
    const doi = DOI_IN_TEXT.exec(text)
    const found = doi ? parseSource(withoutTrailingPunctuation(doi[1]!)) : null
    if (found) return found
  }
  return null
}

/** A DOI at the end of a sentence or in brackets carries the punctuation after it; a bracket it opened itself stays. */
function withoutTrailingPunctuation(doi: string): string {
  let text = doi
  for (;;) {
    const last = text.at(-1)
    const count = (ch: string) => text.split(ch).length - 1
    if (last === '.' || last === ',' || last === ';' || last === ':') text = text.slice(0, -1)
    else if (last === ')' && count(')') > count('(')) text = text.slice(0, -1)
    else if (last === ']' && count(']') > count('[')) text = text.slice(0, -1)
    else return text
  }
}

const printable = (text: string) =>
  text
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()

/** Titles PDF writers put in the Info dictionary that are no paper's title. */
const NOT_A_TITLE = /^(untitled|microsoft word|document\d*|paper|title|main|arxiv|manuscript)\b|\.(pdf|docx?|tex|dvi|ps)$/i

/**
 * The paper's title: the Info dictionary's when it looks like one, else the first page's lines in
 * the largest type (a title may run over two lines) near the top. Null when neither gives one.
 */
export function titleIn(infoTitle: string | null, first: PageText | undefined): string | null {
  const info = printable(infoTitle ?? '')
  if (info.length >= 10 && info.includes(' ') && !NOT_A_TITLE.test(info)) return info.slice(0, LONGEST_TITLE)
  const lines = (first?.lines ?? []).slice(0, 40).filter((line) => /\p{L}{3}/u.test(line.text))
  const largestSize = largest(
    lines.map((line) => line.size),
    0,
  )
  const start = lines.findIndex((line) => line.size === largestSize)
  if (start < 0) return null
  const title: string[] = []
  for (const line of lines.slice(start, start + 3)) {
    if (line.size !== largestSize) break
    title.push(line.text)
  }
  const text = printable(title.join(' '))
  return text.length >= 3 ? text.slice(0, LONGEST_TITLE) : null
}
