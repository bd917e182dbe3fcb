import { describe, expect, it } from 'vitest'
import { expectSame } from '../../support/equal.js'
import { PREFIX_WEIGHT, TermPattern, WordPattern, type WordSpec } from '../../../src/core/search/pattern.js'
import { ScanText } from '../../../src/core/search/text.js'
import { stemWord, termStarts } from '../../../src/core/text/stem.js'
import { irregularPlurals } from '../../../src/core/text/plural.js'
import { tokenize, type Token } from '../../../src/core/text/words.js'
import { pick, seeded } from '../../support/random.js'
import { SEARCH_TUNING } from '../../../src/core/search/tuning.js'

/** Specs for a query value, as the compiler makes them (no typo correction here). */
function specs(value: string, prefixLast = false): WordSpec[] {
  const words = tokenize(value).map((t) => t.word)
  return words.map((word, i) => ({ keys: new Set([stemWord(word)]), prefix: prefixLast && i === words.length - 1 ? word : null }))
}

function found(query: string, text: string, prefixLast = false): string[] {
  const pattern = new TermPattern(specs(query, prefixLast))
  return pattern.spans(new ScanText(text), 100).map(({ start, end }) => text.slice(start, end))
}

describe('TermPattern finds words as the tokenizer reads them', () => {
  it.each([
    ['graph', 'Graphs and a graph, not a paragraph or graphics.', ['Graphs', 'graph']],
    ['networks', 'one network, two networks', ['network', 'networks']],
    ['study', 'a study; two studies', ['study', 'studies']],
    ['matrix', 'covariance matrices and a matrix', ['matrices', 'matrix']],
    ['schrodinger', 'Schrödinger and Schro\u0308dinger and SCHRODINGER', ['Schrödinger', 'Schro\u0308dinger', 'SCHRODINGER']],
    ['Schrödinger', 'Schrodinger', ['Schrodinger']],
    ['erdos', 'Paul Erdős', ['Erdős']],
    ['lukasz', 'Łukasz Kaiser', ['Łukasz']],
    ['oa', 'a stray mark: \u0308Øa, not e\u0301oa', ['\u0308Øa']],
    ['efficient', 'an eﬃcient method, efficient too', ['eﬃcient', 'efficient']],
    ['gp', '$\\mathcal{GP}(m, k)$ and GPs', ['GP', 'GPs']],
    ['sigma', '$\\Sigma_{ij}$, σ and sigmas but not \\sigmoid', ['Sigma', 'σ', 'sigmas']],
    ['epsilon', '$\\varepsilon$ and $\\epsilon$ and ϵ, not varepsilon', ['varepsilon', 'epsilon', 'ϵ']],
    ['x', '$\\pmb{x}$ and x_i but not x2', ['x', 'x']],
    ['lambda', 'TD(λ) and $\\lambda$', ['λ', 'lambda']],
    ['mathcal', '$\\mathcal{O}$ but the word mathcal', ['mathcal']],
    ['log', '$\\log p$ and a log', ['log', 'log']],
    [
      'message passing',
      'message passing, Message-Passing, message\n\npassing; messages passing; message then passing',
      ['message passing', 'Message-Passing', 'message\n\npassing', 'messages passing'],
    ],
    ['self-attention', 'self attention and self-attention', ['self attention', 'self-attention']],
    ['neural \\mathbf{net}', 'neural \\textbf{net}', ['neural \\textbf{net']],
  ])('%j in %j', (query, text, expected) => {
    expect(found(query, text)).toEqual(expected)
  })

  it('matches the last word as a prefix when asked', () => {
    expect(found('graph neur', 'graph neural nets, graph neurons, graph net', true)).toEqual(['graph neural', 'graph neurons'])
    expect(found('graph neur', 'graph neural nets', false)).toEqual([])
  })

  it('a prefix being typed finds the Greek letters the tokenizer reads from their var- spellings', () => {
    expect(found('eps', '$\\varepsilon$ and $\\epsilon$, not varepsilon', true)).toEqual(['varepsilon', 'epsilon'])
    expect(found('th', '$\\vartheta$ then $\\theta$', true)).toEqual(['vartheta', 'then', 'theta'])
  })

  it('counts up to a cap', () => {
    const text = new ScanText('a a a a a a')
    expect(new TermPattern(specs('a')).count(text, 4)).toBe(4)
    expect(new TermPattern(specs('b')).count(text, 4)).toBe(0)
  })

  it('finds accented and plain occurrences in text order', () => {
    const text = 'Gödel, then Godel, then Gödel'
    expect(new TermPattern(specs('godel')).spans(new ScanText(text), 10).map((s) => s.start)).toEqual([0, 12, 24])
  })

  it('finds exactly the words the tokenizer reads as the query word, however they are written (random texts)', () => {
    const random = seeded(3)
    const letters = [...'aegiklnorstu', 'é', 'ö', 'Ø', 'ĝ', 'ł', 'ﬁ', 'ﬃ', '\u0308', 'θ', 'Σ', 'µ']
    const word = () => Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(random, letters)).join('')
    let found = 0
    for (let n = 0; n < 400; n++) {
      const text = Array.from({ length: 8 }, word).join(pick(random, [' ', ', ', '-', '\n']))
      const tokens = tokenize(text)
      const target = pick(random, tokens)
      const prefix = random() < 0.3 ? target.word.slice(0, 1 + Math.floor(random() * target.word.length)) : null
      const spec = { keys: new Set([stemWord(target.word)]), prefix }
      const word0 = new WordPattern(spec)
      const expected = tokens.filter((token) => word0.weigh(token) > 0).map((token) => token.start)
      expect(
        new TermPattern([spec]).spans(new ScanText(text), 100).map((span) => span.start),
        `${JSON.stringify(text)} for ${target.word}`,
      ).toEqual(expected)
      found += expected.length
    }
    expect(found).toBeGreaterThan(400)
  })
})

describe('termStarts', () => {
  it.each([...irregularPlurals()])('finds the irregular plural %s of %s: its term begins as the word does', (plural, singular) => {
    expect(stemWord(singular).charAt(0)).toBe(singular.charAt(0))
    expect(termStarts(stemWord(singular))).toContain(plural)
    expect(termStarts(stemWord(plural))).toContain(plural)
  })
})

describe('WordPattern.weigh', () => {
  // The weight as the spec defines it, every word stemmed (weigh skips the stem of a word that
  // starts with no term's first letter: a term begins as its word does).
  const reference = ({ exact, keys, alternatives, prefix }: WordSpec, word: string): number => {
    if (exact?.has(word)) return 1
    const term = stemWord(word)
    if (keys.has(term)) return exact ? SEARCH_TUNING.stemWeight : 1
    if (alternatives?.has(term)) return SEARCH_TUNING.typoWeight
    return prefix !== null && word.startsWith(prefix) ? PREFIX_WEIGHT : 0
  }
  const stemmerExceptions = [
    'skis',
    'skies',
    'dying',
    'lying',
    'tying',
    'idly',
    'gently',
    'ugly',
    'early',
    'only',
    'singly',
    'news',
    'atlas',
    'bias',
  ]
  const letters = 'aeiouybcdgklmnrstyéøß'
  const endings = ['', 's', 'es', 'ies', 'ing', 'ed', 'ly', 'ness', 'ation', 'ational', 'ize', 'y', 'e', 'ful', 'ously']

  it('is the weight of the word as the spec defines it (random words, specs and tokens)', () => {
    const random = seeded(2026)
    const randomWord = () => {
      let word = ''
      for (let n = 1 + Math.floor(random() * 7); n > 0; n--) word += pick(random, [...letters])
      return word + pick(random, endings)
    }
    const words = () =>
      pick(random, [randomWord, () => pick(random, stemmerExceptions), () => pick(random, [...irregularPlurals().keys()])])()
    let counted = 0
    for (let round = 0; round < 300; round++) {
      const typed = words()
      const spec: WordSpec = {
        keys: new Set([stemWord(typed), ...(random() < 0.3 ? [stemWord(words())] : [])]),
        exact: random() < 0.5 ? new Set([typed, typed + 's']) : undefined,
        alternatives: random() < 0.3 ? new Map([[stemWord(words()), words()]]) : undefined,
        prefix: random() < 0.2 ? typed.slice(0, 2) : null,
      }
      const pattern = new WordPattern(spec)
      for (let i = 0; i < 40; i++) {
        const word = random() < 0.3 ? typed + pick(random, endings) : words()
        const weight = pattern.weigh({ word, start: 0, end: word.length } satisfies Token)
        expectSame(weight, reference(spec, word), `${word} for ${typed}`)
        if (weight > 0) counted++
      }
    }
    expect(counted).toBeGreaterThan(1000)
  })

  it.each([...irregularPlurals(), ...stemmerExceptions.map((word) => [word, word])])(
    '%s and %s have terms beginning as they do',
    (plural, singular) => {
      expect(stemWord(plural).charAt(0)).toBe(plural.charAt(0))
      expect(stemWord(singular).charAt(0)).toBe(singular.charAt(0))
    },
  )
})

describe('a word compiled again', () => {
  it('shares its expressions, and two patterns of it read texts in turn as each would alone', () => {
    const expressions = (pattern: TermPattern) =>
      pattern.words[0]!.places.map((finder) => (finder as unknown as { expression: RegExp }).expression)
    const [one, two] = [new TermPattern(specs('graph')), new TermPattern(specs('graph'))]
    expect(expressions(one)[0]).toBeInstanceOf(RegExp)
    expect(expressions(two)).toEqual(expressions(one))
    expect(expressions(two).every((expression, i) => expression === expressions(one)[i])).toBe(true)
    const first = new ScanText('graph theory, graphs and a graph')
    const second = new ScanText('no graph here but one graph')
    const spans: number[][] = [[], []]
    for (let a = one.find(first), b = two.find(second); a || b; a = a && one.find(first, a.end), b = b && two.find(second, b.end)) {
      if (a) spans[0]!.push(a.start)
      if (b) spans[1]!.push(b.start)
    }
    expect(spans).toEqual([
      [0, 14, 27],
      [3, 22],
    ])
  })
})
