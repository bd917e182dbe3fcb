/**
 * The postings engine against the scan, its reference: seeded random libraries changed by random
 * edits, and random queries of every kind (one word, several, a phrase, a pasted sentence, typos,
 * prefixes, fields, filters, exclusions, OR), each asked of both. They must give the same entries,
 * scores, order, totals, corrections, missing words and snippets; a keystroke sequence too, as
 * browse asks it of one engine kept for the whole run. The postings are asked both built afresh and
 * as a save keeps them: the base built before the edits and a delta of what the edits changed.
 */
import { describe, expect, it } from 'vitest'
import type { Library, Paper, Summary } from '../../../src/core/model.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { LibrarySearch, type SearchResult } from '../../../src/core/search/search.js'
import { buildPostings, type Postings } from '../../../src/core/search/postings.js'
import { PostingsView } from '../../../src/core/search/postings-view.js'
import { compacted, deltaAfterChange, entriesBefore } from '../../../src/core/search/postings-delta.js'
import { PostingsSearch, snippetsOf, type RankedResult } from '../../../src/core/search/postings-search.js'
import { tieRanks } from '../../../src/core/search/order.js'
import { tokenize } from '../../../src/core/text/words.js'
import type { LastWord } from '../../../src/core/search/compile.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'

const WORDS = [
  'graph',
  'graphs',
  'graphing',
  'graphical',
  'network',
  'networks',
  'neural',
  'neuron',
  'attention',
  'attend',
  'transformer',
  'transformers',
  'message',
  'passing',
  'passes',
  'model',
  'models',
  'modal',
  'modelling',
  'study',
  'studies',
  'studying',
  'learning',
  'learn',
  'learned',
  'the',
  'of',
  'and',
  'a',
  'in',
  'on',
  'for',
  'with',
  'is',
  'to',
  'difference',
  'different',
  'vertex',
  'vertices',
  'matrix',
  'matrices',
  'energy',
  'Schrödinger',
  'Schro\u0308dinger',
  'Gödel',
  'Łukasz',
  'ﬁt',
  'eﬃcient',
  'efficient',
  'θ',
  '\\theta',
  '$\\alpha$',
  '\\varepsilon',
  'epsilon',
  '\\mathcal{GP}',
  'GPUs',
  'GP',
  '\\textbf{bold}',
  'bold',
  'self-attention',
  'one-child',
  'x_1',
  'O(n^2)',
  '$$E=mc^2$$',
  '![fig](a.png)',
  'tocopherol',
  'tocopheryl',
  'quantum',
  'quantization',
  'convolution',
  'convolutional',
  'recurrent',
  'diffusion',
  'diffusive',
  'embedding',
  'embeddings',
  'Café',
  'naïve',
  'naive',
  'Zürich',
  '2017',
  '3d',
  'lying',
  'happiness',
  'happy',
  'possibility',
  'possible',
  'Ωmega',
  'résumé',
]
const TAGS = ['ml', 'ml/gnn', 'ml/nlp', 'physics', 'math/logic', 'reading']
const VENUES = ['NeurIPS', 'ICML', 'Nature', 'Phys. Rev. Lett.', null]
const NAMES = ['Gilmer', 'Vaswani', 'Müller', 'Łukasz Kaiser', 'Schrödinger', 'Kingma', 'Ba']

type Random = () => number

const sentence = (random: Random, length: number) =>
  Array.from({ length }, () => pick(random, WORDS)).join(pick(random, [' ', ' ', ', ', '. ', '\n']))

function randomPaper(random: Random, key: string): Paper {
  return paper({
    key,
    title: sentence(random, 2 + Math.floor(random() * 6)),
    authors: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, NAMES)),
    year: random() < 0.1 ? null : 2000 + Math.floor(random() * 25),
    venue: pick(random, VENUES),
    arxiv: random() < 0.5 ? `17${Math.floor(random() * 90 + 10)}.0${Math.floor(random() * 9000 + 1000)}` : null,
    abstract: random() < 0.5 ? sentence(random, 5 + Math.floor(random() * 30)) : null,
    added: new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 60))).toISOString(),
    ...paperTags(random),
  })
}

/** A paper's own tags (README, Tags on a paper), on some papers: searched with its entries' tags. */
function paperTags(random: Random): { tags?: string[] } {
  const tags = random() < 0.2 ? TAGS.filter(() => random() < 0.4) : []
  return tags.length > 0 ? { tags } : {}
}

function randomSummary(random: Random, id: string, paperKey: string): Summary {
  const updated = random() < 0.2 ? 'yesterday' : new Date(Date.UTC(2024, 2, 1 + Math.floor(random() * 20))).toISOString()
  return summary({
    id,
    paper: paperKey,
    tags: TAGS.filter(() => random() < 0.25),
    body: sentence(random, 10 + Math.floor(random() * (random() < 0.1 ? 400 : 80))),
    updated,
  })
}

function randomLibrary(random: Random, size: number): Library {
  const papers = Array.from({ length: size }, (_, i) => randomPaper(random, `p${i}`))
  const summaries = papers.filter(() => random() < 0.8).map((p, i) => randomSummary(random, `s${i}-${p.key}`, p.key))
  return libraryOf(papers, summaries)
}

let serial = 0
/** One random edit: a summary added, a body rewritten, tags changed (a summary's or a paper's own), a paper removed. */
function edit(random: Random, library: Library): void {
  const choice = random()
  const target = library.summaries.length > 0 ? pick(random, library.summaries) : null
  if (choice < 0.3 || !target) {
    const p = randomPaper(random, `n${serial++}`)
    library.papers.push(p)
    if (random() < 0.8) library.summaries.push(randomSummary(random, `ns${serial++}`, p.key))
  } else if (choice < 0.6) target.body = sentence(random, 5 + Math.floor(random() * 60))
  else if (choice < 0.75) target.tags = TAGS.filter(() => random() < 0.3)
  else if (choice < 0.82) pick(random, library.papers).title = sentence(random, 1 + Math.floor(random() * 6))
  else if (choice < 0.88) {
    const tagged = pick(random, library.papers)
    delete tagged.tags
    Object.assign(tagged, paperTags(random))
  } else {
    const key = pick(random, library.papers).key
    library.papers = library.papers.filter((p) => p.key !== key)
    library.summaries = library.summaries.filter((s) => s.paper !== key)
  }
}

/** Words of the library as written, to build queries that find something. */
function libraryWords(library: Library): string[] {
  return library.summaries.flatMap((s) => tokenize(s.body).map((t) => s.body.slice(t.start, t.end)))
}

function typo(random: Random, word: string): string {
  if (word.length < 4) return word
  const at = 1 + Math.floor(random() * (word.length - 2))
  return random() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
}

function randomQuery(random: Random, library: Library): string {
  const words = libraryWords(library)
  const word = () => (words.length > 0 && random() < 0.8 ? pick(random, words) : pick(random, WORDS))
  const bodies = library.summaries.map((s) => s.body)
  const kind = Math.floor(random() * 12)
  switch (kind) {
    case 0:
      return word()
    case 1:
      return [word(), word(), word()].join(' ')
    case 2: {
      const body = bodies.length > 0 ? pick(random, bodies) : sentence(random, 5)
      const tokens = tokenize(body)
      const from = Math.floor(random() * Math.max(1, tokens.length - 3))
      return `"${tokens
        .slice(from, from + 2 + Math.floor(random() * 2))
        .map((t) => body.slice(t.start, t.end))
        .join(' ')}"`
    }
    case 3: {
      const body = bodies.length > 0 ? pick(random, bodies) : sentence(random, 20)
      const start = Math.floor(random() * Math.max(1, body.length - 80))
      return body.slice(start, start + 40 + Math.floor(random() * 60)).replace(/["():-]/g, ' ')
    }
    case 4:
      return typo(random, word())
    case 5:
      return word().slice(0, 3 + Math.floor(random() * 3))
    case 6:
      return `${pick(random, ['title', 'author', 'venue'])}:${pick(random, [...WORDS, ...NAMES, 'neurips', 'nature'])} ${word()}`
    case 7:
      return `${word()} tag:${pick(random, ['ml', 'physics', 'math', 'ml/gnn'])} year:>=${2005 + Math.floor(random() * 15)}`
    case 8:
      return `${word()} -${word()}`
    case 9:
      return `${word()} OR ${word()} ${pick(random, ['has:math', 'has:figure', 'has:no-metadata', 'id:s1', ''])}`
    case 10:
      return pick(random, ['has:math', 'tag:ml', 'year:2010..2020', 'id:p', ''])
    default:
      return `${typo(random, word())} ${word()} ${word()} ${word()}`
  }
}

/** The index engine's answer in the scan's shape (snippets from the bodies, as the search command reads them). */
function fromPostings(engine: PostingsSearch, library: Library, ranked: RankedResult, snippets: number): SearchResult {
  const full = libraryEntries(library)
  return {
    hits: ranked.hits.map((hit) => {
      const entry = full[hit.position]!
      const body = entry.summary ? entry.summary.body : (entry.paper.abstract ?? '')
      return { ...entry, score: hit.score, snippets: snippetsOf(body, ranked.patterns, snippets, 180), missing: hit.missing }
    }),
    total: ranked.total,
    corrections: ranked.corrections,
  }
}

function compare(
  library: Library,
  queries: string[],
  lastWord: LastWord,
  shared: boolean,
  seed: number,
  postings: () => Postings | PostingsView = () => buildPostings(libraryEntries(library)),
): void {
  const entries = libraryEntries(library)
  let scan = new LibrarySearch(entries)
  // Kept for every query, as browse keeps it, and prepared as browse prepares it (ties then ranked ahead);
  // else made for each, with the ranks of ties an index keeps (when every time is one precis writes).
  const made = () => new PostingsSearch(postings(), libraryEntries(library), shared ? null : tieRanks(entries))
  let index = made()
  if (shared) index.prepare()
  for (const text of queries) {
    if (!shared) {
      scan = new LibrarySearch(entries)
      index = made()
    }
    let query
    try {
      query = parseQuery(text, 'pasted')
    } catch {
      continue // a half-typed field value (`year:>=`): refused before any search
    }
    if (!PostingsSearch.answers(query)) continue
    const limit = pick(seeded(text.length + seed), [1, 5, 20, 50])
    const expected = scan.search(query, { limit, lastWord })
    const actual = fromPostings(index, library, index.rank(query, { limit, lastWord }), 2)
    const where = `seed ${seed}, query ${JSON.stringify(text)}, ${lastWord}`
    expect(
      actual.hits.map((h) => [h.id, h.score]),
      where,
    ).toEqual(expected.hits.map((h) => [h.id, h.score]))
    expect(actual, where).toEqual(expected)
  }
}

const SEED = seedFromEnv(20)

describe('search from postings gives what the scan gives', () => {
  for (let run = 0; run < 12; run++) {
    const seed = SEED * 1000 + run
    it(`random library, edits and queries (seed ${seed})`, () => {
      const random = seeded(seed)
      const library = randomLibrary(random, run === 0 ? 430 : 5 + Math.floor(random() * 60))
      // As saves keep them: one base, and after each step's edits a delta over it.
      const base = buildPostings(libraryEntries(library))
      let kept = new PostingsView(base)
      for (let step = 0; step < 4; step++) {
        const queries = Array.from({ length: 25 }, () => randomQuery(random, library))
        const lastWord = pick(random, ['whole', 'prefix', 'typing'] as const)
        compare(library, queries, lastWord, run % 2 === 0, seed)
        const segmented = kept
        compare(library, queries, lastWord, run % 2 === 0, seed, () => segmented)
        // And compacted into one base, as a search does when the delta has grown past its limit.
        if (step === 3) compare(library, queries, lastWord, run % 2 === 0, seed, () => compacted(segmented))
        const before = entriesBefore(libraryEntries(library))
        for (let edits = Math.floor(random() * 4); edits >= 0; edits--) edit(random, library)
        const delta = deltaAfterChange(base.count, kept.order, before, libraryEntries(library))
        expect(delta, `seed ${seed}: a delta within its limit`).not.toBeNull()
        kept = new PostingsView(base, delta)
      }
    })
  }

  it('ranks ties ahead (browse, prepared) as the scan orders them when every time is one precis writes', () => {
    for (let run = 0; run < 4; run++) {
      const random = seeded(SEED * 13 + run)
      const library = randomLibrary(random, 40 + Math.floor(random() * 120))
      // Day-precise times, many of them equal: the ties fall to the ids.
      for (const s of library.summaries) if (s.updated === 'yesterday') s.updated = new Date(Date.UTC(2024, 2, 3)).toISOString()
      const queries = Array.from({ length: 25 }, () => randomQuery(random, library))
      const text = randomQuery(random, library)
      const keystrokes = Array.from(text, (_, i) => text.slice(0, i + 1))
      compare(library, [...queries, ...keystrokes, ''], pick(random, ['whole', 'prefix', 'typing'] as const), true, SEED * 13 + run)
    }
  })

  it('answers a query typed key by key as browse asks it, one engine for the whole run', () => {
    const random = seeded(SEED * 7)
    const library = randomLibrary(random, 80)
    for (let run = 0; run < 6; run++) {
      const text = randomQuery(random, library)
      const keystrokes = Array.from(text, (_, i) => text.slice(0, i + 1))
      compare(library, keystrokes, 'typing', true, SEED * 7 + run)
    }
  })
})
