/**
 * `export <words>` filters only the entries the postings say may match (PostingsSearch.mayMatch),
 * a part at a time, with the whole library's typo corrections. Held to the filter of the whole
 * library (LibrarySearch.filter) over seeded random libraries, edited (postings as a base and a
 * delta, as saves keep them), and random queries of every kind the grammar has: words, several,
 * phrases, typos (corrected only against the whole library), fields, negations, OR, stop words,
 * filters, and queries any entry may match. The candidates must hold every match, and the parts
 * filtered (less the entries the query's clauses on the outline leave out) must give exactly the matches.
 */
import { describe, expect, it } from 'vitest'
import type { Library, Paper, Summary } from '../../../src/core/model.js'
import { libraryEntries, type Entry } from '../../../src/core/records/entries.js'
import { parseQuery, type Query } from '../../../src/core/search/query.js'
import { LibrarySearch } from '../../../src/core/search/search.js'
import { buildPostings } from '../../../src/core/search/postings.js'
import { PostingsView } from '../../../src/core/search/postings-view.js'
import { deltaAfterChange, entriesBefore } from '../../../src/core/search/postings-delta.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { outlineClauses } from '../../../src/core/search/outline-filter.js'
import { tokenize } from '../../../src/core/text/words.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'

const WORDS = [
  'graph',
  'graphs',
  'graphical',
  'network',
  'networks',
  'neural',
  'attention',
  'transformer',
  'transformers',
  'message',
  'passing',
  'model',
  'models',
  'modal',
  'study',
  'studies',
  'learning',
  'the',
  'of',
  'and',
  'a',
  'in',
  'difference',
  'different',
  'vertex',
  'vertices',
  'matrix',
  'Schrödinger',
  'Gödel',
  'eﬃcient',
  'efficient',
  '\\theta',
  '$\\alpha$',
  'self-attention',
  'tocopherol',
  'tocopheryl',
  'quantum',
  'quantization',
  'convolution',
  'diffusion',
  'Café',
  'naïve',
  'naive',
  '2017',
  'happiness',
  'possibility',
]
const TAGS = ['ml', 'ml/gnn', 'physics', 'math/logic']
const VENUES = ['NeurIPS', 'Nature', 'Phys. Rev. Lett.', null]
const NAMES = ['Gilmer', 'Vaswani', 'Müller', 'Łukasz Kaiser', 'Kingma']

type Random = () => number

const sentence = (random: Random, length: number) =>
  Array.from({ length }, () => pick(random, WORDS)).join(pick(random, [' ', ', ', '. ', '\n']))

function randomPaper(random: Random, key: string): Paper {
  return paper({
    key,
    title: sentence(random, 1 + Math.floor(random() * 5)),
    authors: Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(random, NAMES)),
    year: random() < 0.1 ? null : 2000 + Math.floor(random() * 25),
    venue: pick(random, VENUES),
    abstract: random() < 0.5 ? sentence(random, 3 + Math.floor(random() * 20)) : null,
    ...(random() < 0.2 ? { tags: TAGS.filter(() => random() < 0.4) } : {}),
  })
}

function randomSummary(random: Random, id: string, paperKey: string): Summary {
  return summary({ id, paper: paperKey, tags: TAGS.filter(() => random() < 0.25), body: sentence(random, 3 + Math.floor(random() * 40)) })
}

function randomLibrary(random: Random, size: number): Library {
  const papers = Array.from({ length: size }, (_, i) => randomPaper(random, `p${i}`))
  const summaries = papers.filter(() => random() < 0.8).map((p, i) => randomSummary(random, `s${i}-${p.key}`, p.key))
  return libraryOf(papers, summaries)
}

let serial = 0
function edit(random: Random, library: Library): void {
  const target = library.summaries.length > 0 ? pick(random, library.summaries) : null
  const choice = random()
  if (choice < 0.4 || !target) {
    const p = randomPaper(random, `n${serial++}`)
    library.papers.push(p)
    if (random() < 0.8) library.summaries.push(randomSummary(random, `ns${serial++}`, p.key))
  } else if (choice < 0.8) target.body = sentence(random, 3 + Math.floor(random() * 30))
  else {
    const key = pick(random, library.papers).key
    library.papers = library.papers.filter((p) => p.key !== key)
    library.summaries = library.summaries.filter((s) => s.paper !== key)
  }
}

function typo(random: Random, word: string): string {
  if (word.length < 4) return word
  const at = 1 + Math.floor(random() * (word.length - 2))
  return random() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
}

function randomQuery(random: Random, library: Library): string {
  const written = library.summaries.flatMap((s) => tokenize(s.body).map((t) => s.body.slice(t.start, t.end)))
  const word = () => (written.length > 0 && random() < 0.8 ? pick(random, written) : pick(random, WORDS))
  const bodies = library.summaries.map((s) => s.body)
  switch (Math.floor(random() * 11)) {
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
    case 3:
      return typo(random, word())
    case 4:
      return `${typo(random, word())} ${pick(random, ['', 'tag:ml', '-' + word()])}`
    case 5:
      return `${pick(random, ['title', 'author', 'venue'])}:${pick(random, [...WORDS, ...NAMES, 'nature'])} ${pick(random, ['', word()])}`
    case 6:
      return `${word()} -${word()}`
    case 7:
      return `-${word()} ${pick(random, ['', 'tag:ml', 'year:>=2010', '-' + word()])}`
    case 8:
      return `${word()} OR ${word()} ${pick(random, ['has:math', 'has:figure', 'has:no-metadata', 'id:s1', ''])}`
    case 9:
      return `${word()} OR -${word()}`
    default:
      return `${pick(random, ['the', 'of the', 'a'])} ${word()} ${pick(random, ['tag:physics', 'state:unread', ''])}`
  }
}

/** What export does: the candidates the outline's clauses keep read a part at a time (here `part` entries), each part filtered with the library's corrections. */
function filteredInParts(entries: readonly Entry[], engine: PostingsSearch, query: Query, part: number): number[] {
  const { positions, corrections } = engine.mayMatch(query)
  const test = outlineClauses(query)
  const candidates = (positions ?? entries.map((_, i) => i)).filter((at) => !test || test(entries[at]!))
  const found: number[] = []
  for (let from = 0; from < candidates.length; from += part) {
    const chunk = candidates.slice(from, from + part)
    const told = chunk.map((at) => ({ ...entries[at]! })) // other objects, as records read where they lie are
    const at = new Map(told.map((entry, i) => [entry as Entry, chunk[i]!]))
    for (const entry of new LibrarySearch(told).filter(query, corrections)) found.push(at.get(entry)!)
  }
  return found
}

function check(library: Library, postings: () => PostingsView, queries: readonly string[], seed: number): void {
  const entries = libraryEntries(library)
  const whole = new LibrarySearch(entries)
  for (const text of queries) {
    let query
    try {
      query = parseQuery(text)
    } catch {
      continue // a field value the grammar refuses: refused before any filter
    }
    if (!PostingsSearch.answers(query)) continue
    const where = `seed ${seed}, query ${JSON.stringify(text)}`
    const expected = whole.filter(query).map((entry) => entries.indexOf(entry))
    const engine = new PostingsSearch(postings(), libraryEntries(library))
    const { positions } = engine.mayMatch(query)
    if (positions) {
      const candidates = new Set(positions)
      expect(
        expected.filter((at) => !candidates.has(at)),
        `${where}: matches that are not candidates`,
      ).toEqual([])
      expect(
        [...positions].sort((a, b) => a - b),
        where,
      ).toEqual(positions) // in library order
    }
    const part = 1 + Math.floor(seeded(seed + text.length)() * 40)
    expect(filteredInParts(entries, new PostingsSearch(postings(), libraryEntries(library)), query, part), where).toEqual(expected)
  }
}

const SEED = seedFromEnv(30)

describe('the candidates of a filter from the postings', () => {
  for (let run = 0; run < 10; run++) {
    const seed = SEED * 1000 + run
    it(`hold every match of the whole library's filter, which parts of them give (seed ${seed})`, () => {
      const random = seeded(seed)
      const library = randomLibrary(random, run === 0 ? 300 : 5 + Math.floor(random() * 80))
      const base = buildPostings(libraryEntries(library))
      let kept = new PostingsView(base)
      for (let step = 0; step < 3; step++) {
        const queries = Array.from({ length: 30 }, () => randomQuery(random, library))
        check(library, () => new PostingsView(buildPostings(libraryEntries(library))), queries, seed)
        const current = kept
        check(library, () => current, queries, seed)
        const before = entriesBefore(libraryEntries(library))
        for (let edits = Math.floor(random() * 4); edits >= 0; edits--) edit(random, library)
        const delta = deltaAfterChange(base.count, kept.order, before, libraryEntries(library))
        expect(delta, `seed ${seed}: a delta within its limit`).not.toBeNull()
        kept = new PostingsView(base, delta)
      }
    })
  }

  it('corrects a typo as the whole library does, not as the part filtered would', () => {
    const library = libraryOf(
      [paper({ key: 'a', title: 'One' }), paper({ key: 'b', title: 'Two' })],
      [summary({ id: 'sa', paper: 'a', body: 'quantum things' }), summary({ id: 'sb', paper: 'b', body: 'a quantim word' })],
    )
    const entries = libraryEntries(library)
    const engine = new PostingsSearch(buildPostings(entries), entries)
    const query = parseQuery('quantim')
    const { positions, corrections } = engine.mayMatch(query)
    expect(positions).toEqual([1])
    // The library has the word: not a typo. The first entry alone lacks it, and alone would take it for one of `quantum`.
    expect(new LibrarySearch([entries[0]!]).filter(query)).toEqual([entries[0]])
    expect(new LibrarySearch([entries[0]!]).filter(query, corrections)).toEqual([])
    expect(new LibrarySearch(entries).filter(query)).toEqual([entries[1]])
    expect(engine.mayMatch(parseQuery('-quantum')).positions).toBeNull()
  })
})
