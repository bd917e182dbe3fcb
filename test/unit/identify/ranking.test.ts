import { describe, expect, it } from 'vitest'
import { namesAnAuthor, rankCandidates } from '../../../src/core/identify/rank.js'
import { queryWords } from '../../../src/core/identify/words.js'
import { parseArxivSearch } from '../../../src/sources/arxiv-search.js'
import { mergeCandidates } from '../../../src/sources/candidates.js'
import { parseCrossrefWorks } from '../../../src/sources/crossref.js'
import { IDENTIFY_CASES } from './identify-fixtures.js'

describe('the five summaries of a real ShortScience page', () => {
  it.each(IDENTIFY_CASES)(
    '$name: the words hold "$marker" and the right paper ranks first',
    ({ summary, marker, arxivXml, crossrefJson, expected }) => {
      expect(queryWords(summary)).toContain(marker)
      const candidates = mergeCandidates(parseArxivSearch(arxivXml, 10), parseCrossrefWorks(crossrefJson, 10))
      const [first] = rankCandidates(summary, candidates)
      expect(first!.candidate.metadata).toMatchObject(expected.arxiv ? { arxiv: expected.arxiv } : { doi: expected.doi })
    },
  )
})

const candidate = (title: string, abstract: string | null, authors: string[], serviceRank: number) => ({
  title,
  abstract,
  authors,
  serviceRank,
})

describe('rankCandidates', () => {
  it("puts the paper whose text is closest to the summary above the services' first answer", () => {
    const ranked = rankCandidates(
      'We study message passing on molecules: messages between atoms predict quantum properties of molecules.',
      [
        candidate('A survey of graph kernels', 'Kernels on graphs compare graphs by substructures.', ['Ann Other'], 0),
        candidate(
          'Neural message passing for quantum chemistry',
          'Messages between atoms of molecules predict quantum properties.',
          ['Justin Gilmer'],
          1,
        ),
      ],
    )
    expect(ranked.map((r) => r.candidate.title)).toEqual(['Neural message passing for quantum chemistry', 'A survey of graph kernels'])
    expect(ranked[0]!.similarity).toBeGreaterThan(ranked[1]!.similarity)
  })

  it("keeps the services' order between candidates the text cannot tell apart", () => {
    const ranked = rankCandidates('Nothing in common here.', [candidate('Alpha', null, [], 1), candidate('Beta', null, [], 0)])
    expect(ranked.map((r) => r.candidate.title)).toEqual(['Beta', 'Alpha'])
  })

  it('prefers a paper by an author the summary names', () => {
    const ranked = rankCandidates('In this tutorial, Carl E. Rasmussen introduces Gaussian processes.', [
      candidate('Gaussian processes: a tutorial', null, ['Jie Wang'], 0),
      candidate('Gaussian processes in machine learning', null, ['Carl Edward Rasmussen'], 1),
    ])
    expect(ranked[0]!.authorNamed).toBe(true)
    expect(ranked[0]!.candidate.authors).toEqual(['Carl Edward Rasmussen'])
  })

  it('returns nothing for no candidates', () => {
    expect(rankCandidates('text', [])).toEqual([])
  })
})

describe('namesAnAuthor', () => {
  it.each([
    ['Carl E. Rasmussen gives an introduction', ['Carl Edward Rasmussen'], true],
    ['as Rasmussen-style kernels show', ['Carl Edward Rasmussen'], true],
    ['the Rasmussens went home', ['Carl Edward Rasmussen'], false],
    ['lee and li are words here', ['Kenton Lee'], false],
    ['Lee et al. show', ['Kenton Lee'], true],
    ['short names like Li are ignored', ['Yujia Li'], false],
    ['van Hasselt and Silver', ['Hado van Hasselt'], true],
    ['no authors', [], false],
  ])('%s (%j) → %s', (text, authors, expected) => {
    expect(namesAnAuthor(text, authors)).toBe(expected)
  })
})
