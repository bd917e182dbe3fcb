import { describe, expect, it } from 'vitest'
import { bareImportedPaper, type ImportRecord } from '../../../src/core/merge/imported-records.js'
import { checkImportResult } from '../../../src/formats/record-check.js'

const record = (paper: Partial<ImportRecord['paper']> = {}, summary: Partial<ImportRecord['summaries'][number]> = {}): ImportRecord => ({
  origin: 'in.json, paper k',
  paper: { ...bareImportedPaper('A title'), key: 'k2020x', ...paper },
  summaries: [{ id: 'k2020x', by: '', body: 'text', tags: [], created: null, updated: null, ...summary }],
})

describe('checkImportResult', () => {
  it('keeps valid records, identifiers in their stored form', () => {
    const { records, problems } = checkImportResult({
      records: [record({ arxiv: 'arXiv:1704.01212v3', doi: 'doi:10.5555/ABC' })],
      problems: [],
    })
    expect(problems).toEqual([])
    expect(records[0]!.paper).toMatchObject({ key: 'k2020x', arxiv: '1704.01212', doi: '10.5555/abc' })
  })

  it('turns a record with a field that cannot be stored into problems naming the field, keeping earlier problems', () => {
    const earlier = { origin: 'other.md', reason: 'year must be a number' }
    const { records, problems } = checkImportResult({
      records: [record({ url: 'javascript:x' }, { body: 'a\u0000b' })],
      problems: [earlier],
    })
    expect(records).toEqual([])
    expect(problems).toEqual([
      earlier,
      { origin: 'in.json, paper k', reason: 'url is not an http or https link: "javascript:x"' },
      { origin: 'in.json, paper k', reason: 'summary "k2020x": body contains a NUL character at character 2' },
    ])
  })

  it.each([
    ['white space', 'two words'],
    ['a control character', 'k\u0007'],
    ['over 210 characters (a key may have 200, an id 210)', 'k'.repeat(211)],
  ])('drops a key or id with %s, so the merge makes one', (_case, name) => {
    const { records } = checkImportResult({ records: [record({ key: name }, { id: name })], problems: [] })
    expect(records[0]!.paper.key).toBeNull()
    expect(records[0]!.summaries[0]!.id).toBeNull()
  })
})
