/** `export --format md --flavor obsidian`: Obsidian properties and citations as [[key]] links, through the fake Context. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { emptyLibrary } from '../../src/core/model.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

function citingLibrary() {
  return libraryOf(
    [
      paper({ key: 'gilmer2017neural', title: 'Neural Message Passing', year: 2017 }),
      paper({ key: 'vaswani2017attention', title: 'Attention Is All You Need', year: 2017 }),
      paper({ key: 'kipf2017semi', title: 'Semi-Supervised Classification with GCNs', year: 2017 }),
    ],
    [
      summary({
        id: 'gilmer2017neural',
        paper: 'gilmer2017neural',
        tags: ['gnn', 'ml/graphs'],
        body: 'Builds on \\citep[see][p.~3]{kipf2017semi,vaswani2017attention}, as @kipf2017semi says; [see @vaswani2017attention, p. 5]. Not \\cite{nobody} nor `@kipf2017semi`.\n',
      }),
      summary({ id: 'kipf2017semi', paper: 'kipf2017semi', body: 'Cited by \\citet{gilmer2017neural}.\n' }),
      summary({ id: 'kipf2017semi-2', paper: 'kipf2017semi', body: 'A second note.\n' }),
    ],
  )
}

describe('export --flavor obsidian', () => {
  it('writes Obsidian properties and turns citations into links to the notes', async () => {
    const ctx = testContext({ library: citingLibrary() })
    const vault = join(tempDir(), 'vault')
    expect(await main(['export', '--format', 'md', '--flavor', 'obsidian', '--out', `${vault}/`], ctx), ctx.stderr()).toBe(0)
    expect(readdirSync(vault).sort()).toEqual(['gilmer2017neural.md', 'kipf2017semi-2.md', 'kipf2017semi.md'])
    const note = readFileSync(join(vault, 'gilmer2017neural.md'), 'utf8')
    expect(note).toContain('title: Neural Message Passing\naliases:\n  - Neural Message Passing\n')
    expect(note).toContain('tags:\n  - gnn\n  - ml/graphs\n')
    // A cited paper with a note links to it; one without (vaswani) is linked by key, a note to write.
    expect(note.slice(note.indexOf('---\n\n') + 5)).toBe(
      'Builds on (see [[kipf2017semi]]; [[vaswani2017attention]], p.~3), as [[kipf2017semi]] says; [see [[vaswani2017attention]], p. 5]. Not \\cite{nobody} nor `@kipf2017semi`.\n',
    )
    expect(readFileSync(join(vault, 'kipf2017semi.md'), 'utf8')).toMatch(/\n\nCited by \[\[gilmer2017neural\]\]\.\n$/)
  })

  it('the notes import back as the same summaries, citations aside', async () => {
    const ctx = testContext({ library: citingLibrary() })
    const vault = join(tempDir(), 'vault')
    expect(await main(['export', '--flavor', 'obsidian', '--out', `${vault}/`], ctx)).toBe(0)
    const back = testContext({ library: emptyLibrary() })
    expect(await main(['import', vault], back), back.stderr()).toBe(0)
    const lib = await back.store.read()
    expect(lib.papers.map((p) => [p.key, p.title])).toEqual(
      citingLibrary()
        .papers.filter((p) => p.key !== 'vaswani2017attention')
        .map((p) => [p.key, p.title]),
    )
    expect(lib.summaries.find((s) => s.id === 'kipf2017semi-2')).toMatchObject({ body: 'A second note.\n' })
  })

  it.each([
    [['export', '--format', 'json', '--flavor', 'obsidian'], '--flavor obsidian goes with --format md'],
    [['export', '--flavor', 'obsidian'], '--flavor obsidian writes one note per summary: give --out a folder'],
    [['export', '--flavor', 'logseq'], "argument 'logseq' is invalid"],
  ])('%j is a usage error', async (args, message) => {
    const ctx = testContext({ library: citingLibrary() })
    expect(await main(args, ctx)).toBe(2)
    expect(ctx.stderr()).toContain(message)
  })
})
