/**
 * The reproducers of "no import degrades what you have", through the built binary: the README's
 * example that replaced a real title with a ShortScience placeholder, and a page imported again
 * after its paper was filled in by hand, which added a byte-identical summary doctor did not see.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { readLibraryFile } from './support/files.js'
import { precisOn } from './support/precis.js'

const MPNN = 'Neural Message Passing for Quantum Chemistry'
const PROCEEDINGS = 'https://proceedings.mlr.press/v70/gilmer17a.html'
const fixture = (name: string) => new URL(`../fixtures/formats/${name}`, import.meta.url)

describe('imports that never degrade a paper (spawned)', () => {
  it('precis import refs.bib shortscience.csv --on-conflict update keeps the real title and link, and the dry run promises no change to them', async () => {
    const dir = tempDir('precis-merge-e2e-')
    const library = join(dir, 'library.json')
    writeFileSync(
      join(dir, 'refs.bib'),
      `@inproceedings{gilmer2017neural,\n  author = {Gilmer, Justin},\n  title = {${MPNN}},\n  year = 2017,\n  eprint = {1704.01212},\n  url = {${PROCEEDINGS}},\n}\n`,
    )
    copyFileSync(fixture('shortscience.csv'), join(dir, 'shortscience.csv'))
    const args = ['import', 'refs.bib', 'shortscience.csv', '--on-conflict', 'update', '--partial']
    const dry = await precisOn(library, [...args, '--dry-run'], { cwd: dir })
    expect(dry.code).toBe(0)
    expect(dry.stdout).not.toContain('→')
    const real = await precisOn(library, args, { cwd: dir })
    expect(real.code).toBe(0)
    expect(real.stderr).not.toContain('→')
    const paper = readLibraryFile(library).papers.find((p) => p.key === 'gilmer2017neural')
    expect(paper).toMatchObject({ title: MPNN, url: PROCEEDINGS, authors: ['Justin Gilmer'], year: 2017 })
  })

  it('a page imported again after its paper was filled in adds nothing; a copy made before is found by doctor and merged by --fix', async () => {
    const dir = tempDir('precis-merge-e2e-')
    const library = join(dir, 'library.json')
    const page = join(dir, 'page.txt')
    copyFileSync(fixture('shortscience-page.txt'), page)
    expect((await precisOn(library, ['import', page])).code).toBe(0)
    const first = readLibraryFile(library).summaries[0]!
    const edit = await precisOn(library, ['edit', first.id, '--title', MPNN, '--author', 'Justin Gilmer', '--year', '2017'])
    expect(edit.code).toBe(0)

    // The same page copied again, as another browser saves it: CRLF line ends, trailing spaces.
    writeFileSync(page, readFileSync(page, 'utf8').replaceAll('\n', ' \r\n'))
    const again = await precisOn(library, ['import', page])
    expect(again.code).toBe(0)
    expect(again.stderr).toMatch(/^Nothing changed: .*\d+ summar(y|ies) unchanged/m)

    // A library made before imports recognised the copy: the same text twice.
    const lib = readLibraryFile(library)
    const copy = {
      ...lib.summaries[0]!,
      id: 'copy2017x',
      paper: 'copy2017x',
      body: `${lib.summaries[0]!.body}\r\n`,
      tags: ['later'],
      created: '2020-01-01T00:00:00.000Z',
    }
    lib.papers.push({
      key: 'copy2017x',
      title: 'Untitled ShortScience summary 00000000',
      authors: [],
      year: null,
      venue: null,
      arxiv: null,
      doi: null,
      url: null,
      abstract: null,
      added: '2020-01-01T00:00:00.000Z',
    })
    lib.summaries.push(copy)
    writeFileSync(library, JSON.stringify(lib))
    const found = await precisOn(library, ['doctor'])
    expect(found.code).toBe(4)
    expect(found.stdout).toContain(`[duplicate-summary] copy2017x holds the same text as ${first.id}`)
    const fixed = await precisOn(library, ['doctor', '--fix'])
    expect(fixed.code).toBe(0)
    const after = readLibraryFile(library)
    expect(after.summaries.filter((s) => s.id === first.id)).toMatchObject([
      { tags: ['shortscience', 'later'], created: '2020-01-01T00:00:00.000Z' },
    ])
    expect(after.papers.map((p) => p.key)).not.toContain('copy2017x')
  })
})
