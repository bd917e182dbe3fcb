import { describe, expect, it } from 'vitest'
import { latexWord } from '../../../src/core/text/latex.js'
import { foldPlural, surfaceForms } from '../../../src/core/text/plural.js'
import { normalizeWord, textKeys, tokenAt, tokenize } from '../../../src/core/text/words.js'
import { searchFixture } from './fixture.js'

describe('normalizeWord', () => {
  it.each([
    ['Graph', 'graph'],
    ['Schrödinger', 'schrodinger'],
    ['Schro\u0308dinger', 'schrodinger'], // decomposed, as macOS pastes it
    ['Erdős', 'erdos'],
    ['Poincaré', 'poincare'],
    ['Łukasz', 'lukasz'],
    ['Søren', 'soren'],
    ['eﬃcient', 'efficient'],
    ['ﬁne', 'fine'],
    ['Σ', 'sigma'],
    ['θ', 'theta'],
    ['ϑ', 'theta'],
    ['µ', 'mu'],
    ['λόγος', 'λογος'], // Greek words stay Greek; only a lone letter reads as its name
    ['ΜΝ', 'μν'],
    ['x2', 'x2'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeWord(raw)).toBe(expected)
  })
})

describe('latexWord', () => {
  it.each([
    ['mathcal', null],
    ['pmb', null],
    ['frac', null],
    ['textbf', null],
    ['Sigma', 'sigma'],
    ['varepsilon', 'epsilon'],
    ['varphi', 'phi'],
    ['alpha', 'alpha'],
    ['log', 'log'],
    ['nabla', 'nabla'],
    ['variance', 'variance'],
  ])('\\%s → %s', (command, expected) => {
    expect(latexWord(command)).toBe(expected)
  })
})

describe('tokenize reads through LaTeX and Markdown', () => {
  it.each([
    ['Message-passing networks', ['message', 'passing', 'networks']],
    ["$\\mathcal{GP}(m(\\pmb{x}), k(\\pmb{x},\\pmb{x}'))$", ['gp', 'm', 'x', 'k', 'x', 'x']],
    ['$\\Sigma_{ij}$', ['sigma', 'ij']],
    ['$\\varepsilon \\sim \\mathcal{N}(0, I)$', ['epsilon', 'sim', 'n', '0', 'i']],
    ['$\\frac{a}{b}$', ['a', 'b']],
    ['$\\alpha\\beta$', ['alpha', 'beta']],
    ['\\\\alpha', ['alpha']], // a line break, then the word
    ['\\mathbf{W}x', ['w', 'x']],
    ['TD(λ) with λ = 0', ['td', 'lambda', 'with', 'lambda', '0']],
    ['**bold** and _emph_', ['bold', 'and', 'emph']],
    ["Schrödinger's cat", ['schrodinger', 's', 'cat']],
    ['word2vec 𝒪(n)', ['word2vec', 'o', 'n']],
    ['see https://i.imgur.com/Qm9.png', ['see', 'https', 'i', 'imgur', 'com', 'qm9', 'png']],
    ['', []],
    ['—…!', []],
  ])('%j', (text, words) => {
    expect(tokenize(text).map((t) => t.word)).toEqual(words)
  })

  it('gives positions in the raw text', () => {
    const text = 'a \\Sigma b'
    expect(tokenize(text).map(({ start, end }) => text.slice(start, end))).toEqual(['a', 'Sigma', 'b'])
  })

  it('reads a word only from its start', () => {
    expect(tokenAt('paragraph', 4)).toBeNull()
    expect(tokenAt('a \\mathcal{x}', 3)).toBeNull()
    expect(tokenAt('a \\Sigma', 3)?.word).toBe('sigma')
  })
})

describe('foldPlural', () => {
  it.each([
    ['networks', 'network'],
    ['network', 'network'],
    ['graphs', 'graph'],
    ['studies', 'study'],
    ['study', 'study'],
    ['movies', 'movy'],
    ['movie', 'movy'],
    ['classes', 'class'],
    ['class', 'class'],
    ['processes', 'process'],
    ['matches', 'match'],
    ['boxes', 'box'],
    ['images', 'image'],
    ['vertices', 'vertex'],
    ['matrices', 'matrix'],
    ['analyses', 'analysis'],
    ['analysis', 'analysis'],
    ['biases', 'bias'],
    ['bias', 'bias'],
    ['gps', 'gp'],
    ['focus', 'focus'],
    ['series', 'series'],
    ['caches', 'cache'],
    ['is', 'is'],
    ['was', 'was'],
    ['2010s', '2010s'],
    ['λογος', 'λογος'],
  ])('%s → %s', (word, key) => {
    expect(foldPlural(word)).toBe(key)
  })

  const words = [
    'network',
    'graphs',
    'studies',
    'classes',
    'vertices',
    'bias',
    'biases',
    'movie',
    'gps',
    'matches',
    'series',
    'analysis',
    'axes',
    'lens',
    'leaves',
  ]
  it.each(words)('is idempotent on %s', (word) => {
    expect(foldPlural(foldPlural(word))).toBe(foldPlural(word))
  })

  it.each(words)('surfaceForms inverts it for %s', (word) => {
    const key = foldPlural(word)
    const forms = surfaceForms(key)
    expect(forms).toContain(word)
    for (const form of forms) expect(foldPlural(form)).toBe(key)
  })

  // Search accepts a word by its surface forms, and narrows browse's keystrokes by them.
  it('surfaceForms inverts it for every word of the search fixture', () => {
    const texts = searchFixture().summaries.flatMap((summary) => [summary.body, ...summary.tags])
    const missing = [...new Set(texts.flatMap((text) => tokenize(text).map((token) => token.word)))].filter(
      (word) => !surfaceForms(foldPlural(word)).includes(word),
    )
    expect(missing).toEqual([])
  })
})

describe('textKeys', () => {
  it('folds plurals and reads LaTeX', () => {
    expect(textKeys('Covariance matrices $\\Sigma$ of GPs')).toEqual(['covariance', 'matrix', 'sigma', 'of', 'gp'])
  })
})
