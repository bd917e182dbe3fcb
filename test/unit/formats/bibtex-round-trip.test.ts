/**
 * Real-world BibTeX through a round trip: import → export (with and without summaries) → import
 * gives the same library, keys included.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mergeRecords } from '../../../src/core/merge/import-merge.js'
import { emptyLibrary, type Library } from '../../../src/core/model.js'
import { readBibtex } from '../../../src/formats/bibtex-import.js'
import { libraryToBibtex } from '../../../src/formats/bibtex.js'
import { libraryToJson, readJsonLibrary } from '../../../src/formats/json.js'
import { readMarkdownSummary, summaryToMarkdown } from '../../../src/formats/markdown.js'
import type { ImportResult } from '../../../src/core/merge/imported-records.js'
import { checkImportResult } from '../../../src/formats/record-check.js'
import { tagsByPaper } from '../../../src/core/tags/paper-tags.js'

const fixture = readFileSync(new URL('../../fixtures/formats/real-constructs.bib', import.meta.url), 'utf8')
const now = new Date('2030-01-01T00:00:00.000Z')

function merged(results: ImportResult[]): Library {
  const { records, problems } = checkImportResult({
    records: results.flatMap((r) => r.records),
    problems: results.flatMap((r) => r.problems),
  })
  expect(problems).toEqual([])
  const lib = emptyLibrary()
  mergeRecords(lib, records, { onConflict: 'skip', now })
  return lib
}

const imported = (bib: string) => merged([readBibtex(bib, 'refs.bib')])

describe('a BibTeX round trip of real constructs', () => {
  const original = imported(fixture)

  it('reads every entry, as people mean it', () => {
    expect(original.papers.map((p) => p.key)).toEqual(['dotan2019perovskite', 'atlas2012observation', 'aydin2020dotless'])
    const [dotan, atlas, aydin] = original.papers
    expect(dotan).toMatchObject({
      authors: ['{Hen Dotan, Nripan Mathews, Takashi Hisatomi, Kevin Sivula}', 'José García', 'Ana Muïz', 'Bo Gaíl', 'Carl Škoda'],
      title: 'Ferroelectric HfO₂ and H⁺ in Drosophila for BERT and GPs at ICML with LaTeX',
      venue: 'Child Abuse & Neglect',
      abstract: 'Phones under $100. sell well, and $5 ones too.',
    })
    expect(atlas!.authors).toEqual(['{ATLAS Collaboration}'])
    expect(aydin!.authors).toEqual(['Ayşe Aydın', 'Jean François'])
    expect(original.summaries.map((s) => [s.paper, s.tags])).toEqual([
      ['dotan2019perovskite', ['a-very-long-keyword-that-somebody-typed-as-a-sentence-into-the', 'machine-learning', 'methods/survey']],
      ['dotan2019perovskite', ['a-very-long-keyword-that-somebody-typed-as-a-sentence-into-the', 'machine-learning', 'methods/survey']],
      ['atlas2012observation', []],
    ])
    expect(original.summaries.map((s) => s.body)).toEqual([
      'First summary, with *emphasis*, a list\n- one\n- two\n\nand $x^2$ math, a lone $5, en–dash and “quotes”.',
      'Second summary by someone else.',
      'Home~dir and x^2 and ~ in a note.',
    ])
  })

  it('writes braced names braced, acronyms protected and summaries into annote', () => {
    const bib = libraryToBibtex(original, { withSummaries: true })
    expect(bib).toContain('author = {{Hen Dotan, Nripan Mathews, Takashi Hisatomi, Kevin Sivula} and García, José and')
    expect(bib).toContain('author = {{ATLAS Collaboration}}')
    expect(bib).toContain('title = {Ferroelectric {HfO₂} and {H}⁺ in Drosophila for {BERT} and {GPs} at {ICML} with {LaTeX}}')
    expect(bib).toContain(
      'annote = {First summary, with *emphasis*, a list\\\\\n- one\\\\\n- two\n\nand $x^2$ math, a lone \\$5, en–dash and “quotes”.\n\n* * *\n\nSecond summary by someone else.}',
    )
  })

  it('gives the same library back with summaries', () => {
    const back = imported(libraryToBibtex(original, { withSummaries: true }))
    expect(libraryToJson(back)).toBe(libraryToJson(original))
  })

  it("gives the same papers back without summaries, their summaries' tags as their own", () => {
    const back = imported(libraryToBibtex(original))
    expect(back.summaries).toEqual([])
    const tags = tagsByPaper(original)
    expect(tags.size).toBeGreaterThan(0)
    expect(back.papers).toEqual(original.papers.map((p) => (tags.has(p.key) ? { ...p, tags: tags.get(p.key) } : p)))
  })

  it('changes nothing when its own export is imported into it again', () => {
    const lib = imported(fixture)
    const { records } = checkImportResult(readBibtex(libraryToBibtex(lib, { withSummaries: true }), 'again.bib'))
    mergeRecords(lib, records, { onConflict: 'update', now })
    expect(libraryToJson(lib)).toBe(libraryToJson(original))
  })

  it('gives the same library back through its JSON and Markdown exports', () => {
    expect(libraryToJson(merged([readJsonLibrary(libraryToJson(original), 'lib.json')]))).toBe(libraryToJson(original))
    const papers = new Map(original.papers.map((p) => [p.key, p]))
    const notes = original.summaries.map((s) => readMarkdownSummary(summaryToMarkdown(s, papers.get(s.paper)!), `${s.id}.md`))
    const back = merged(notes)
    // Markdown carries papers with their summaries only; those match field for field.
    expect(libraryToJson(back)).toBe(
      libraryToJson({ ...original, papers: original.papers.filter((p) => original.summaries.some((s) => s.paper === p.key)) }),
    )
  })
})
