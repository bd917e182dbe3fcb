/**
 * How `identify` shows the papers found: one numbered entry per candidate (title; authors, year,
 * venue; its identifiers), for a terminal list, a pipe, or the picker. Every value is sanitised.
 */
import type { RankedCandidate } from '../../core/identify/rank.js'
import type { Candidate } from '../../sources/candidates.js'
import { SERVICE_NAMES } from '../../sources/candidates.js'
import { oneLine } from '../../render/summary-rows.js'

/** Authors shown before "et al.". */
const SHOWN_AUTHORS = 3

/** "Gilmer, Schoenholz, Riley et al. · 2017 · ICML". */
export function candidateByline(candidate: Candidate): string {
  const { authors, year, venue } = candidate.metadata
  const names = authors.length > SHOWN_AUTHORS ? `${authors.slice(0, SHOWN_AUTHORS).join(', ')} et al.` : authors.join(', ')
  return oneLine(
    [names || '(no authors)', year === null ? null : String(year), venue].filter((part) => part !== null && part !== '').join(' · '),
  )
}

/** "arXiv:1704.01212 · DOI 10.1000/x (arXiv, Crossref)". */
export function candidateIds(candidate: Candidate): string {
  const { arxiv, doi } = candidate.metadata
  const ids = [arxiv === null ? null : `arXiv:${arxiv}`, doi === null ? null : `DOI ${doi}`].filter((id) => id !== null).join(' · ')
  return oneLine(`${ids} (${candidate.services.map((s) => SERVICE_NAMES[s]).join(', ')})`)
}

/** The numbered list: three lines a candidate, a blank line between them. */
export function formatCandidateList(ranked: readonly RankedCandidate<Candidate>[]): string {
  const width = String(ranked.length).length
  return ranked
    .map(({ candidate }, index) => {
      const pad = ' '.repeat(width + 2)
      return `${String(index + 1).padStart(width)}. ${oneLine(candidate.metadata.title)}\n${pad}${candidateByline(candidate)}\n${pad}${candidateIds(candidate)}\n`
    })
    .join('\n')
}

/** One line for the picker. */
export function candidateChoice(candidate: Candidate): string {
  return `${oneLine(candidate.metadata.title)} — ${candidateByline(candidate)} — ${candidateIds(candidate)}`
}

/** The candidates as `--json` prints them, best first. */
export function candidatesJson(ranked: readonly RankedCandidate<Candidate>[]) {
  return ranked.map(({ candidate, score, similarity, authorNamed }, index) => {
    const { title, authors, year, venue, arxiv, doi, url } = candidate.metadata
    return {
      n: index + 1,
      title,
      authors,
      year,
      venue,
      arxiv,
      doi,
      url,
      services: candidate.services.map((s) => SERVICE_NAMES[s]),
      score: round(score),
      similarity: round(similarity),
      authorNamed,
    }
  })
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
