/**
 * Seeded random libraries, edits and queries for the property tests that hold one search engine to
 * another. The words have stems, stop words, accents (composed and not), ligatures, LaTeX, markdown
 * and numbers; summaries are short, long and very long; papers have arXiv ids or not, abstracts or not,
 * tags of their own or not (an empty list too, which a hand edit may leave); some times do not parse.
 * The edits are those saves make: a paper added (with or without a summary), a body rewritten, a
 * summary's tags, a paper's title or own tags changed, a paper removed with its summaries. A query is
 * one of the kinds a test lists: the common ones here, and its own composed from QueryParts.
 */
import { expect } from 'vitest'
import type { Library, Paper, Summary } from '../../src/core/model.js'
import { libraryEntries } from '../../src/core/records/entries.js'
import { buildPostings } from '../../src/core/search/postings.js'
import { deltaAfterChange, entriesBefore } from '../../src/core/search/postings-delta.js'
import { PostingsView, type PostingsDelta } from '../../src/core/search/postings-view.js'
import { tokenize } from '../../src/core/text/words.js'
import { libraryOf, paper, summary } from './library.js'
import { pick, type Random } from './random.js'

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

/** `length` words of WORDS, joined by spaces, commas, full stops or new lines. */
const sentence = (random: Random, length: number): string =>
  Array.from({ length }, () => pick(random, WORDS)).join(pick(random, [' ', ' ', ', ', '. ', '\n']))

function randomPaper(random: Random, key: string): Paper {
  return paper({
    key,
    title: sentence(random, 1 + Math.floor(random() * 7)),
    authors: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, NAMES)),
    year: random() < 0.1 ? null : 2000 + Math.floor(random() * 25),
    venue: pick(random, VENUES),
    arxiv: random() < 0.5 ? `17${Math.floor(random() * 90 + 10)}.0${Math.floor(random() * 9000 + 1000)}` : null,
    abstract: random() < 0.5 ? sentence(random, 3 + Math.floor(random() * 32)) : null,
    added: new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 60))).toISOString(),
    ...paperTags(random),
  })
}

/** A paper's own tags (README, Tags on a paper), on some papers: searched with its entries' tags. An empty list too, as a hand edit may leave. */
function paperTags(random: Random): { tags?: string[] } {
  if (random() >= 0.2) return {}
  return { tags: random() < 0.15 ? [] : TAGS.filter(() => random() < 0.4) }
}

function randomSummary(random: Random, id: string, paperKey: string): Summary {
  const updated = random() < 0.2 ? 'yesterday' : new Date(Date.UTC(2024, 2, 1 + Math.floor(random() * 20))).toISOString()
  return summary({
    id,
    paper: paperKey,
    tags: TAGS.filter(() => random() < 0.25),
    body: sentence(random, 3 + Math.floor(random() * (random() < 0.1 ? 407 : 87))),
    updated,
  })
}

/** `size` papers, most with a summary. */
export function randomLibrary(random: Random, size: number): Library {
  const papers = Array.from({ length: size }, (_, i) => randomPaper(random, `p${i}`))
  const summaries = papers.filter(() => random() < 0.8).map((p, i) => randomSummary(random, `s${i}-${p.key}`, p.key))
  return libraryOf(papers, summaries)
}

/** How many records edits have added to each library: the keys depend on the library alone, so a failing seed repeats run by itself. */
const added = new WeakMap<Library, number>()

/** One random edit: a summary added, a body rewritten, tags changed (a summary's or a paper's own), a title changed, a paper removed. */
export function randomEdit(random: Random, library: Library): void {
  const choice = random()
  const target = library.summaries.length > 0 ? pick(random, library.summaries) : null
  if (choice < 0.35 || !target) {
    const serial = added.get(library) ?? 0
    added.set(library, serial + 2)
    const p = randomPaper(random, `n${serial}`)
    library.papers.push(p)
    if (random() < 0.8) library.summaries.push(randomSummary(random, `ns${serial + 1}`, p.key))
  } else if (choice < 0.65) target.body = sentence(random, 3 + Math.floor(random() * 62))
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

/**
 * `library` through `saves` saves of one to four random edits each, its postings kept as saves keep
 * them: the base built before any edit, and after each save a delta of all that changed since.
 * `check` sees each state before its save's edits: which save, and the postings so kept.
 */
export function throughSaves(random: Random, library: Library, saves: number, check: (kept: PostingsView, save: number) => void): void {
  const base = buildPostings(libraryEntries(library))
  let kept = new PostingsView(base)
  let previous: PostingsDelta | null = null
  for (let save = 0; save < saves; save++) {
    check(kept, save)
    const before = entriesBefore(libraryEntries(library))
    for (let edits = Math.floor(random() * 4); edits >= 0; edits--) randomEdit(random, library)
    // The words of the entries the delta held taken from it, as a save takes them.
    previous = deltaAfterChange(base.count, kept.order, before, libraryEntries(library), previous?.postings)
    expect(previous, 'a delta within its limit').not.toBeNull()
    kept = new PostingsView(base, previous)
  }
}

/** `word` with one inner letter dropped or two swapped (short words as they are). */
export function typo(random: Random, word: string): string {
  if (word.length < 4) return word
  const at = 1 + Math.floor(random() * (word.length - 2))
  return random() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
}

/** What a kind of query is made of. */
export interface QueryParts {
  /** The generator the query draws from. */
  readonly random: Random
  /** Mostly a word of the library's bodies as written (so the query finds something), else one of WORDS. */
  readonly word: () => string
  /** A summary's body, or a sentence of `length` words when the library has none. */
  readonly body: (length: number) => string
}

/** One kind of query, made from the library's parts. */
export type QueryKind = (parts: QueryParts) => string

/** The kinds of query both engines' tests ask: words, a phrase, a typo, a field, an exclusion, OR. */
export const COMMON_QUERIES: readonly QueryKind[] = [
  ({ word }) => word(),
  ({ word }) => [word(), word(), word()].join(' '),
  ({ random, body: bodyOf }) => {
    const body = bodyOf(5)
    const tokens = tokenize(body)
    const from = Math.floor(random() * Math.max(1, tokens.length - 3))
    return `"${tokens
      .slice(from, from + 2 + Math.floor(random() * 2))
      .map((t) => body.slice(t.start, t.end))
      .join(' ')}"`
  },
  ({ random, word }) => typo(random, word()),
  ({ random, word }) =>
    `${pick(random, ['title', 'author', 'venue'])}:${pick(random, [...WORDS, ...NAMES, 'neurips', 'nature'])} ${pick(random, ['', word()])}`,
  ({ word }) => `${word()} -${word()}`,
  ({ random, word }) => `${word()} OR ${word()} ${pick(random, ['has:math', 'has:figure', 'has:no-metadata', 'id:s1', ''])}`,
]

/**
 * Queries of one of `kinds` (each chosen by the `random` it is given) about `library` as it is now:
 * its bodies' words are read once here, not for every query (reading them took most of a property
 * test's time); make another after the library is edited.
 */
export function queriesAbout(library: Library, kinds: readonly QueryKind[]): (random: Random) => string {
  const words = library.summaries.flatMap((s) => tokenize(s.body).map((t) => s.body.slice(t.start, t.end)))
  const bodies = library.summaries.map((s) => s.body)
  return (random) => {
    const kind = pick(random, kinds)
    return kind({
      random,
      word: () => (words.length > 0 && random() < 0.8 ? pick(random, words) : pick(random, WORDS)),
      body: (length) => (bodies.length > 0 ? pick(random, bodies) : sentence(random, length)),
    })
  }
}
