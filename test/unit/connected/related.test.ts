import { describe, expect, it } from 'vitest'
import { describeReasons, relatedPapers } from '../../../src/core/related/related.js'
import { PaperTable } from '../../../src/core/related/paper-table.js'
import {
  characteristicTerms,
  documentFrequencies,
  similarityTerms,
  termFrequencies,
  textSimilarity,
} from '../../../src/core/related/text.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'
import { tagPath } from '../../../src/core/tags/counts.js'
import { connectedLibrary } from './fixture.js'

const keys = (key: string) => relatedPapers(connectedLibrary(), key, 10).map((r) => r.paper.key)

describe('relatedPapers on the connected fixture', () => {
  it.each([
    // velickovic cites kipf and shares its tags and words; gilmer shares gnn and cites kipf too.
    ['velickovic2018graph', ['kipf2017semi', 'gilmer2017neural', 'vaswani2017attention']],
    ['kipf2017semi', ['velickovic2018graph', 'gilmer2017neural']],
    ['gilmer2017neural', ['kipf2017semi', 'velickovic2018graph']],
    ['snoek2012practical', ['rasmussen2004gaussian', 'vaswani2017attention']],
    ['rasmussen2004gaussian', ['snoek2012practical']],
  ])('%s: the papers known to be related come first, in order', (key, expected) => {
    expect(keys(key).slice(0, expected.length).sort()).toEqual([...expected].sort())
    expect(keys(key)[0]).toBe(expected[0])
  })

  it('never lists the paper itself, and lists nothing unrelated', () => {
    for (const paper of connectedLibrary().papers) {
      const found = keys(paper.key)
      expect(found).not.toContain(paper.key)
      if (paper.key.startsWith('rasmussen')) expect(found).not.toContain('kipf2017semi')
    }
  })

  it('says why, naming the most specific shared tags, the citations and shared words', () => {
    const [first] = relatedPapers(connectedLibrary(), 'velickovic2018graph', 1)
    expect(first!.reasons).toMatchObject({ tags: ['gnn', 'ml/graphs'], cites: false, citedBy: true, bothCite: [] })
    expect(first!.reasons.words).toEqual(expect.arrayContaining(['graph', 'message']))
    expect(describeReasons(first!.reasons, 'velickovic2018graph')).toMatch(
      /^shares tags gnn, ml\/graphs; cited by velickovic2018graph; similar text: (graph|message|average)(, (graph|message|average)){2}$/,
    )
  })

  it('finds papers that both cite the same paper', () => {
    const gilmer = relatedPapers(connectedLibrary(), 'gilmer2017neural', 10).find((r) => r.paper.key === 'velickovic2018graph')!
    expect(gilmer.reasons.bothCite).toEqual(['kipf2017semi'])
  })

  it('finds a paper not yet summarised by its title', () => {
    const lib = connectedLibrary()
    const found = relatedPapers(lib, 'devlin2019bert', 10)
    expect(found.map((r) => r.paper.key)).toEqual(['vaswani2017attention'])
    expect(found[0]!.reasons.words).toEqual(['transformer'])
  })

  it('scores between 0 and 1, best first, and honours the limit', () => {
    const all = relatedPapers(connectedLibrary(), 'velickovic2018graph', 10)
    expect(all.every((r) => r.score > 0 && r.score <= 1)).toBe(true)
    expect(all.map((r) => r.score)).toEqual([...all.map((r) => r.score)].sort((a, b) => b - a))
    expect(relatedPapers(connectedLibrary(), 'velickovic2018graph', 2)).toHaveLength(2)
  })

  it('ranks a rare shared tag above a common one', () => {
    const lib = connectedLibrary()
    lib.papers.push(paper({ key: 'a', title: 'Alpha' }), paper({ key: 'b', title: 'Beta' }), paper({ key: 'c', title: 'Gamma' }))
    lib.summaries.push(
      summary({ id: 'a', paper: 'a', body: 'x', tags: ['rare', 'gnn'] }),
      summary({ id: 'b', paper: 'b', body: 'y', tags: ['rare'] }),
      summary({ id: 'c', paper: 'c', body: 'z', tags: ['gnn'] }),
    )
    const found = relatedPapers(lib, 'a', 10).map((r) => r.paper.key)
    expect(found.slice(0, 2)).toEqual(['b', 'c'])
  })
})

describe('the tag signal', () => {
  const TAGS = ['ml', 'ml/gnn', 'ml/gnn/attention', 'ml/rl', 'stats', 'stats/bayes', 'todo', 'physics/quantum', 'reading-group']

  /** Each paper's tags and every parent of one, in the order related meets them: its own, then each summary's. */
  const tagSets = (lib: ReturnType<typeof libraryOf>) =>
    lib.papers.map((p) => {
      const lists = [p.tags ?? [], ...lib.summaries.filter((s) => s.paper === p.key).map((s) => s.tags)]
      return new Set(lists.flatMap((list) => list.flatMap(tagPath)))
    })

  it('scores every paper as the weighted Jaccard of the tag sets, to the bit, best first, on seeded random libraries', () => {
    const seed = seedFromEnv(20)
    for (let round = 0; round < 20; round++) {
      const random = seeded(seed + round)
      const tags = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(random, TAGS))
      const count = 5 + Math.floor(random() * 40)
      // No words of three letters and no citations: the score is the tag signal's alone. Keys in the
      // reverse of library order: a tie is broken by the key, never by which paper came first.
      const papers = Array.from({ length: count }, (_, i) =>
        paper({ key: `p${String(count - i).padStart(3, '0')}`, title: 'x', ...(random() < 0.3 && { tags: tags() }) }),
      )
      const summaries = papers.flatMap((p) =>
        Array.from({ length: Math.floor(random() * 3) }, (_, k) =>
          summary({ id: `${p.key}-${k}`, paper: p.key, body: 'x y', tags: tags() }),
        ),
      )
      const lib = libraryOf(papers, summaries)
      const sets = tagSets(lib)
      const having = new Map<string, number>()
      for (const set of sets) for (const tag of set) having.set(tag, (having.get(tag) ?? 0) + 1)
      const weight = (tag: string) => Math.log(1 + count / having.get(tag)!)
      const target = Math.floor(random() * count)
      const expected = new Map<string, number>()
      sets.forEach((set, p) => {
        if (p === target) return
        let [shared, union] = [0, 0]
        for (const tag of new Set([...sets[target]!, ...set])) {
          union += weight(tag)
          if (sets[target]!.has(tag) && set.has(tag)) shared += weight(tag)
        }
        const score = 0.3 * (union > 0 ? shared / union : 0)
        if (score >= 0.05) expected.set(papers[p]!.key, score)
      })
      // Best first, ties (papers with the same tags) by key; at most `limit` of them.
      const ranked = [...expected].sort(([a, s], [b, t]) => t - s || (a < b ? -1 : 1))
      for (const limit of [count, 1 + Math.floor(random() * 5), 0]) {
        const found = relatedPapers(lib, papers[target]!.key, limit)
        expect(
          found.map((r) => [r.paper.key, r.score]),
          `seed ${seed + round}, limit ${limit}`,
        ).toEqual(ranked.slice(0, limit))
      }
    }
  })
})

/** characteristicTerms with the document frequencies counted over `sample`, texts read whole. */
function termsOf(text: string, sample: string[], count: number, exhaustive: boolean) {
  const tf = termFrequencies(text)
  const df = documentFrequencies(sample.map((other) => new Set(similarityTerms(other).filter((term) => tf.has(term)))))
  return characteristicTerms(tf, df, sample.length, count, exhaustive)
}

describe('text similarity', () => {
  it.each([
    ['The networks of the graph, with 2017 and $x$', ['network', 'graph']],
    ['Schrödinger’s equations', ['schrodinger', 'equation']],
    ['\\mathcal{GP} kernels', ['kernel']],
  ])('similarityTerms(%j) = %j', (text, expected) => {
    expect(similarityTerms(text)).toEqual(expected)
  })

  it('picks words frequent in the text and rare elsewhere, leaving out words nothing else uses', () => {
    const terms = termsOf('graph graph graph kernel unique', ['a graph here', 'a kernel there', 'a graph again', 'more words'], 5, true)
    expect(terms.map((t) => t.term)).toEqual(['graph', 'kernel'])
  })

  it('scores texts by the words relative to the text they came from, accents and plurals folded', () => {
    const texts = new Map([
      ['self', 'Schrödinger equations for graphs'],
      ['same', 'schrodinger equation on a graph'],
      ['half', 'a graph only, and a long text around it that goes on for a while'],
      ['none', 'nothing in common'],
    ])
    const terms = termsOf(texts.get('self')!, [...texts.values()].slice(1), 5, true)
    const scores = textSimilarity(texts, terms, 'self')
    expect([...scores.keys()].sort()).toEqual(['half', 'same'])
    expect(scores.get('same')!).toBeGreaterThan(scores.get('half')!)
    expect(scores.get('same')!).toBeLessThanOrEqual(1)
  })
})

describe('PaperTable', () => {
  const lib = {
    papers: [paper({ key: 'a' }), paper({ key: 'b' }), paper({ key: 'c' })],
    summaries: [
      summary({ id: 'a-1', paper: 'a' }),
      summary({ id: 'x-1', paper: 'x' }), // of a paper not in the library
      summary({ id: 'c-1', paper: 'c' }),
      summary({ id: 'a-2', paper: 'a' }),
    ],
    citedKeys: [],
  }
  /** Each paper's summaries as the table groups them. */
  const grouped = (table: PaperTable) =>
    Array.from({ length: table.count }, (_, p) => Array.from(table.summaryAt.subarray(table.first[p], table.first[p + 1])))

  it.each([
    ['the entries an index keeps', [0, 0, 2, 2, 3, 0, -1, 1]],
    ['kept entries pairing a summary with another paper', [0, 1, 2, 2, 3, 0, -1, 1]],
    ['kept entries naming a summary twice', [0, 0, 0, 0, 3, 0, -1, 1]],
    ['kept entries out of range', [9, 0, 2, 2, 3, 0, -1, 1]],
  ])('groups the summaries by paper from %s as from their keys', (_, pairs) => {
    const expected = [[0, 3], [], [2]]
    expect(grouped(new PaperTable(lib))).toEqual(expected)
    const table = new PaperTable({ ...lib, entryPlaces: () => pairs })
    expect(grouped(table)).toEqual(expected)
    expect(['a', 'b', 'c', 'x'].map((key) => table.indexOf(key))).toEqual([0, 1, 2, -1])
  })
})
