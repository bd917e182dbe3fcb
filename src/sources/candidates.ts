/**
 * The papers a summary may be about, from arXiv's search and Crossref's bibliographic search
 * together. Each answer is cached; a service that cannot be reached is replaced by its cached
 * answer, or left out with a note; when neither answers, that is the error.
 */
import { NetworkError } from '../core/errors.js'
import type { RankableCandidate } from '../core/identify/rank.js'
import type { Source } from '../core/papers/identifiers.js'
import { normalizeTitle } from '../core/papers/titles.js'
import { arxivSearchQuery, searchArxiv } from './arxiv-search.js'
import { cacheDir } from './cache.js'
import { searchCrossref } from './crossref.js'
import type { ClientOptions } from './http.js'
import type { PaperMetadata } from '../core/papers/metadata.js'
import { resolveSource } from './resolve.js'
import { readCachedSearch, writeCachedSearch, type SearchService } from './search-cache.js'

/** Papers asked of each service: the right one is nearly always among the first few. */
export const ROWS_PER_SERVICE = 10

/** Where a candidate came from: a search, or the arXiv id or DOI the paper already records. */
export type CandidateOrigin = SearchService | 'identifier'

/** How origins are named to the person. */
export const SERVICE_NAMES: Record<CandidateOrigin, string> = {
  arxiv: 'arXiv',
  crossref: 'Crossref',
  identifier: 'its own arXiv id or DOI',
}

/** A paper a service proposed. */
export interface Candidate extends RankableCandidate {
  metadata: PaperMetadata
  /** Where it came from, in the order asked. */
  services: CandidateOrigin[]
}

/**
 * The paper an identifier the library records names (a ShortScience CSV row gives one), fetched
 * and cached as `add <id>` does: no search can do better. Throws NetworkError or NotFoundError.
 */
export async function candidateFromIdentifier(source: Source, options: ClientOptions): Promise<Candidate> {
  return fromService(await resolveSource(source, { ...options, offline: false }), 'identifier', 0)
}

/** The candidates, and what the person should know about how they were found. */
export interface CandidateSearch {
  candidates: Candidate[]
  /** A service left out or answered from the cache, in a sentence each. */
  notes: string[]
}

/** Search both services for `words`; NetworkError when neither can answer. */
export async function findCandidates(words: readonly string[], options: ClientOptions): Promise<CandidateSearch> {
  const failures: string[] = []
  const ask = async (service: SearchService): Promise<PaperMetadata[] | null> => {
    const query = service === 'arxiv' ? arxivSearchQuery(words) : words.join(' ')
    try {
      return await answerOf(service, query, words, options)
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      failures.push(`${SERVICE_NAMES[service]} could not be used (${error.message})`)
      return null
    }
  }
  const [arxiv, crossref] = await Promise.all([ask('arxiv'), ask('crossref')])
  if (arxiv === null && crossref === null)
    throw new NetworkError('Neither arXiv nor Crossref could be searched', [...failures, 'Check the network and try again.'])
  const notes = failures.map((failure) => `${failure}; these candidates are from the other service only`)
  return { candidates: mergeCandidates(arxiv ?? [], crossref ?? []), notes }
}

/** One service's answer: fetched and cached, or the cached answer when the service fails. */
async function answerOf(service: SearchService, query: string, words: readonly string[], options: ClientOptions): Promise<PaperMetadata[]> {
  const dir = cacheDir(options.env)
  let results: PaperMetadata[]
  try {
    results =
      service === 'arxiv' ? await searchArxiv(words, ROWS_PER_SERVICE, options) : await searchCrossref(words, ROWS_PER_SERVICE, options)
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error
    const cached = await readCachedSearch(dir, service, query)
    if (!cached) throw error
    options.notice?.(`${error.message}; using ${SERVICE_NAMES[service]}'s answer cached on ${cached.fetched.slice(0, 10)}`)
    return cached.results
  }
  try {
    await writeCachedSearch(dir, service, query, results, options.now?.() ?? new Date())
  } catch (error) {
    // A cache that cannot be written costs only a fallback later; the answer itself is fine.
    options.notice?.(`Could not write the search cache in ${dir}: ${(error as Error).message}`)
  }
  return results
}

/**
 * arXiv's and Crossref's answers as one list: a paper both found (the same DOI, or the same title
 * within two years: a preprint and its published version) is one candidate, the arXiv record with
 * the DOI and venue of the published version.
 */
export function mergeCandidates(arxiv: readonly PaperMetadata[], crossref: readonly PaperMetadata[]): Candidate[] {
  const candidates: Candidate[] = arxiv.map((metadata, rank) => fromService(metadata, 'arxiv', rank))
  crossref.forEach((metadata, rank) => {
    const twin = candidates.find((c) => c.services[0] === 'arxiv' && c.services.length === 1 && samePaper(c.metadata, metadata))
    if (!twin) return void candidates.push(fromService(metadata, 'crossref', rank))
    twin.metadata = { ...twin.metadata, doi: twin.metadata.doi ?? metadata.doi, venue: twin.metadata.venue ?? metadata.venue }
    twin.services.push('crossref')
    twin.serviceRank = Math.min(twin.serviceRank, rank)
  })
  return candidates
}

function fromService(metadata: PaperMetadata, service: CandidateOrigin, rank: number): Candidate {
  return { metadata, title: metadata.title, abstract: metadata.abstract, authors: metadata.authors, services: [service], serviceRank: rank }
}

function samePaper(a: PaperMetadata, b: PaperMetadata): boolean {
  if (a.doi !== null && a.doi === b.doi) return true
  const near = a.year === null || b.year === null || Math.abs(a.year - b.year) <= 2
  return near && normalizeTitle(a.title) !== '' && normalizeTitle(a.title) === normalizeTitle(b.title)
}
