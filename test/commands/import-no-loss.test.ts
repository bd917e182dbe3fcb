import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { emptyLibrary } from '../../src/core/model.js'
import { tempDir, testContext } from '../support/context.js'

const MPNN = 'Neural Message Passing for Quantum Chemistry'
const PROCEEDINGS = 'https://proceedings.mlr.press/v70/gilmer17a.html'

/** The README's example: a BibTeX file that knows MPNN, and ShortScience's CSV export that names it by arXiv id. */
function readmeInputs(): { bib: string; csv: string } {
  const dir = tempDir()
  const bib = join(dir, 'refs.bib')
  writeFileSync(
    bib,
    `@inproceedings{gilmer2017neural,\n  author = {Gilmer, Justin},\n  title = {${MPNN}},\n  year = 2017,\n  eprint = {1704.01212},\n  url = {${PROCEEDINGS}},\n}\n`,
  )
  const csv = join(dir, 'shortscience.csv')
  copyFileSync(new URL('../fixtures/formats/shortscience.csv', import.meta.url), csv)
  return { bib, csv }
}

describe('import --on-conflict update never degrades a paper', () => {
  it('keeps the real title and link when ShortScience placeholders meet them (the README example)', async () => {
    const { bib, csv } = readmeInputs()
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(['import', bib, csv, '--on-conflict', 'update', '--partial'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(lib.papers.find((p) => p.key === 'gilmer2017neural')).toMatchObject({
      title: MPNN,
      url: PROCEEDINGS,
      authors: ['Justin Gilmer'],
    })
    expect(lib.summaries.filter((s) => s.paper === 'gilmer2017neural')).toHaveLength(2)
    expect(ctx.stderr()).not.toContain('→')

    const again = testContext({ library: lib })
    expect(await main(['import', csv, '--on-conflict', 'update', '--dry-run', '--partial'], again)).toBe(0)
    expect(again.stdout()).not.toContain('updated')
  })

  it('lets the real values replace the placeholders, and says so as old → new in the dry run and the real run', async () => {
    const { bib, csv } = readmeInputs()
    const first = testContext({ library: emptyLibrary() })
    expect(await main(['import', csv, '--partial'], first)).toBe(0)
    const placeholder = (await first.store.read()).papers.find((p) => p.arxiv === '1704.01212')!
    expect(placeholder.title).toBe('Untitled ShortScience paper journals/corr/1704.01212')

    const lines = [
      `    title: Untitled ShortScience paper journals/corr/1704.01212 → ${MPNN}`,
      '    authors: (none) → Justin Gilmer',
      '    year: (none) → 2017',
      `    url: https://www.shortscience.org/paper?bibtexKey=journals%2Fcor… → ${PROCEEDINGS}`,
    ]
    const dry = testContext({ library: await first.store.read() })
    expect(await main(['import', bib, '--on-conflict', 'update', '--dry-run'], dry)).toBe(0)
    expect(dry.stdout()).toContain(['(differs: title, authors, year, url)', ...lines].join('\n'))

    const real = testContext({ library: await first.store.read() })
    expect(await main(['import', bib, '--on-conflict', 'update'], real)).toBe(0)
    expect(real.stderr()).toBe([`updated paper ${placeholder.key}`, ...lines, 'Imported: 1 paper updated', ''].join('\n'))
    expect((await real.store.read()).papers.find((p) => p.key === placeholder.key)).toMatchObject({
      title: MPNN,
      url: PROCEEDINGS,
      year: 2017,
    })
  })

  it('shows hostile values escaped and long ones shortened', async () => {
    const dir = tempDir()
    const file = join(dir, 'a.md')
    writeFileSync(file, `---\ntitle: "T"\nkey: k\nvenue: "\\u202Eevil ${'x'.repeat(100)}"\n---\nBody.\n`)
    const lib = {
      ...emptyLibrary(),
      papers: [
        {
          key: 'k',
          title: 'T',
          authors: [],
          year: null,
          venue: 'Old',
          arxiv: null,
          doi: null,
          url: null,
          abstract: null,
          added: '2024-01-01T00:00:00.000Z',
        },
      ],
    }
    const ctx = testContext({ library: lib })
    expect(await main(['import', file, '--on-conflict', 'update', '--dry-run'], ctx)).toBe(0)
    const line = ctx
      .stdout()
      .split('\n')
      .find((l) => l.startsWith('    venue:'))!
    expect(line).toMatch(/^ {4}venue: Old → \\u202Eevil x+…$/)
    expect(line).not.toContain('\u202e')
    expect([...line.split(' → ')[1]!]).toHaveLength(60 + 5) // 60 characters shown, the escape spelled out in 6
  })
})
