/** BibTeX that real bibliographies hold, read as people mean it: one construct per row. */
import { describe, expect, it } from 'vitest'
import { readBibtex } from '../../../src/formats/bibtex-import.js'
import { checkImportResult } from '../../../src/formats/record-check.js'

/** The one record of `bib`, through the import door every format passes. */
function readOne(bib: string) {
  const { records, problems } = checkImportResult(readBibtex(bib, 'real.bib'))
  expect(problems).toEqual([])
  expect(records).toHaveLength(1)
  return records[0]!
}

describe('BibTeX constructs from real files', () => {
  it.each([
    ["{\\'\\i} in a name", "Garc{\\'\\i}a, Jos{\\'e}", 'José García'],
    ['{\\"\\i} in a name', 'Mu{\\"\\i}z, Ana', 'Ana Muïz'],
    ["\\'{\\i} in a name", "Ga\\'{\\i}l, Bo", 'Bo Gaíl'],
    ['\\v{S} braced', '{\\v{S}}koda, Carl', 'Carl Škoda'],
    ['an organisation braced', '{ATLAS Collaboration}', '{ATLAS Collaboration}'],
    ['a list braced as one name', '{Hen Dotan, Nripan Mathews, Michael Grätzel}', '{Hen Dotan, Nripan Mathews, Michael Grätzel}'],
  ])('reads %s as one precomposed name', (_case, author, name) => {
    const [read] = readOne(`@article{k, title = {T}, author = {${author}}}`).paper.authors
    expect(read).toBe(name)
    expect(read).toBe(read!.normalize('NFC'))
  })

  it.each([
    ['accents on dotless i', "Garc{\\'\\i}a and Mu{\\\"\\i}z and \\'{\\i} and \\^{\\i}", 'García and Muïz and í and î'],
    ['a dotless i alone', 'Ayd{\\i}n', 'Aydın'],
    ['tilde and caret on nothing', 'home\\~{}user and x\\^{}2 and \\textasciitilde{}', 'home~user and x^2 and ~'],
    ['a stray dollar', 'Phones under $100. today', 'Phones under $100. today'],
    ['two stray dollars in one field', 'From $5 to more}, note = {and $10', 'From $5 to more'],
    ['math next to a stray dollar', 'Cost $5 for $x^2$', 'Cost $5 for $x^2$'],
    ['a run of dollars', 'Costs: $$$ and more', 'Costs: $$$ and more'],
    ['HTML sub and superscripts', 'HfO<sub>2</sub> and H<sup>+</sup>', 'HfO₂ and H⁺'],
    ['HTML italics and entities', '<i>Drosophila</i> \\&amp; friends', 'Drosophila & friends'],
  ])('reads %s in a title', (_case, title, text) => {
    expect(readOne(`@article{k, title = {${title}}}`).paper.title).toBe(text)
  })

  it('keeps a stray dollar in an abstract and a note as a dollar sign', () => {
    const record = readOne('@misc{k, title = {T}, abstract = {It costs under $100.}, annote = {Cheap: $5 a month}}')
    expect(record.paper.abstract).toBe('It costs under $100.')
    expect(record.summaries.map((s) => s.body)).toEqual(['Cheap: $5 a month'])
  })

  it('reads HTML and entities in a venue', () => {
    expect(readOne('@article{k, title = {T}, journal = {Child Abuse &amp; Neglect}}').paper.venue).toBe('Child Abuse & Neglect')
  })

  it.each([
    ['an empty segment', 'methods//survey', ['methods/survey']],
    ['capitals and spaces', 'Machine Learning; Deep  Learning', ['deep-learning', 'machine-learning']],
    [
      'a keyword over 64 characters',
      'a very long keyword that somebody typed as a sentence into the keywords field of the entry',
      ['a-very-long-keyword-that-somebody-typed-as-a-sentence-into-the'],
    ],
    ['a slash at either end', '/lead, trail/', ['lead', 'trail']],
    ['a keyword of only slashes', '//, ok', ['ok']],
    ['duplicates after normalising', 'GNN, gnn', ['gnn']],
  ])('turns %s into valid tags instead of refusing the entry', (_case, keywords, tags) => {
    expect(readOne(`@misc{k, title = {T}, keywords = {${keywords}}, annote = {n}}`).summaries[0]!.tags).toEqual(tags)
  })
})
