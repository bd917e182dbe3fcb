import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { paper, smallLibrary } from '../support/library.js'
import { testContext } from '../support/context.js'

/** A terminal context that says yes to every confirmation and records what it was asked. */
function confirming(columns = 80) {
  const questions: string[] = []
  const ctx = testContext({
    tty: true,
    columns,
    library: smallLibrary(),
    answers: { confirm: (q: { message: string }) => questions.push(q.message) > 0 },
  })
  return { ctx, questions }
}

describe('rm and trash speak in titles, whole id lists and plurals', () => {
  it('rm of one summary shows its title before asking', async () => {
    const { ctx, questions } = confirming()
    expect(await main(['rm', 'rasmussen2004gaussian'], ctx)).toBe(0)
    expect(ctx.stderr()).toMatch(/^ {2}rasmussen2004gaussian {2}Gaussian Processes in Machine Learning\n/)
    expect(questions).toEqual(['Move rasmussen2004gaussian to the trash?'])
  })

  it('rm of two summaries lists both with titles fitted to the width and undoes with both ids', async () => {
    const { ctx, questions } = confirming(40)
    expect(await main(['rm', 'rasmussen2004gaussian', 'gilmer2017neural-2'], ctx)).toBe(0)
    const listed = ctx.stderr().split('\n').slice(0, 2)
    expect(listed).toEqual(['  rasmussen200…  Gaussian Processes in …', '  gilmer2017ne…  Neural Message Passing…'])
    expect(questions[0]).toBe('Move these 2 summaries to the trash?')
    expect(ctx.stderr()).toContain(
      'Moved 2 summaries to the trash; undo with:\n  precis restore gilmer2017neural-2 rasmussen2004gaussian\n',
    )
    expect(await main(['restore', 'rasmussen2004gaussian', 'gilmer2017neural-2'], ctx)).toBe(0)
    expect((await ctx.store.read()).trash).toEqual([])
  })

  it.each([
    [['rasmussen2004gaussian'], 'Delete 1 trashed summary for good?', 'Deleted 1 summary for good'],
    [['gilmer'], 'Delete 2 trashed summaries for good?', 'Deleted 2 summaries for good'],
  ])('trash --empty after rm %j says %s', async (handles, question, done) => {
    const { ctx, questions } = confirming()
    expect(await main(['rm', ...handles, '--yes'], ctx)).toBe(0)
    expect(await main(['trash', '--empty'], ctx)).toBe(0)
    expect(questions).toEqual([question])
    expect(ctx.stderr()).toContain(done)
  })

  it.each([80, 160])('trash in a %i-column terminal is an aligned table; piped it stays tab-separated', async (columns) => {
    const { ctx } = confirming(columns)
    const lib = await ctx.store.read()
    lib.papers[0]!.title = `${'A very long title '.repeat(12)}end`
    await ctx.store.update((l) => void Object.assign(l, lib))
    expect(await main(['rm', 'gilmer', 'rasmussen2004gaussian', '--yes'], ctx)).toBe(0)
    const before = ctx.stdout().length
    expect(await main(['trash'], ctx)).toBe(0)
    const lines = ctx.stdout().slice(before).trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines.join('\n')).not.toContain('\t')
    expect(lines.every((l) => [...l].length <= columns)).toBe(true)
    expect(new Set(lines.map((l) => l.indexOf('2026-11-26'))).size).toBe(1)
    expect(lines.some((l) => l.endsWith('…'))).toBe(true)
    const piped = testContext({ library: await ctx.store.read() })
    expect(await main(['trash'], piped)).toBe(0)
    expect(piped.stdout().split('\n')[0]).toMatch(/^\S+\t2026-11-26\t.+$/)
  })

  it.each([
    ['ICML 2017', 2017, 'ICML 2017'],
    ['(ICML 2017)', 2017, '(ICML 2017)'],
    ['ICML', 2017, 'ICML 2017'],
    ['NeurIPS 2016', 2017, 'NeurIPS 2016 2017'],
    ['Proceedings of ICML 12017', 2017, 'Proceedings of ICML 12017 2017'],
  ])('show prints venue %s of year %i as "%s"', async (venue, year, expected) => {
    const lib = smallLibrary()
    lib.papers[1] = { ...lib.papers[1]!, ...paper({ key: 'rasmussen2004gaussian', venue, year }) }
    const ctx = testContext({ tty: true, library: lib })
    expect(await main(['show', 'rasmussen2004gaussian'], ctx)).toBe(0)
    expect(ctx.stdout()).toContain(`${expected}\n`)
  })
})
