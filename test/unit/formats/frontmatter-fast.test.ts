import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseLibrary } from '../../../src/core/schema/schema.js'
import { fastFrontMatter, fastFrontMatterFields } from '../../../src/formats/frontmatter-fast.js'
import { parseYamlFields, yamlFrontMatter } from '../../../src/formats/frontmatter.js'
import { seeded } from '../../support/random.js'

/** Values chosen to sit on every rule of plain and quoted YAML scalars. */
const TRICKY = [
  'Neural Message Passing for Quantum Chemistry',
  "Zhang's method",
  'Zoë Bengio',
  'Łukasz Kaiser',
  '深度学习',
  'emoji 🙂 inside',
  '9006.45405',
  '1704.01212',
  '0012',
  '1.10',
  '1e5',
  '-1',
  '+1',
  '.5',
  '.inf',
  '-.inf',
  '.nan',
  '0x1F',
  '0o17',
  '2017',
  '2017-03-31T22:33:55.499Z',
  'null',
  'Null',
  'NULL',
  '~',
  'true',
  'True',
  'FALSE',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  'nil',
  '',
  ' leading space',
  'trailing space ',
  'double  space',
  'tab\there',
  'line\nbreak',
  'cr\rhere',
  'nbsp\u00a0here',
  'bell\u0007',
  'del\u007f',
  'ls\u2028',
  'a: b',
  'a:b',
  'ends with colon:',
  ': starts',
  'a #comment',
  'a#b',
  '#start',
  '- dash',
  '-dash',
  '--- three',
  '... dots',
  '? question',
  '?x',
  '[flow]',
  'in [brackets]',
  '{brace}',
  'in {braces}',
  'comma, inside',
  ',start',
  '&anchor',
  '*alias',
  '!tag',
  '|pipe',
  '>fold',
  '%percent',
  '@at',
  '`tick',
  '"quoted"',
  'say "hi"',
  "'single'",
  "it's",
  'back\\slash',
  '$\\mathcal{L}(\\theta) = \\sum_i \\log p(x_i)$',
  'x = y',
  '<<',
  'a | b',
  'a > b',
  'https://arxiv.org/abs/1704.01212',
  'https://example.org/a?b=c#frag',
  '10.1007/978-3-540-28650-9_4',
  'ml/gnn',
  'message-passing',
  'A: B',
  '\ud800 lone surrogate',
  'pair \ud83d\ude00',
  'ends\\',
  '\\starts',
  'quote " and backslash \\',
]

const pick = <T>(random: () => number, items: readonly T[]) => items[Math.floor(random() * items.length)]!

/** A field list shaped like a summary file's, with values drawn from TRICKY (and nulls, numbers, lists). */
function randomFields(random: () => number): Array<readonly [string, unknown]> {
  const text = () => (random() < 0.2 ? null : random() < 0.5 ? pick(random, TRICKY) : `${pick(random, TRICKY)} ${pick(random, TRICKY)}`)
  const list = () => Array.from({ length: Math.floor(random() * 3) }, () => pick(random, TRICKY))
  return [
    ['id', text()],
    ['title', text()],
    ['authors', list()],
    ['year', random() < 0.3 ? null : Math.floor(random() * 2100)],
    ['arxiv', text()],
    ['tags', list()],
    ['abstract', text()],
  ]
}

describe('fastFrontMatter writes what yaml writes, or gives up', () => {
  it.each(TRICKY.map((value) => [value]))('%j', (value) => {
    for (const fields of [[['title', value]], [['authors', [value, 'B']]]] as const) {
      const fast = fastFrontMatter(fields)
      if (fast !== null) expect(fast).toBe(yamlFrontMatter(fields))
    }
  })

  it('on 3,000 random field lists', () => {
    const random = seeded(7)
    let written = 0
    for (let i = 0; i < 3000; i++) {
      const fields = randomFields(random)
      const fast = fastFrontMatter(fields)
      if (fast === null) continue
      written++
      expect(fast).toBe(yamlFrontMatter(fields))
    }
    expect(written).toBeGreaterThan(150) // the fast path is taken, not only given up
  })

  it('on 20,000 strings stitched from pieces YAML cares about', () => {
    const pieces = [
      ' ',
      ':',
      ': ',
      '#',
      ' #',
      '-',
      '- ',
      '"',
      "'",
      '\\',
      'a',
      'Z',
      '1',
      '0',
      '.',
      'e',
      '+',
      'ë',
      '🙂',
      '\t',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&',
      '*',
      '!',
      '|',
      '>',
      '%',
      '@',
      '`',
      '?',
      '~',
      '0x',
      'null',
      'true',
      'inf',
      '---',
      '\n',
      '=',
    ]
    const random = seeded(11)
    let written = 0
    const seen = new Set<string>()
    for (let i = 0; i < 20_000; i++) {
      const value = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(random, pieces)).join('')
      // The short ones are drawn again and again: each is checked once.
      if (seen.has(value)) continue
      seen.add(value)
      const fields = [
        ['title', value],
        ['tags', [value]],
      ] as const
      const fast = fastFrontMatter(fields)
      if (fast === null) continue
      written++
      expect(fast, JSON.stringify(value)).toBe(yamlFrontMatter(fields))
    }
    expect(written).toBeGreaterThan(2000)
  })

  it('writes every summary of the demo library itself (the common case), exactly as yaml does', () => {
    const lib = parseLibrary(readFileSync(new URL('../../../data/demo-library.json', import.meta.url), 'utf8'), 'demo')
    for (const s of lib.summaries) {
      const p = lib.papers.find((paper) => paper.key === s.paper)!
      const fields = [
        ['id', s.id],
        ['title', p.title],
        ['authors', p.authors],
        ['year', p.year],
        ['arxiv', p.arxiv],
        ['doi', p.doi],
        ['tags', s.tags],
        ['created', s.created],
      ] as const
      expect(fastFrontMatter(fields)).toBe(yamlFrontMatter(fields))
    }
  })

  it.each([
    ['a negative or fractional number', [['year', -5]]],
    ['a number too big to be exact', [['year', 2 ** 60]]],
    ['a nested object', [['extra', { a: 1 }]]],
    ['a list of numbers', [['tags', [1, 2]]]],
    ['a key yaml may quote', [['Title', 'x']]],
  ] as const)('gives up on %s', (_, fields) => {
    expect(fastFrontMatter(fields)).toBeNull()
  })
})

/** The YAML between the --- lines of a written front matter. */
const inner = (frontMatter: string) => frontMatter.slice('---\n'.length, -'---\n\n'.length)

/** fastFrontMatterFields reads `yamlText` as yaml does, or gives up; true when it read it. */
function readsLikeYaml(yamlText: string, yamlFields?: Map<string, unknown>): boolean {
  const fast = fastFrontMatterFields(yamlText)
  if (fast === null) return false
  expect(fast, JSON.stringify(yamlText)).toEqual(yamlFields ?? parseYamlFields(yamlText, 'test'))
  return true
}

describe('fastFrontMatterFields reads what yaml reads, or gives up', () => {
  it('everything yaml writes for tricky values and random field lists', () => {
    const random = seeded(13)
    let read = 0
    for (let i = 0; i < 3000; i++) if (readsLikeYaml(inner(yamlFrontMatter(randomFields(random))))) read++
    for (const value of TRICKY)
      if (
        readsLikeYaml(
          inner(
            yamlFrontMatter([
              ['title', value],
              ['tags', [value]],
            ]),
          ),
        )
      )
        read++
    expect(read).toBeGreaterThan(150)
  })

  it('20,000 hand-made front matters stitched from lines and pieces YAML cares about', () => {
    const values = [
      'a',
      'Zoë',
      '"q"',
      '"a: b"',
      "'s'",
      'null',
      '~',
      'NULL',
      '',
      ' x',
      'x ',
      'a: b',
      'a #c',
      '#c',
      '- x',
      '[]',
      '[a]',
      '{}',
      '&a',
      '*a',
      '|',
      '>',
      '1.5',
      'true',
      'x:',
      '"\\n"',
      '"a\\"b"',
    ]
    const lines = [
      ...values.map((v) => `title: ${v}`),
      ...values.map((v) => `  - ${v}`),
      'tags:',
      'tags: []',
      'authors:',
      '# comment',
      '',
      '---',
      'title:  two spaces',
      '   - deeper',
      '- at column 0',
      'Title: x',
      'title : x',
      'title:\tx',
      'title: x\r',
      'title: a\n  continued',
    ]
    const random = seeded(17)
    let read = 0
    const seen = new Set<string>()
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(random, lines)).join('\n') + '\n'
      // The short ones are drawn again and again: each is checked once.
      if (seen.has(text)) continue
      seen.add(text)
      // Only a text it reads is parsed by yaml (the oracle, nearly all of the time): one it gives up on holds nothing to check.
      const fast = fastFrontMatterFields(text)
      if (fast === null) continue
      let yamlFields
      try {
        yamlFields = parseYamlFields(text, 'test')
      } catch {
        expect.fail(`read ${JSON.stringify(text)}, which yaml refuses`) // what yaml refuses is never read
      }
      expect(fast, JSON.stringify(text)).toEqual(yamlFields)
      read++
    }
    // Of some 14,700 different texts, 67 are ones it reads (the rest yaml refuses or it gives up on).
    expect(read).toBeGreaterThan(50)
  })

  it('reads every front matter fastFrontMatter writes', () => {
    const random = seeded(19)
    for (let i = 0; i < 1000; i++) {
      const written = fastFrontMatter(randomFields(random))
      if (written !== null) expect(readsLikeYaml(inner(written)), written).toBe(true)
    }
  })
})
