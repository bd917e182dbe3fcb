/**
 * Reproducers from real bibliographies and Crossref (issue 17): entries that were refused or changed
 * on a round trip, markup stored literally, organisation authors dropped. Each goes through the
 * built binary as a user would run it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { readLibraryFile } from './support/files.js'
import { precisOn } from './support/precis.js'

const REAL_BIB = String.raw`
@article{dotan2019perovskite,
  author   = {{Hen Dotan, Nripan Mathews, Takashi Hisatomi, Michael Gr{\"a}tzel} and Garc{\'\i}a, Jos{\'e}},
  title    = {Solar water splitting with HfO<sub>2</sub> and {BERT}},
  journal  = {Child Abuse &amp; Neglect},
  year     = {2019},
  abstract = {Panels under $100. are common.},
  keywords = {Solar Energy, energy//storage, a keyword far longer than sixty-four characters that a reference manager wrote},
  annote   = {Read for the *HfO₂* layer:\\
- cheap\\
- stable

* * *

A second reader's note.}
}
@misc{atlas2012higgs,
  author = {{ATLAS Collaboration}},
  title  = {Observation of a new particle},
  year   = {2012},
  note   = {Home\~{}dir}
}
`

describe('real BibTeX through the binary', () => {
  it('imports every entry, finds García, and reads its own --with-summaries export back unchanged', async () => {
    const dir = tempDir('precis-bibclean-')
    const env = { HOME: dir }
    const library = join(dir, 'library.json')
    writeFileSync(join(dir, 'real.bib'), REAL_BIB)
    const imported = await precisOn(library, ['import', join(dir, 'real.bib')], { env })
    expect(imported.code, imported.stderr).toBe(0)
    const lib = readLibraryFile(library)
    expect(lib.papers.map((p) => [p.key, p.title, p.venue, p.authors])).toEqual([
      ['atlas2012higgs', 'Observation of a new particle', null, ['{ATLAS Collaboration}']],
      [
        'dotan2019perovskite',
        'Solar water splitting with HfO₂ and BERT',
        'Child Abuse & Neglect',
        ['{Hen Dotan, Nripan Mathews, Takashi Hisatomi, Michael Grätzel}', 'José García'],
      ],
    ])
    expect(lib.summaries.map((s) => [s.id, s.body, s.tags])).toEqual([
      ['atlas2012higgs', 'Home~dir', []],
      [
        'dotan2019perovskite',
        'Read for the *HfO₂* layer:\n- cheap\n- stable',
        ['a-keyword-far-longer-than-sixty-four-characters-that-a-reference', 'energy/storage', 'solar-energy'],
      ],
      [
        'dotan2019perovskite-2',
        "A second reader's note.",
        ['a-keyword-far-longer-than-sixty-four-characters-that-a-reference', 'energy/storage', 'solar-energy'],
      ],
    ])

    const found = await precisOn(library, ['search', 'garcia', '--json'], { env })
    expect(found.code, found.stderr).toBe(0)
    expect(JSON.parse(found.stdout).map((hit: { key: string }) => hit.key)).toContain('dotan2019perovskite')

    const out = join(dir, 'out.bib')
    const exported = await precisOn(library, ['export', '--format', 'bibtex', '--with-summaries', '--out', out], { env })
    expect(exported.code, exported.stderr).toBe(0)
    const bib = readFileSync(out, 'utf8')
    // Braced whole, so bibtex sees one name and says nothing of "Too many commas in name".
    expect(bib).toContain('author = {{Hen Dotan, Nripan Mathews, Takashi Hisatomi, Michael Grätzel} and García, José}')
    expect(bib).toContain('author = {{ATLAS Collaboration}}')
    expect(bib).toContain('title = {Solar water splitting with {HfO₂} and {BERT}}')

    const again = join(dir, 'again.json')
    const reimported = await precisOn(again, ['import', out], { env })
    expect(reimported.code, reimported.stderr).toBe(0)
    const back = readLibraryFile(again)
    const stamps = { added: '', created: '', updated: '' }
    const comparable = (l: typeof lib) => ({
      papers: l.papers.map((p) => ({ ...p, added: '' })),
      summaries: l.summaries.map((s) => ({ ...s, ...stamps })),
    })
    expect(comparable(back)).toEqual(comparable(lib))
  })
})

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('a Crossref record with markup through the binary', () => {
  it('stores text, keeps organisations whole, and exports them braced', async () => {
    const record = readFileSync(new URL('../fixtures/sources/doi/markup.json', import.meta.url), 'utf8')
    server = await startServer(() => ({ body: record, headers: { 'content-type': 'application/vnd.citationstyles.csl+json' } }))
    const dir = tempDir('precis-bibclean-')
    const library = join(dir, 'library.json')
    const env = { HOME: dir, PRECIS_CACHE_DIR: join(dir, 'cache'), PRECIS_DOI_URL: `${server.origin}/doi` }
    const added = await precisOn(library, ['add', '10.5555/markup.2021.3', '--body', 'Notes.'], { env })
    expect(added.code, added.stderr).toBe(0)
    const [paper] = readLibraryFile(library).papers
    expect(paper).toMatchObject({
      title: 'Ferroelectric HfO₂ films and H⁺ transport in Drosophila: the Cas9 case of T_c <100 K',
      authors: ['Ana González', '{ATLAS Collaboration}', '{Hen Dotan, Nripan Mathews}', '{CMS Collaboration}'],
      venue: 'Child Abuse & Neglect',
    })
    const exported = await precisOn(library, ['export', '--format', 'bibtex'], { env })
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stdout).toContain(
      'author = {González, Ana and {ATLAS Collaboration} and {Hen Dotan, Nripan Mathews} and {CMS Collaboration}}',
    )
    expect(exported.stdout).toContain('journal = {{Child Abuse} \\& {Neglect}}')
    expect(exported.stdout).not.toMatch(/&amp;|textless{}sub|textless{}i/)
  })
})
