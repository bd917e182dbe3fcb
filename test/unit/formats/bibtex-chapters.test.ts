/** Chapters of one book and papers with a copied eprint stay apart through a BibTeX import. */
import { describe, expect, it } from 'vitest'
import { mergeRecords, type OnConflict } from '../../../src/core/merge/import-merge.js'
import { emptyLibrary } from '../../../src/core/model.js'
import { readBibtex } from '../../../src/formats/bibtex-import.js'

const now = new Date('2026-12-06T00:00:00.000Z')
const book = 'booktitle = {Handbook of Graph Learning}, year = 2010, doi = {10.1007/978-3-642-00000-0}'
const bib = `
@incollection{smith2010intro, author = {Smith, Jane}, title = {Introduction}, ${book}}
@incollection{smith2010kernels, author = {Smith, Jane}, title = {Kernels on Graphs}, ${book}}
@inbook{lee2011spectral, author = {Lee, K.}, title = {Handbook of Graph Learning}, chapter = {Spectral Methods}, year = 2011}
@inbook{lee2011walks, author = {Lee, K.}, title = {Handbook of Graph Learning}, chapter = {Random Walks}, year = 2011}
@inbook{lee2011three, author = {Lee, K.}, title = {Handbook of Graph Learning}, chapter = 3, year = 2011}
@inbook{knuth1973fundamental, author = {Knuth, D. E.}, title = {Fundamental Algorithms}, chapter = {1.2}, year = 1973}
@inbook{knuth1973roman, author = {Knuth, D. E.}, title = {Seminumerical Algorithms}, chapter = {IV}, year = 1973}
@article{he2016deep, title = {Deep Residual Learning for Image Recognition}, author = {He, K.}, year = 2016, eprint = {1512.03385}, doi = {10.1109/cvpr.2016.90}}
@article{doe2020protein, title = {Protein Folding at Scale}, author = {Doe, J.}, year = 2020, eprint = {1512.03385}, doi = {10.1038/s41586-020-0000}}
`
const renamed =
  '@article{doe2021protein, title = {Protein folding at scale, revisited}, author = {Doe, J.}, year = 2021, eprint = {1512.03385}}'

describe('BibTeX chapters and copied eprints', () => {
  it('reads an @inbook chapter as its own title, the book as venue', async () => {
    const { records } = readBibtex(bib, 'refs.bib')
    expect(records.slice(2, 7).map((r) => [r.paper.title, r.paper.venue])).toEqual([
      ['Spectral Methods', 'Handbook of Graph Learning'],
      ['Random Walks', 'Handbook of Graph Learning'],
      ['Handbook of Graph Learning, chapter 3', 'Handbook of Graph Learning'],
      // Section numbers as in BibTeX's own xampl.bib (`chapter = "1.2"`), and Roman numerals, are places, not titles.
      ['Fundamental Algorithms, chapter 1.2', 'Fundamental Algorithms'],
      ['Seminumerical Algorithms, chapter IV', 'Seminumerical Algorithms'],
    ])
  })

  it.each<OnConflict>(['skip', 'update', 'keep-both'])(
    'never merges chapters of one book, nor papers whose titles disagree, by a shared DOI or eprint (--on-conflict %s)',
    async (onConflict) => {
      const lib = emptyLibrary()
      mergeRecords(lib, readBibtex(bib, 'refs.bib').records, { onConflict, now })
      expect(lib.papers.map((p) => p.key)).toEqual([
        'smith2010intro',
        'smith2010kernels',
        'lee2011spectral',
        'lee2011walks',
        'lee2011three',
        'knuth1973fundamental',
        'knuth1973roman',
        'he2016deep',
        'doe2020protein',
      ])
    },
  )

  it('still takes a renamed version with the same eprint for the same paper', async () => {
    const lib = emptyLibrary()
    const records = readBibtex(`${renamed}\n${bib}`, 'refs.bib').records.filter((r) => r.paper.key?.startsWith('doe'))
    const actions = mergeRecords(lib, records, { onConflict: 'skip', now })
    expect(lib.papers.map((p) => p.key)).toEqual(['doe2021protein'])
    expect(actions.map((a) => `${a.id} ${a.outcome}`)).toEqual(['doe2021protein added', 'doe2021protein skipped'])
  })
})
