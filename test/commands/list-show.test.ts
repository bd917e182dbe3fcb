import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { libraryOf, paper, smallLibrary, summary } from '../support/library.js'
import { testContext } from '../support/context.js'

describe('list', () => {
  it('piped: one tab-separated line per summary, newest added first', async () => {
    const ctx = testContext({ tty: false, library: smallLibrary() })
    expect(await main(['list'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(
      'gilmer2017neural-2\t2017\tNeural Message Passing for Quantum Chemistry\t\n' +
        'gilmer2017neural\t2017\tNeural Message Passing for Quantum Chemistry\tgnn,chemistry\n' +
        'rasmussen2004gaussian\t2004\tGaussian Processes in Machine Learning\tbayesian\n',
    )
  })

  it('in a terminal: aligned columns within the width, with "to summarise" for a paper without summaries', async () => {
    const lib = smallLibrary()
    lib.papers.push(
      paper({ key: 'lone2021paper', title: 'A paper nobody has summarised yet, with a rather long title that must be cut', year: 2021 }),
    )
    const ctx = testContext({ tty: true, columns: 70, library: lib })
    expect(await main(['ls', '--sort', 'title'], ctx)).toBe(0)
    const lines = ctx.stdout().trimEnd().split('\n')
    expect(lines[0]).toMatch(/^lone2021paper\s+2021\s+A paper nobody.*…\s+\(to summarise\)$/)
    expect(lines.every((l) => [...l].length <= 70 && l === l.trimEnd())).toBe(true)
    expect(lines).toHaveLength(4)
  })

  it('--json prints the contract fields', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['list', '--json', '--sort', 'year', '--limit', '1'], ctx)).toBe(0)
    const rows = JSON.parse(ctx.stdout()) as Record<string, unknown>[]
    expect(rows).toHaveLength(1)
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['id', 'key', 'title', 'authors', 'year', 'venue', 'arxiv', 'doi', 'tags']),
    )
    expect(rows[0]).toMatchObject({ key: 'gilmer2017neural', year: 2017 })
  })

  it.each([
    [['list', '--sort', 'colour'], '--sort'],
    [['list', '--limit', '0'], '--limit'],
  ])('%j is a usage error naming %s', async (argv, flag) => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(argv, ctx)).toBe(2)
    expect(ctx.stderr()).toContain(flag)
  })

  it('shows control characters in titles escaped, never raw', async () => {
    const lib = smallLibrary()
    lib.papers[0]!.title = 'Evil \u001b]8;;http://x\u0007title\u202e'
    for (const tty of [true, false]) {
      const ctx = testContext({ tty, library: lib })
      await main(['list'], ctx)
      expect(ctx.stdout()).not.toMatch(/[\u001b\u0007\u202e]/)
      expect(ctx.stdout()).toContain('\\u001B')
    }
  })
})

describe('show', () => {
  it('--raw prints the stored Markdown exactly', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['show', 'rasmussen2004gaussian', '--raw'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('A GP is $\\mathcal{GP}(m, k)$.\n')
  })

  it('--json prints one record per summary of the paper, with body', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['--json', 'show', 'gilmer2017neural'], ctx)).toBe(0)
    const records = JSON.parse(ctx.stdout()) as { id: string; body: string }[]
    expect(records.map((r) => r.id)).toEqual(['gilmer2017neural', 'gilmer2017neural-2'])
    expect(records[0]?.body).toBe('Notes on gilmer2017neural.\n')
  })

  it('an unknown handle is exit 3 with candidates', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['show', 'gilmer2071neural'], ctx)).toBe(3)
    expect(ctx.stderr()).toContain('Did you mean')
    expect(ctx.stderr()).toContain('gilmer2017neural')
  })

  it('an ambiguous prefix is exit 2 listing the papers', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['show', ''], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('rasmussen2004gaussian')
  })
})

describe('show of summaries whose paper is missing', () => {
  const orphans = () =>
    libraryOf(
      [paper({ key: 'smith2020alpha' })],
      [
        summary({ id: 'smith2020alpha', paper: 'smith2020alpha', body: 'Alpha.' }),
        summary({ id: 'jones2019gone', paper: 'jones2019gone', body: 'First orphan.' }),
        summary({ id: 'jones2019gone-2', paper: 'jones2019gone', body: 'Second orphan.' }),
      ],
    )
  it.each([true, false])('a prefix reaching both shows both under the stand-in paper (terminal: %s)', async (tty) => {
    const ctx = testContext({ tty, library: orphans() })
    expect(await main(['show', 'jones', '--width', '80'], ctx)).toBe(0)
    expect(ctx.stdout()).toContain('(missing paper jones2019gone)')
    expect(ctx.stdout()).toMatch(/First orphan\.[\s\S]*Second orphan\./)
    expect(ctx.stderr()).toBe('')
  })

  it('--json: one entry per summary', async () => {
    const ctx = testContext({ library: orphans() })
    expect(await main(['show', 'jones', '--json'], ctx)).toBe(0)
    expect((JSON.parse(ctx.stdout()) as { id: string }[]).map((e) => e.id)).toEqual(['jones2019gone', 'jones2019gone-2'])
  })
})
