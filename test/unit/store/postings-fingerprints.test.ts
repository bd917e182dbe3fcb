import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { fingerprintAt, fingerprintsOf } from '../../../src/store/index/fingerprints.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/** The fingerprint of the one entry of a library holding `p` (and its summary, when given). */
function printOf(p: Parameters<typeof paper>[0], s?: Parameters<typeof summary>[0]): string {
  const entries = libraryEntries(libraryOf([paper(p)], s ? [summary(s)] : []))
  return fingerprintAt(fingerprintsOf(entries), 0)
}

describe('entry fingerprints (what a search after a hand edit keeps a base document for)', () => {
  const cases: [string, Parameters<typeof paper>[0], Parameters<typeof paper>[0], boolean][] = [
    ['the same texts', { key: 'a', title: 'Graphs' }, { key: 'a', title: 'Graphs' }, true],
    ['a fetched field search does not read', { key: 'a', title: 'Graphs' }, { key: 'a', title: 'Graphs', priority: 2 }, true],
    ['another title', { key: 'a', title: 'Graphs' }, { key: 'a', title: 'Graph' }, false],
    ['text moved from one field to the next', { key: 'a', title: 'ab', authors: [] }, { key: 'a', title: 'a', authors: ['b'] }, false],
    ['another venue', { key: 'a', title: 'T', venue: 'NeurIPS' }, { key: 'a', title: 'T', venue: 'ICML' }, false],
  ]
  it.each(cases)('%s: alike %s', (_, one, other, alike) => {
    expect(printOf(one) === printOf(other)).toBe(alike)
  })

  it('tells bodies and tags apart, and reads the summary of the entry', () => {
    const base = printOf({ key: 'k', title: 'T' }, { id: 'k', paper: 'k', body: 'Message passing.\n', tags: ['gnn'] })
    expect(printOf({ key: 'k', title: 'T' }, { id: 'k', paper: 'k', body: 'Message passing.\n', tags: ['gnn'] })).toBe(base)
    expect(printOf({ key: 'k', title: 'T' }, { id: 'k', paper: 'k', body: 'Message passing!\n', tags: ['gnn'] })).not.toBe(base)
    expect(printOf({ key: 'k', title: 'T' }, { id: 'k', paper: 'k', body: 'Message passing.\n', tags: ['gnn', 'ml'] })).not.toBe(base)
    expect(printOf({ key: 'k', title: 'T' })).not.toBe(base)
  })
})
