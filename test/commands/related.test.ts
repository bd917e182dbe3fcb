import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { testContext } from '../support/context.js'
import { connectedLibrary } from '../unit/connected/fixture.js'

async function run(argv: string[], tty = false, columns = 80) {
  const ctx = testContext({ tty, columns, library: connectedLibrary() })
  const code = await main(argv, ctx)
  return { code, out: ctx.stdout(), err: ctx.stderr() }
}

describe('related', () => {
  it('piped: one tab-separated line per paper, best first, with the reason', async () => {
    const { code, out } = await run(['related', 'velickovic2018graph'])
    expect(code).toBe(0)
    const rows = out
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'))
    expect(rows.map((r) => r[0])).toEqual(['kipf2017semi', 'gilmer2017neural', 'vaswani2017attention', 'snoek2012practical'])
    expect(rows[0]!.slice(2, 4)).toEqual(['2017', 'Semi-Supervised Classification with Graph Convolutional Networks'])
    expect(rows[0]![4]).toMatch(/^shares tags gnn, ml\/graphs; cited by velickovic2018graph; similar text: /)
    expect(rows.every((r) => r.length === 5 && /^0\.\d{3}$/.test(r[1]!))).toBe(true)
  })

  it('takes any handle (a summary id or a prefix) and --limit', async () => {
    const { out } = await run(['related', 'gilmer2017neural-2', '--limit', '1'])
    expect(out.split('\n').filter(Boolean)).toHaveLength(1)
    expect(out).toMatch(/^kipf2017semi\t/)
    expect((await run(['related', 'veli'])).out).toMatch(/^kipf2017semi\t/)
  })

  it('in a terminal: a line per paper within the width, the reasons wrapped under it', async () => {
    const { out } = await run(['related', 'velickovic2018graph'], true, 60)
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^0\.\d\d {2}kipf2017semi +2017 {2}Semi-Supervised .*…$/)
    expect(lines[1]).toMatch(/^ {6}shares tags gnn, ml\/graphs; cited by/)
    expect(lines.every((l) => [...l].length <= 60)).toBe(true)
  })

  it('--json prints the papers with scores and structured reasons', async () => {
    const { out } = await run(['--json', 'related', 'snoek2012practical'])
    const rows = JSON.parse(out) as {
      key: string
      id: string
      score: number
      reasons: { citedBy: boolean; tags: string[] }
      reason: string
    }[]
    expect(rows[0]).toMatchObject({
      key: 'rasmussen2004gaussian',
      id: 'rasmussen2004gaussian',
      reasons: { citedBy: true, tags: ['bayesian'] },
    })
    expect(rows[0]!.reason).toContain('cited by snoek2012practical')
    expect(rows.every((r) => r.score > 0 && r.score <= 1)).toBe(true)
  })

  it('says so on stderr when nothing is related, and prints no data', async () => {
    const lib = connectedLibrary()
    lib.papers.push({ ...lib.papers[0]!, key: 'lonely2020paper', title: 'Zzz', abstract: null })
    const ctx = testContext({ tty: true, library: lib })
    expect(await main(['related', 'lonely2020paper'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toContain('Nothing is related to lonely2020paper yet')
  })

  it.each([
    [['related', 'nobody'], 3, 'No summary or paper matches'],
    [['related', 'velickovic2018graph', '--limit', '0'], 2, '--limit'],
    [['related'], 2, "missing required argument 'handle'"],
  ])('%j exits %i', async (argv, code, message) => {
    const result = await run(argv)
    expect(result.code).toBe(code)
    expect(result.err).toContain(message)
  })

  it('shows hostile titles escaped', async () => {
    const lib = connectedLibrary()
    lib.papers.find((p) => p.key === 'kipf2017semi')!.title = 'Evil\u001b]8;;http://x\u0007\u202e title'
    for (const tty of [true, false]) {
      const ctx = testContext({ tty, library: lib })
      await main(['related', 'velickovic2018graph'], ctx)
      expect(ctx.stdout()).not.toMatch(/[\u0007\u001b\u202e]/)
      expect(ctx.stdout()).toContain('Evil\\u001B]8;;http://x\\u0007\\u202E title')
    }
  })
})
