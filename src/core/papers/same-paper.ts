/**
 * When a shared identifier is not enough. Papers are recognised by arXiv id, DOI, or normalised title
 * and year, but real bibliographies carry identifiers that name something else: the chapters of one
 * book often carry the book's DOI, and a wrong `eprint` copied from entry to entry gives unrelated
 * papers one arXiv id. So a shared id makes two records one paper only when nothing clearly says
 * otherwise. The rule:
 * - titles clearly disagree when both are real (not placeholders) and, once case, accents,
 *   punctuation and small words are set aside, fewer than half the words of the shorter one appear in
 *   the other (a preprint renamed on publication keeps most of its words; two chapters do not);
 * - the same arXiv id with two different DOIs, or the same DOI with two different arXiv ids, names
 *   two publications (arXiv's own DOIs, 10.48550/arXiv.*, are the preprint's and never disagree);
 * - any such disagreement outweighs the shared id: the records stay two papers.
 */
import { STOP_WORDS } from '../keys/citekey.js'
import { normalizeArxivId, normalizeDoi } from './identifiers.js'
import type { Paper } from '../model.js'
import { normalizeTitle } from './titles.js'
import { isPlaceholder } from './placeholders.js'

/** What two records are compared on. */
export type PaperClaims = Pick<Paper, 'title' | 'arxiv' | 'doi'>

// Below this share of the shorter title's words found in the other, two titles name two works.
const MIN_SHARED_WORDS = 0.5
const ARXIV_DOI = /^10\.48550\/arxiv\./i

/** Whether two real titles clearly name different works (placeholders never disagree). */
export function titlesDisagree(a: string, b: string): boolean {
  if (isPlaceholder('title', a) || isPlaceholder('title', b)) return false
  const [wordsA, wordsB] = [significantWords(a), significantWords(b)]
  if (wordsA.size === 0 || wordsB.size === 0) return normalizeTitle(a) !== normalizeTitle(b)
  const [shorter, longer] = wordsA.size <= wordsB.size ? [wordsA, wordsB] : [wordsB, wordsA]
  const shared = [...shorter].filter((word) => longer.has(word)).length
  return shared / shorter.size < MIN_SHARED_WORDS
}

/** Whether anything the two records say outweighs an identifier they share (see the rule above). */
export function identitiesDisagree(a: PaperClaims, b: PaperClaims): boolean {
  if (titlesDisagree(a.title, b.title)) return true
  const [doiA, doiB] = [publishedDoi(a), publishedDoi(b)]
  if (doiA !== null && doiB !== null && doiA !== doiB) return true
  const [arxivA, arxivB] = [arxivOf(a), arxivOf(b)]
  return arxivA !== null && arxivB !== null && arxivA !== arxivB
}

function significantWords(title: string): Set<string> {
  return new Set(
    normalizeTitle(title)
      .split(' ')
      .filter((word) => word !== '' && !STOP_WORDS.has(word)),
  )
}

/** The DOI of the publication itself, not arXiv's DOI of its preprint. */
function publishedDoi(paper: PaperClaims): string | null {
  const doi = paper.doi ? normalizeDoi(paper.doi) : null
  return doi === null || ARXIV_DOI.test(doi) ? null : doi
}

function arxivOf(paper: PaperClaims): string | null {
  return paper.arxiv ? normalizeArxivId(paper.arxiv) : null
}
