// Random libraries for `related`: tags and parents, paper tags, papers without summaries (with and
// without abstracts), citations in every form (resolving or not, to a paper or a summary id), and
// words that are spelled many ways (plurals regular and irregular, accents, ligatures, Greek letters
// and their LaTeX commands, words glued to markup).
import type { Library } from '../../src/core/model.js'
import { libraryOf, paper, summary } from './library.js'
import { pick } from './random.js'

const WORDS = [
  'graph',
  'graphs',
  'kernel',
  'kernels',
  'analysis',
  'analyses',
  'vertex',
  'vertices',
  'study',
  'studies',
  'Schrödinger',
  'Schro\u0308dinger',
  'schrodinger',
  'ﬁtting',
  'fitting',
  'θ',
  '\\theta',
  '\\vartheta',
  'ε',
  '\\varepsilon',
  'epsilon',
  '\\mathcal{GP}',
  'GP',
  'message',
  'messages',
  'passing',
  'attention',
  'quantum',
  'chemistry',
  'the',
  'and',
  'of',
  'network',
  'networks',
  'Łukasz',
  'movie',
  'movies',
  'box',
  'boxes',
  'bias',
  '2017',
  'word2vec',
  'data',
  'hypothesis',
  'hypotheses',
  'criterion',
  'criteria',
  'x\u0301',
  '$x^2$',
  'naïve',
  'naive',
  '**bold**',
  'e.g.',
  '— dash',
  'über',
  '日本語',
]
const TAGS = ['ml', 'ml/gnn', 'ml/graphs', 'stats', 'stats/bayes', 'todo', 'rare']

/** Words, some glued together or to punctuation. */
function words(random: () => number, count: number): string {
  const out: string[] = []
  for (let i = 0; i < count; i++) out.push(pick(random, WORDS) + (random() < 0.1 ? pick(random, ['', '-', '.', ',', '\n', '/']) : ''))
  return out.join(random() < 0.2 ? '' : ' ')
}

/** A citation of one of `names` in one of the forms precis reads (some naming nothing in the library). */
function citation(random: () => number, names: readonly string[]): string {
  const name = random() < 0.15 ? 'nobody1999missing' : pick(random, names)
  return pick(random, [
    `\\cite{${name}}`,
    `\\citep[see][p.~3]{${name}}`,
    `\\citet{${name},${pick(random, names)}}`,
    `[@${name}]`,
    `[see @${name}, p. 3; -@${pick(random, names)}]`,
    `@${name}`,
    ` (@${name})`,
    `mail@${name}.org`,
  ])
}

/** A random library of `size` papers. */
export function randomRelatedLibrary(random: () => number, size: number): Library {
  const papers = Array.from({ length: size }, (_, i) =>
    paper({
      key: `p${i}${pick(random, ['graph', 'kernel', 'x'])}`,
      title: words(random, 1 + Math.floor(random() * 6)),
      abstract: random() < 0.5 ? words(random, Math.floor(random() * 20)) : null,
      tags: random() < 0.3 ? [...new Set([pick(random, TAGS), pick(random, TAGS)])].sort() : undefined,
    }),
  )
  const summaries = []
  const names = papers.map((p) => p.key)
  for (const p of papers) {
    const count = pick(random, [0, 0, 1, 1, 1, 2, 3])
    for (let s = 0; s < count; s++) {
      const id = s === 0 ? p.key : `${p.key}-${s + 1}`
      const parts = [words(random, Math.floor(random() * 40))]
      if (random() < 0.4) parts.push(citation(random, [...names, ...summaries.map((x) => x.id)]))
      if (random() < 0.3) parts.push(words(random, 5), citation(random, names))
      summaries.push(
        summary({
          id,
          paper: p.key,
          body: parts.join(pick(random, [' ', '', '\n\n'])),
          tags: random() < 0.6 ? [...new Set([pick(random, TAGS), pick(random, TAGS)])].sort() : [],
        }),
      )
    }
  }
  return libraryOf(papers, summaries)
}
