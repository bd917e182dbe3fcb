import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../../src/core/search/query.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { filterEntries } from '../../../src/core/search/search.js'
import { summary } from '../../support/library.js'
import { connectedLibrary } from './fixture.js'

function library() {
  const lib = connectedLibrary()
  // A citation of a paper not in the library, and one by summary id.
  lib.summaries.push(
    summary({
      id: 'rasmussen2004gaussian-2',
      paper: 'rasmussen2004gaussian',
      body: 'Compare \\cite{williams1996gaussian} and [@snoek2012practical].\n',
    }),
  )
  return lib
}

function ids(query: string): string[] {
  return filterEntries(libraryEntries(library()), parseQuery(query))
    .map((e) => e.id)
    .sort()
}

describe('cites: and citedby:', () => {
  it.each([
    ['cites:kipf2017semi', ['gilmer2017neural', 'velickovic2018graph']],
    ['cites:KIPF2017SEMI', ['gilmer2017neural', 'velickovic2018graph']],
    ['cites:vaswani2017attention', ['snoek2012practical', 'velickovic2018graph']],
    ['cites:rasmussen2004gaussian-2', ['snoek2012practical']],
    ['cites:williams1996gaussian', ['rasmussen2004gaussian-2']],
    ['cites:snoek2012practical', ['rasmussen2004gaussian-2']],
    ['cites:nobody', []],
    ['citedby:velickovic2018graph', ['kipf2017semi', 'vaswani2017attention']],
    ['citedby:snoek2012practical', ['rasmussen2004gaussian', 'rasmussen2004gaussian-2', 'vaswani2017attention']],
    ['citedby:rasmussen2004gaussian-2', ['snoek2012practical']],
    ['citedby:rasmussen2004gaussian', ['snoek2012practical']],
    ['citedby:vaswani2017attention', []],
    ['cites:kipf2017semi -tag:chemistry', ['velickovic2018graph']],
    ['cites:kipf2017semi OR cites:rasmussen2004gaussian', ['gilmer2017neural', 'snoek2012practical', 'velickovic2018graph']],
    ['-cites:kipf2017semi tag:gnn', ['kipf2017semi']],
  ])('%s → %j', (query, expected) => {
    expect(ids(query)).toEqual(expected)
  })

  it('combines with words', () => {
    expect(ids('cites:kipf2017semi attention')).toEqual(['velickovic2018graph'])
  })

  it('a missing value is a usage error pointing at it', () => {
    expect(() => parseQuery('cites:')).toThrow(/Missing value after "cites:"/)
  })
})
