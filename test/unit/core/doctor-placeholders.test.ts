/** doctor --fix merges a placeholder record into the real one, never the other way round. */
import { describe, expect, it } from 'vitest'
import { checkLibrary } from '../../../src/core/doctor/doctor.js'
import { repairLibrary } from '../../../src/core/doctor/repair.js'
import { libraryOf, paper, summary } from '../../support/library.js'

describe('duplicate papers where one is a placeholder', () => {
  it.each([
    ['the placeholder came first', true],
    ['the real record came first', false],
  ])('%s: fixable, and the merged paper has the real title, authors and link', (_what, placeholderFirst) => {
    const placeholder = paper({
      key: 'anonnduntitled',
      title: 'Untitled ShortScience paper journals/corr/1704.01212',
      authors: [],
      year: null,
      arxiv: '1704.01212',
      url: 'https://www.shortscience.org/paper?bibtexKey=journals%2Fcorr%2F1704.01212',
      added: placeholderFirst ? '2024-01-01T00:00:00.000Z' : '2025-01-01T00:00:00.000Z',
    })
    const real = paper({
      key: 'gilmer2017neural',
      title: 'Neural Message Passing for Quantum Chemistry',
      authors: ['Justin Gilmer'],
      year: 2017,
      arxiv: '1704.01212',
      url: 'https://proceedings.mlr.press/v70/gilmer17a.html',
      added: placeholderFirst ? '2025-01-01T00:00:00.000Z' : '2024-01-01T00:00:00.000Z',
    })
    const lib = libraryOf([placeholder, real], [summary({ id: 'anonnduntitled', paper: 'anonnduntitled', body: 'From ShortScience.\n' })])
    expect(checkLibrary(lib)).toMatchObject([{ kind: 'duplicate-paper', fixable: true }])
    repairLibrary(lib)
    expect(lib.papers).toHaveLength(1)
    expect(lib.summaries.map((s) => s.paper)).toEqual(['gilmer2017neural'])
    expect(lib.papers[0]).toMatchObject({ key: 'gilmer2017neural', title: real.title, authors: real.authors, year: 2017, url: real.url })
    expect(checkLibrary(lib)).toEqual([])
  })
})
