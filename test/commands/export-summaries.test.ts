import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { readBibtex } from '../../src/formats/bibtex-import.js'
import { testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'

describe('export --format bibtex --with-summaries', () => {
  it('writes every summary of each paper into its annote, which import reads back', async () => {
    const lib = smallLibrary()
    const ctx = testContext({ library: lib })
    expect(await main(['export', '--format', 'bibtex', '--with-summaries'], ctx)).toBe(0)
    const back = readBibtex(ctx.stdout(), 'out.bib')
    expect(back.problems).toEqual([])
    const bodies = (key: string) => back.records.find((r) => r.paper.key === key)?.summaries.map((s) => s.body) ?? []
    for (const paper of lib.papers) {
      expect(bodies(paper.key)).toEqual(lib.summaries.filter((s) => s.paper === paper.key).map((s) => s.body.trim()))
    }
  })

  it('writes no annote without the flag', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['export', '--format', 'bibtex'], ctx)).toBe(0)
    expect(ctx.stdout()).not.toContain('annote')
  })

  it.each(['md', 'json', 'html'])('is a usage error with --format %s', async (format) => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['export', '--format', format, '--with-summaries'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('--with-summaries goes with --format bibtex, csljson or ris')
  })
})
