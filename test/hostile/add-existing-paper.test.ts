/**
 * Issue 21, item 9: `add <paper key>` adds a summary to a paper of the library, and `add --no-summary`
 * puts a paper on the reading list without one.
 */
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'

describe('add <paper key>', () => {
  it.each([
    ['its key', 'rasmussen2004gaussian'],
    ['a unique prefix', 'rasmussen'],
    ['its key in capitals', 'RASMUSSEN2004GAUSSIAN'],
  ])('%s: a second summary of that paper, no metadata asked for', async (_, handle) => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['add', handle, '--body', 'A second reading.', '--tag', 'bayesian'], ctx), ctx.stderr()).toBe(0)
    expect(ctx.stdout()).toBe('rasmussen2004gaussian-2\n')
    expect(ctx.stderr()).toContain('to the existing paper Gaussian Processes in Machine Learning (rasmussen2004gaussian)')
    const lib = await ctx.store.read()
    expect(lib.papers).toHaveLength(2)
    expect(lib.summaries.find((s) => s.id === 'rasmussen2004gaussian-2')).toMatchObject({
      paper: 'rasmussen2004gaussian',
      body: 'A second reading.',
    })
  })

  it('a handle that names no paper is a usage error (exit 2) with close keys, and nothing is written', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['add', 'rasmusen2004gaussian', '--body', 'x'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('"rasmusen2004gaussian" is not an arXiv id or a DOI, nor a paper in the library')
    expect(ctx.stderr()).toContain('rasmussen2004gaussian')
    expect((await ctx.store.read()).summaries).toHaveLength(3)
  })
})

describe('add --no-summary', () => {
  it('adds the paper alone: it is listed to summarise, and a later add <key> gives it its summary', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(
      await main(['add', '--no-summary', '--title', 'Attention Is All You Need', '--author', 'Ashish Vaswani', '--year', '2017'], ctx),
      ctx.stderr(),
    ).toBe(0)
    expect(ctx.stdout()).toBe('vaswani2017attention\n')
    expect(ctx.stderr()).toContain('(no summary yet)')
    let lib = await ctx.store.read()
    expect(lib.papers.map((p) => p.key)).toContain('vaswani2017attention')
    expect(lib.summaries.some((s) => s.paper === 'vaswani2017attention')).toBe(false)

    const later = testContext({ library: lib })
    expect(await main(['add', 'vaswani2017attention', '--body', 'Attention only.'], later), later.stderr()).toBe(0)
    expect(later.stdout()).toBe('vaswani2017attention\n')
    lib = await later.store.read()
    expect(lib.summaries.find((s) => s.id === 'vaswani2017attention')).toMatchObject({
      paper: 'vaswani2017attention',
      body: 'Attention only.',
    })
  })

  it('a paper already in the library stays as it is (exit 0, its key printed)', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['add', 'gilmer2017neural', '--no-summary'], ctx), ctx.stderr()).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural\n')
    expect(ctx.stderr()).toContain('is already in the library')
    expect(await ctx.store.read()).toEqual(smallLibrary())
  })

  it.each([['--body', 'x'], ['--edit']])('with %s is a usage error (exit 2)', async (...flag) => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['add', 'gilmer2017neural', '--no-summary', ...flag], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('--no-summary adds the paper alone')
  })
})
