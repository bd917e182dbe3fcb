/** CSL-JSON, RIS and Zotero's JSON read into records: the fixtures in test/fixtures/formats/interop/ (see its README), names, notes, hostile input. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readImport, detectFormat } from '../../../src/formats/detect.js'
import { cslPersonName } from '../../../src/formats/csljson-import.js'
import { risPersonName } from '../../../src/formats/ris-import.js'
import { htmlNoteToMarkdown } from '../../../src/formats/html-note.js'
import type { ImportFormat } from '../../../src/formats/import-formats.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/formats/interop/${name}`, import.meta.url), 'utf8')

const GILMER = {
  key: 'gilmer2017neural',
  title: 'Neural message passing for Quantum chemistry',
  year: 2017,
  venue: 'Proceedings of the 34th International Conference on Machine Learning',
  doi: '10.5555/3305381.3305512',
  url: 'https://proceedings.mlr.press/v70/gilmer17a.html',
}

describe('the fixtures, as each program exports them', () => {
  it.each([
    ['zotero-csl.json', 'csljson'],
    ['zotero.ris', 'ris'],
    ['zotero-api.json', 'zotero'],
    ['better-bibtex.json', 'zotero'],
  ] as const)('%s is detected as %s by its content', (name, format) => {
    expect(detectFormat(name, fixture(name))).toBe(format)
    expect(detectFormat(null, fixture(name))).toBe(format)
  })

  it('CSL-JSON: fields, other roles kept in a summary, annote as summaries, keywords as tags, a URL id dropped', async () => {
    const { records, problems } = await readImport('csljson', fixture('zotero-csl.json'), 'csl.json')
    expect(problems).toEqual([])
    const [gilmer, bert, names] = records
    expect(gilmer!.paper).toMatchObject({
      ...GILMER,
      arxiv: '1704.01212',
      authors: ['Justin Gilmer', 'Samuel S. Schoenholz', 'Patrick F. Riley', 'Oriol Vinyals', 'George E. Dahl'],
    })
    expect(gilmer!.summaries.map((s) => [s.body, s.tags])).toEqual([
      ['Message passing as one framework for graph networks.\n\nThe readout is a set2set model.', ['graph-neural-networks', 'chemistry']],
      ['Creators other than the authors, kept from the CSL-JSON import:\n\n- editor: Doina Precup; Yee Whye Teh\n', []],
    ])
    expect(bert!.paper).toMatchObject({ key: null, venue: 'arXiv', arxiv: '1810.04805', doi: '10.48550/arxiv.1810.04805', year: 2019 })
    expect(bert!.summaries).toEqual([])
    expect(names!.paper).toMatchObject({ year: 2021, authors: ['Jan van den Berg', 'King, Jr., Martin Luther', '{ATLAS Collaboration}'] })
    expect(names!.summaries[0]!.body).toContain('- translator: Warren Weaver')
  })

  it('RIS: an HTML note as Markdown (math kept), Extra lines as fields, editors kept', async () => {
    const { records, problems } = await readImport('ris', fixture('zotero.ris'), 'z.ris')
    expect(problems).toEqual([])
    const [gilmer, bert] = records
    expect(gilmer!.paper).toMatchObject(GILMER)
    expect(gilmer!.summaries.map((s) => s.body)).toEqual([
      '# Reading notes\n\nMessage passing as **one** framework, with $h_v^{t+1} = U_t(h_v^t, m_v^{t+1})$ & a readout.\n\n- edge network\n- set2set readout\n\nSee [the preprint](https://arxiv.org/abs/1704.01212).',
      'Creators other than the authors, kept from the RIS import:\n\n- editor (A2): Doina Precup; Yee Whye Teh\n',
    ])
    expect(bert!.paper).toMatchObject({ key: null, arxiv: '1810.04805', venue: 'arXiv', year: 2019 })
    expect(bert!.summaries).toEqual([]) // its only note was Zotero's "arXiv:1810.04805 [cs]"
  })

  it("Zotero's API JSON: child notes with their dates, attachments left out, the citation key from Extra", async () => {
    const { records, problems } = await readImport('zotero', fixture('zotero-api.json'), 'z.json')
    expect(problems).toEqual([])
    expect(records).toHaveLength(1)
    expect(records[0]!.paper).toMatchObject({ ...GILMER, arxiv: '1704.01212', added: '2024-03-01T10:00:00Z' })
    expect(records[0]!.summaries.map((s) => [s.body, s.tags, s.created])).toEqual([
      [
        'Message passing as *one* framework.\n\n1 < 2 & the readout is set2set.',
        ['graph-neural-networks', 'chemistry'],
        '2024-03-01T10:05:00Z',
      ],
      ['Creators other than the authors, kept from the Zotero import:\n\n- editor: Doina Precup\n- seriesEditor: ICML Board\n', [], null],
    ])
  })

  it('Better BibTeX JSON: collections as tags along their path, notes on the item', async () => {
    const { records } = await readImport('zotero', fixture('better-bibtex.json'), 'bbt.json')
    expect(records.map((r) => r.paper.key)).toEqual(['gilmer2017neural', 'devlin2019bert'])
    expect(records[0]!.summaries[0]).toMatchObject({
      body: 'Message passing as **one** framework.',
      tags: ['gnn', 'thesis/chapter-2:-graphs'],
    })
    expect(records[1]!.paper).toMatchObject({ arxiv: '1810.04805', venue: 'arXiv', authors: ['Jacob Devlin'] })
  })
})

describe('names', () => {
  it.each([
    [{ family: 'Gilmer', given: 'Justin' }, 'Justin Gilmer'],
    [{ family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van den' }, 'Jan van den Berg'],
    [{ family: 'Poussin', given: 'Charles', 'dropping-particle': 'de la Vallée' }, 'Charles de la Vallée Poussin'],
    [{ family: 'King', given: 'Martin', suffix: 'Jr.' }, 'King, Jr., Martin'],
    [{ literal: 'ATLAS Collaboration' }, '{ATLAS Collaboration}'],
    [{ family: 'Plato' }, '{Plato}'],
  ])('CSL %j → %s', (name, stored) => {
    expect(cslPersonName(name)).toBe(stored)
  })

  it.each([
    ['Gilmer, Justin', 'Justin Gilmer'],
    ['King, Martin, Jr.', 'King, Jr., Martin'],
    ['ATLAS Collaboration', 'ATLAS Collaboration'],
    ['Plato', '{Plato}'],
  ])('RIS %s → %s', (name, stored) => {
    expect(risPersonName(name)).toBe(stored)
  })
})

describe('HTML notes', () => {
  it.each([
    ['plain text, kept as it is: <3 & *stars*', 'plain text, kept as it is: <3 & *stars*'],
    ['<p>One</p><p>Two <em>it</em></p>', 'One\n\nTwo *it*'],
    ['<ol><li>a</li><li>b<ul><li>c</li></ul></li></ol>', '1. a\n2. b\n  - c'],
    ['<pre>x  =\n  1</pre>', '```\nx  =\n  1\n```'],
    ['<blockquote><p>quoted</p></blockquote>', '> quoted'],
    ['<p>a<script>alert(1)</script>b<!-- c --></p>', 'ab'],
    ['<h2>Head</h2><p>x&nbsp;y &lt;z&gt;</p>', '## Head\n\nx\u00a0y <z>'],
  ])('%j', (html, markdown) => {
    expect(htmlNoteToMarkdown(html)).toBe(markdown)
  })

  it('reads deep nesting without recursion', () => {
    expect(htmlNoteToMarkdown('<div>'.repeat(100_000) + '<p>deep</p>')).toBe('deep')
  })
})

describe('hostile input is refused cleanly', () => {
  it.each([
    ['csljson', '[' + '['.repeat(200) + ']'.repeat(200) + ']', /nested too deeply/],
    ['zotero', '{"items": ' + '['.repeat(200) + ']'.repeat(200) + '}', /nested too deeply/],
    ['csljson', '{"not": "csl"', /not valid JSON/],
    ['csljson', '"a string"', /not CSL-JSON/],
    ['zotero', '[{"title": "no itemType"}]', /not a Zotero/],
    ['ris', 'just some words\n', /holds no RIS record/],
  ] as const)('%s %#', async (format, text, message) => {
    await expect(readImport(format as ImportFormat, text, 'bad')).rejects.toThrow(message)
  })

  it('__proto__ keys are data: nothing is polluted, and the item is read by its own fields', async () => {
    const text =
      '[{"__proto__": {"polluted": 1, "title": "from the prototype"}, "title": "Own", "author": [{"__proto__": {"family": "X"}, "family": "Y", "given": "Z"}]}]'
    const { records } = await readImport('csljson', text, 'p.json')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(records[0]!.paper).toMatchObject({ title: 'Own', authors: ['Z Y'] })
  })

  it('control characters in a field make the record a problem naming it', async () => {
    const { records, problems } = await readImport('ris', 'TY  - JOUR\nTI  - A \u0007 bell\nER  - \n', 'c.ris')
    expect(records).toEqual([])
    expect(problems[0]!.reason).toMatch(/^title .*control character/)
  })

  it('a RIS record without ER, and text between records, are problems; the good record is read', async () => {
    const { records, problems } = await readImport('ris', 'TY  - JOUR\nTI  - Good\nER  - \nstray\nTY  - JOUR\nTI  - Open\n', 'o.ris')
    expect(records.map((r) => r.paper.title)).toEqual(['Good'])
    expect(problems.map((p) => `${p.origin}: ${p.reason}`)).toEqual([
      'o.ris, line 4: text outside a record (a record starts with a TY line)',
      'o.ris, line 5: the record is not closed by an ER line',
    ])
  })

  it('a title over the limit is a problem, not a crash', async () => {
    const { problems } = await readImport('csljson', JSON.stringify([{ title: 'x'.repeat(5000) }]), 'l.json')
    expect(problems[0]!.reason).toMatch(/^title is longer than 1000/)
  })
})
