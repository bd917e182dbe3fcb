import stringWidth from 'fast-string-width'
import { describe, expect, it, vi } from 'vitest'
import { parseSearchOptions, registerSearch } from '../../../src/commands/search/command.js'
import type { SearchCommandOptions } from '../../../src/commands/search/run.js'
import { main } from '../../../src/main.js'
import { Command } from 'commander'
import { testContext } from '../../support/context.js'
import { searchFixture } from './fixture.js'

describe('search: argv → options', () => {
  it.each([
    [['message', 'passing'], {}, { query: 'message passing', limit: 20 }],
    [['transformer', '-attention'], { limit: '5' }, { query: 'transformer -attention', limit: 5 }],
  ])('%j %j', (words, raw, expected) => {
    expect(parseSearchOptions(words, raw)).toEqual(expected)
  })

  it('passes exclusions through as query words, not options', async () => {
    const run = vi.fn(async (_opts: SearchCommandOptions) => undefined)
    const program = new Command().exitOverride()
    registerSearch(program, testContext(), run)
    await program.parseAsync(['search', 'transformer', '-attention', '-tag:todo', '--limit', '3'], { from: 'user' })
    expect(run.mock.calls[0]![0]).toEqual({ query: 'transformer -attention -tag:todo', limit: 3 })
  })
})

describe('search: run', () => {
  it('piped: one tab-separated line per hit, best first', async () => {
    const ctx = testContext({ tty: false, library: searchFixture() })
    expect(await main(['search', 'double', 'helix'], ctx)).toBe(0)
    const lines = ctx.stdout().trimEnd().split('\n')
    expect(lines[0]!.split('\t').slice(0, 4)).toEqual([
      'watson1953molecular',
      '1953',
      'Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid',
      'biology',
    ])
    expect(lines[0]!.split('\t')[4]).toContain('double helix')
    expect(ctx.stderr()).toBe('')
  })

  it('--json prints the contract fields with score and snippet', async () => {
    const ctx = testContext({ library: searchFixture() })
    expect(await main(['--json', 'search', 'message passing', '--limit', '2'], ctx)).toBe(0)
    const rows = JSON.parse(ctx.stdout()) as Record<string, unknown>[]
    expect(rows.map((r) => r.id).sort()).toEqual(['gilmer2017neural', 'gilmer2017neural-2'])
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['id', 'key', 'title', 'authors', 'year', 'venue', 'arxiv', 'doi', 'tags', 'score', 'snippet']),
      )
      expect(row.score).toBeGreaterThan(0)
      expect(typeof row.snippet).toBe('string')
    }
  })

  it('in a terminal: blocks within the width, matches highlighted, a note when there are more', async () => {
    const ctx = testContext({ tty: true, color: true, columns: 60, library: searchFixture() })
    expect(await main(['search', 'graph', '--limit', '3'], ctx)).toBe(0)
    const out = ctx.stdout()
    const plain = out.replace(/\u001b\[[0-9;]*m/g, '')
    for (const line of plain.trimEnd().split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(60)
    expect(plain.split('\n\n')).toHaveLength(3)
    expect(out).toMatch(/\u001b\[1m\u001b\[33m[Gg]raph/)
    expect(ctx.stderr()).toMatch(/Showing 3 of \d+ matches/)
  })

  it('no match is not an error', async () => {
    for (const tty of [true, false]) {
      const ctx = testContext({ tty, library: searchFixture() })
      expect(await main(['search', 'zzqx'], ctx)).toBe(0)
      expect(ctx.stdout()).toBe('')
      expect(ctx.stderr()).toBe(tty ? 'No summaries match.\n' : '')
    }
  })

  it('a bad query is exit 2 with the column and a caret', async () => {
    const ctx = testContext({ library: searchFixture() })
    expect(await main(['search', 'message passing tittle:graph'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain(
      'precis: Unknown field "tittle:" (did you mean "title:"?) at column 17\n  message passing tittle:graph\n                  ^\n',
    )
  })

  it('sanitises what it shows', async () => {
    const library = searchFixture()
    library.summaries[0]!.body = 'message passing \u001b[2J with an escape'
    for (const tty of [true, false]) {
      const ctx = testContext({ tty, library })
      await main(['search', 'message', 'passing'], ctx)
      expect(ctx.stdout()).not.toContain('\u001b[2J')
      expect(ctx.stdout()).toContain('\\u001B[2J')
    }
  })
})

describe('list [query]', () => {
  it('filters with the search grammar, in list order', async () => {
    const ctx = testContext({ library: searchFixture() })
    expect(await main(['list', 'tag:physics', '-tag:physics/quantum', '--sort', 'year'], ctx)).toBe(0)
    expect(
      ctx
        .stdout()
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(['lorenz1963deterministic', 'metropolis1953equation', 'einstein1905electrodynamics', 'poincare1890probleme'])
  })

  it('without a query lists everything', async () => {
    const ctx = testContext({ library: searchFixture() })
    expect(await main(['list'], ctx)).toBe(0)
    expect(ctx.stdout().trimEnd().split('\n')).toHaveLength(62)
  })

  it('says so in a terminal when nothing matches', async () => {
    const ctx = testContext({ tty: true, library: searchFixture() })
    expect(await main(['list', 'year:1700'], ctx)).toBe(0)
    expect(ctx.stderr()).toBe('No summaries match.\n')
  })

  it('a bad query is exit 2', async () => {
    const ctx = testContext({ library: searchFixture() })
    expect(await main(['list', 'year:20x7'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('Bad year "20x7"')
  })
})
