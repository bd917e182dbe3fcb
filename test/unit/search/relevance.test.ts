/**
 * The relevance set: queries over the fixture library (test/fixtures/search/library.json) with the
 * result a reader would expect first, or the set they would expect at the top, judged from the
 * summaries themselves. Each grammar feature, LaTeX, accents, typos and prefixes appear at least once.
 */
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../../src/core/search/query.js'
import { LibrarySearch } from '../../../src/core/search/search.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { searchFixture } from './fixture.js'

const search = new LibrarySearch(libraryEntries(searchFixture()))
const ids = (query: string, limit = 10) => search.search(parseQuery(query), { limit, lastWord: 'prefix' }).hits.map((hit) => hit.id)

describe('relevance: the expected summary comes first', () => {
  it.each([
    // words, phrases, plurals
    ['schrodinger', 'schrodinger1926undulatory'],
    ['double helix', 'watson1953molecular'],
    ['shortest paths', 'dijkstra1959note'],
    ['random surfer', 'page1999pagerank'],
    ['minimax discriminator', 'goodfellow2014generative'],
    ['kernel trick', 'cortes1995support'],
    ['temporal difference', 'sutton1988learning'],
    ['"three-body problem"', 'poincare1890probleme'],
    ['"master node"', 'gilmer2017neural-2'],
    ['Monte Carlo', 'hastings1970monte'], // in its title
    ['low-rank matrix', 'hu2022lora'], // "low-rank ... matrices"
    // accents, both ways
    ['Schrödinger equation', 'schrodinger1926undulatory'],
    ['Poincaré', 'poincare1890probleme'],
    ['poincare', 'poincare1890probleme'],
    ['erdos renyi', 'erdos1959random'],
    ['godel', 'godel1931formal'],
    // LaTeX read through, Unicode Greek as names, ligatures from PDFs
    ['GP', 'rasmussen2006gaussian'], // \mathcal{GP}, before GPUs and GPT-3
    ['gp kernel', 'rasmussen2006gaussian'],
    ['\\Sigma covariance', 'rasmussen2006gaussian'],
    ['epsilon reparameterization', 'kingma2014auto'], // \varepsilon
    ['lambda', 'sutton1988learning'], // TD(λ), three times
    ['efficient fine-tuning', 'hu2022lora'], // "eﬃcient ﬁne-tuning"
    // typos (one edit in a word of 5+ letters)
    ['schrodnger', 'schrodinger1926undulatory'],
    ['helxi', 'watson1953molecular'],
    ['temporal diffrence', 'sutton1988learning'],
    // prefixes (the last word)
    ['lotter', 'frankle2019lottery'],
    ['distil', 'hinton2015distilling'],
    ['graph atten', 'velickovic2018graph'],
    // fields
    ['author:hochreiter', 'hochreiter1997long'],
    ['title:"graph attention"', 'velickovic2018graph'],
    ['venue:nature year:<=1960', 'watson1953molecular'],
    ['tag:ml/rl policy gradient', 'williams1992simple'],
    ['has:figure residual', 'he2016deep'],
    ['options pricing', 'black1973pricing'],
    ['year:2020 tag:ml/rl', 'oh2020discovering'],
    ['tag:thesis', 'gilmer2017neural-2'], // thesis/ch2
    // exclusion
    ['transformer -attention', 'devlin2019bert'],
    // a paper without a summary, found by its title and abstract
    ['inductive graphsage', 'hamilton2017inductive'],
  ])('%s → %s', (query, expected) => {
    expect(ids(query)[0]).toBe(expected)
  })
})

describe('relevance: the expected set is at the top', () => {
  it.each([
    ['message passing', ['gilmer2017neural', 'gilmer2017neural-2']],
    ['"message passing" quantum', ['gilmer2017neural', 'gilmer2017neural-2']],
    ['attention', ['vaswani2017attention', 'vaswani2017attention-2', 'velickovic2018graph']],
    ['transformers', ['vaswani2017attention', 'devlin2019bert']],
    ['tranformer', ['vaswani2017attention', 'devlin2019bert']],
    ['author:lukasz', ['vaswani2017attention', 'vaswani2017attention-2']], // Łukasz Kaiser
    ['tag:physics -tag:physics/quantum chaos', ['lorenz1963deterministic', 'poincare1890probleme']],
    ['year:1950..1960 graphs', ['erdos1959random', 'dijkstra1959note']],
    ['dropout OR normalization', ['srivastava2014dropout', 'ioffe2015batch']],
    ['studies', ['kahneman1979prospect', 'mackay1992practical']],
    ['backpropagation', ['mackay1992practical', 'rumelhart1986learning']],
    ['graph neural network', ['zhou2018graph', 'kipf2017semi']], // the phrase, before scattered words
  ])('%s → %j', (query, expected) => {
    expect(new Set(ids(query).slice(0, expected.length))).toEqual(new Set(expected))
  })
})

describe('relevance: what must not be found', () => {
  it.each([
    ['has:math options pricing'], // "$50 ... $55" is money, not math
    ['transformer -attention vaswani'],
    ['title:helix year:>=2000'],
    ['venue:neurips tag:ml/gnn'],
  ])('%s finds nothing', (query) => {
    expect(ids(query)).toEqual([])
  })

  it('an exclusion removes every entry with the word', () => {
    expect(ids('transformer', 20)).toContain('vaswani2017attention')
    expect(ids('transformer -attention', 20)).not.toContain('vaswani2017attention')
  })
})

describe('ranking rules', () => {
  it('breaks ties by the newest update', () => {
    expect(ids('id:gilmer')).toEqual(['gilmer2017neural-2', 'gilmer2017neural'])
  })

  it('a word in the title outranks the same word in a body', () => {
    // "Graph Attention Networks" (title) before summaries that mention attention once.
    expect(ids('attention').slice(0, 3)).toContain('velickovic2018graph')
    expect(ids('attention').indexOf('jumper2021highly')).toBeGreaterThan(2)
  })

  it('scores are positive and sorted', () => {
    const { hits, total } = search.search(parseQuery('graph'), { limit: 50 })
    expect(total).toBe(hits.length)
    expect(hits.length).toBeGreaterThan(5)
    for (const [i, hit] of hits.entries()) {
      expect(hit.score).toBeGreaterThan(0)
      if (i > 0) expect(hit.score).toBeLessThanOrEqual(hits[i - 1]!.score)
    }
  })
})
