import { describe, expect, it } from 'vitest'
import * as yaml from 'yaml'
import { MAX_FRONT_MATTER_DEPTH, readFrontMatter } from '../../../src/formats/frontmatter.js'
import { mayNestDeeperThan, yamlShape } from '../../../src/formats/yaml-depth.js'

const flowSeqs = (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`
const flowMaps = (n: number) => `a: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`
const compactSeqs = (n: number) => `a:\n  ${'- '.repeat(n)}x\n`
const blockMaps = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n'

describe('yamlShape', () => {
  it.each([
    ['a scalar', 'plain', 0],
    ['a mapping of scalars', 'title: T\nyear: 2020\n', 1],
    ['a list in a mapping', 'tags:\n  - a\n  - b\n', 2],
    ['a flow list in a mapping', 'tags: [a, b]\n', 2],
    ['flow lists 3 deep under a key', flowSeqs(3), 4],
    ['flow mappings 3 deep under a key', flowMaps(3), 4],
    ['compact block lists 3 deep under a key', compactSeqs(3), 4],
    ['block mappings 3 deep', blockMaps(3), 3],
    ['a mapping as a key', '? {a: [1]}\n: v\n', 3],
    ['10,000 flow lists', flowSeqs(10_000), 10_001],
    ['10,000 flow mappings', flowMaps(10_000), 10_001],
    ['10,000 unclosed flow lists', `a: ${'['.repeat(10_000)}\n`, 10_001],
    ['10,000 compact block lists', compactSeqs(10_000), 10_001],
  ])('%s: %i', (_, text, depth) => {
    expect(yamlShape(yaml, text).depth).toBe(depth)
  })
})

describe('mayNestDeeperThan', () => {
  it.each([
    ['typical front matter', 'id: x\ntitle: "A: B"\nauthors:\n  - Ann\ncreated: 2024-03-01T00:00:00.000Z\n', 3, true],
    ['typical front matter', 'id: x\ntitle: "A: B"\nauthors:\n  - Ann\ncreated: 2024-03-01T00:00:00.000Z\n', 64, false],
    ['3 flow lists', '[[[]]]', 3, false],
    ['4 flow lists', '[[[[]]]]', 3, true],
    ['? and {', '? {a', 3, false],
  ])('%s, limit %i: %s', (_, text, limit, expected) => {
    expect(mayNestDeeperThan(text, limit)).toBe(expected)
  })

  it.each([flowSeqs, flowMaps, compactSeqs, blockMaps])('is never false where the depth is over the limit (%#)', (make) => {
    for (let n = 1; n < 80; n++) {
      const text = make(n)
      if (yamlShape(yaml, text).depth > 64) expect(mayNestDeeperThan(text, 64)).toBe(true)
    }
  })
})

describe('readFrontMatter and nesting', () => {
  const file = (front: string) => `---\n${front}---\nbody\n`

  it.each([
    ['flow lists', flowSeqs],
    ['flow mappings', flowMaps],
    ['compact block lists', compactSeqs],
    ['block mappings', blockMaps],
  ])('reads %s nested to the limit', (_, make) => {
    expect(readFrontMatter(file(make(MAX_FRONT_MATTER_DEPTH - 1)), 'deep.md').body).toBe('body\n')
  })

  it.each([
    ['flow lists', flowSeqs(10_000), '10,001'],
    ['flow mappings', flowMaps(10_000), '10,001'],
    ['compact block lists', compactSeqs(10_000), '10,001'],
    ['block mappings', blockMaps(1_500), '1,500'],
    ['one past the limit', flowSeqs(MAX_FRONT_MATTER_DEPTH), String(MAX_FRONT_MATTER_DEPTH + 1)],
  ])('refuses %s, naming the file, the depth and the limit', (_, front, depth) => {
    expect(() => readFrontMatter(file(front), 'notes/deep.md')).toThrow(
      `notes/deep.md: the front matter nests ${depth} levels deep (the limit is ${MAX_FRONT_MATTER_DEPTH})`,
    )
  })
})
