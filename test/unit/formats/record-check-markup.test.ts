import { describe, expect, it } from 'vitest'
import { bareImportedPaper, type ImportRecord } from '../../../src/core/merge/imported-records.js'
import { checkImportResult } from '../../../src/formats/record-check.js'

const record = (paper: Partial<ImportRecord['paper']>, body: string): ImportRecord => ({
  origin: 'in.json, paper k',
  paper: { ...bareImportedPaper('A title'), key: 'k2020x', ...paper },
  summaries: [{ id: 'k2020x', by: '', body, tags: [], created: null, updated: null }],
})

describe('the import door and markup', () => {
  it('reads markup in titles, venues and names as text, and leaves abstracts and bodies as written', () => {
    const { records } = checkImportResult({
      records: [
        record(
          {
            title: 'HfO<sub>2</sub> in <i>Drosophila</i> &amp; more',
            venue: 'Child Abuse &amp; Neglect',
            authors: ['Jos&eacute; Garc&#237;a', '{ATLAS Collaboration}'],
            abstract: 'Kept: <i>as</i> written &amp; all',
          },
          'Body with <sub>2</sub> and &amp; stays',
        ),
      ],
      problems: [],
    })
    expect(records[0]!.paper).toMatchObject({
      title: 'HfO₂ in Drosophila & more',
      venue: 'Child Abuse & Neglect',
      authors: ['José García', '{ATLAS Collaboration}'],
      abstract: 'Kept: <i>as</i> written &amp; all',
    })
    expect(records[0]!.summaries[0]!.body).toBe('Body with <sub>2</sub> and &amp; stays')
  })
})
