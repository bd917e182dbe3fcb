import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { bar, fitTo } from '../../src/render/fit.js'
import { testContext } from '../support/context.js'
import { connectedLibrary } from '../unit/connected/fixture.js'

describe('bar and fitTo', () => {
  it.each([
    [0, 10, 8, ''],
    [10, 10, 8, '████████'],
    [5, 10, 8, '████'],
    [1, 3, 4, '█▍'],
    [1, 1000, 8, '▏'],
  ])('bar(%i, %i, %i) is %j', (value, max, width, expected) => {
    expect(bar(value, max, width)).toBe(expected)
  })

  it.each([
    ['gnn', 6, 'gnn   '],
    ['graph-attention', 6, 'graph…'],
    ['図形ニューラル', 7, '図形ニ…'],
    ['図形', 3, '図…'],
    ['図形x', 4, '図… '],
  ])('fitTo(%j, %i) is %j', (text, width, expected) => {
    expect(fitTo(text, width)).toBe(expected)
  })
})

describe('stats', () => {
  it('piped: one tab-separated fact per line', async () => {
    const ctx = testContext({ library: connectedLibrary() })
    expect(await main(['stats', '--top', '2'], ctx)).toBe(0)
    const lines = ctx.stdout().split('\n')
    expect(lines.slice(0, 5)).toEqual(['papers\t8', 'summaries\t7', 'words\t126', 'to-summarise\t2', 'undated\t0'])
    expect(lines).toContain('year\t2017\t4')
    expect(lines).toContain('written\t2024\t5')
    expect(lines.filter((l) => l.startsWith('tag\t'))).toEqual(['tag\tgnn\t3', 'tag\tattention\t2'])
    expect(lines.filter((l) => l.startsWith('venue\t'))).toEqual(['venue\tICLR\t2', 'venue\tNeurIPS\t2'])
    expect(lines).toContain('longest\tvelickovic2018graph\t23\tGraph Attention Networks')
    expect(lines).toContain('cited\tkipf2017semi\t2\tSemi-Supervised Classification with Graph Convolutional Networks')
  })

  it('in a terminal: sections with bars, no line wider than the terminal', async () => {
    for (const columns of [40, 80, 120]) {
      const ctx = testContext({ tty: true, columns, library: connectedLibrary() })
      expect(await main(['stats'], ctx)).toBe(0)
      const out = ctx.stdout()
      expect(out).toContain('Summaries per publication year')
      expect(out).toMatch(/^ {2}2017 █+ 4$/m)
      expect(out).toMatch(/^ {2}2005 0$/m)
      expect(out).toMatch(/Most cited/)
      expect(Math.max(...out.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(columns)
    }
  })

  it('the longest bar fills the width left by the label and count', async () => {
    const ctx = testContext({ tty: true, columns: 60, library: connectedLibrary() })
    await main(['stats'], ctx)
    const line2017 = ctx
      .stdout()
      .split('\n')
      .find((l) => l.startsWith('  2017 '))!
    expect([...line2017].length).toBe(60)
  })

  it('--json prints the numbers', async () => {
    const ctx = testContext({ library: connectedLibrary() })
    expect(await main(['--json', 'stats'], ctx)).toBe(0)
    const stats = JSON.parse(ctx.stdout()) as Record<string, unknown>
    expect(stats).toMatchObject({ papers: 8, summaries: 7, words: 126, toSummarise: 2 })
    expect(stats.mostCited).toEqual(expect.arrayContaining([{ key: 'kipf2017semi', title: expect.any(String), citedBy: 2 }]))
  })

  it('shows hostile strings escaped, in both forms', async () => {
    const lib = connectedLibrary()
    lib.papers[0]!.venue = 'Evil\u001b[31m\u202eVenue'
    lib.papers[0]!.title = 'Title\twith\u0007bell'
    lib.summaries.push({ ...lib.summaries[0]!, id: 'gilmer2017neural-3', body: 'see \\cite{gilmer2017neural}' })
    for (const tty of [true, false]) {
      const ctx = testContext({ tty, library: lib })
      await main(['stats'], ctx)
      expect(ctx.stdout()).not.toMatch(/[\u0007\u001b\u202e]/)
      expect(ctx.stdout()).toContain('Evil\\u001B[31m\\u202EVenue')
    }
  })

  it('--top must be a positive number', async () => {
    const ctx = testContext({ library: connectedLibrary() })
    expect(await main(['stats', '--top', 'x'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('--top')
  })
})
