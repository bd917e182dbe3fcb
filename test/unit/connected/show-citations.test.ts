import { describe, expect, it } from 'vitest'
import { main } from '../../../src/main.js'
import { testContext } from '../../support/context.js'
import { connectedLibrary } from './fixture.js'

async function show(handle: string): Promise<string> {
  const ctx = testContext({ library: connectedLibrary() })
  expect(await main(['show', handle], ctx)).toBe(0)
  return ctx.stdout()
}

describe('show with citations', () => {
  it('shows cited papers by their short titles, in brackets for \\cite and inline for \\citet', async () => {
    const out = (await show('velickovic2018graph')).replace(/\s+/g, ' ')
    expect(out).toContain('like Attention Is All You Need, instead')
    expect(out).toContain('the fixed averages of [Semi-Supervised Classification with Graph…].')
    expect(out).not.toContain('\\cite')
  })

  it('ends with the summaries that cite the paper', async () => {
    const out = await show('kipf2017semi')
    const tail = out.slice(out.indexOf('── Cited by'))
    expect(tail).toBe(
      '── Cited by 2 ' +
        '─'.repeat(66) +
        '\n' +
        'gilmer2017neural     Neural Message Passing for Quantum Chemistry\n' +
        'velickovic2018graph  Graph Attention Networks\n',
    )
  })

  it('has no "Cited by" for a paper nobody cites, and never changes the stored text', async () => {
    expect(await show('gilmer2017neural')).not.toContain('Cited by')
    const ctx = testContext({ library: connectedLibrary() })
    await main(['show', 'velickovic2018graph', '--raw'], ctx)
    expect(ctx.stdout()).toContain('like \\citet{vaswani2017attention}, instead')
  })
})
