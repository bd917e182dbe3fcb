/**
 * PostingsSearch.decideTypo (what browse decides a word with on the thread that reads the keys)
 * against the decisions a search makes as it plans the same words: for every word a search looked
 * up, in the fields it looked in, the same decision (the word as typed, or its alternatives, each
 * term named by the same word), asked of postings that have decided nothing yet.
 */
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { buildPostings } from '../../../src/core/search/postings.js'
import { DECISIONS_KEPT, PostingsSearch } from '../../../src/core/search/postings-search.js'
import type { WordSpec } from '../../../src/core/search/pattern.js'
import { tinyLibrary } from './fixture.js'

/** Plurals, `y` endings, words near only by their stem, words in one field only (an author, a title). */
const library = tinyLibrary([
  {
    key: 'a',
    title: 'Transformers for graphs',
    body: 'A transformer attends to every node; the differences are learned.',
    authors: ['Ashish Vaswani'],
  },
  { key: 'b', title: 'Studies of attention', body: 'This study transforms graph networks and their policy.', authors: ['Thomas Kipf'] },
  { key: 'c', title: 'Policies differ', body: 'We differ from prior studies: the networks transform inputs.', tags: ['ml/gnn'] },
  {
    key: 'd',
    title: 'Quantum chemistry',
    body: 'Message passing networks for molecules, a difference in energy.',
    authors: ['Justin Gilmer'],
  },
  { key: 'e', title: 'Graph kernels', body: 'Kernels on graphs, transformed; a strategy of policies and a strategic study.' },
])

const QUERIES = [
  'tranformer',
  'tranformers',
  'title:tranformer',
  'title:netwrk', // only in bodies: nothing near in titles
  'studys',
  'stuides',
  'polcy',
  'policys',
  'stratgy',
  'diffrence',
  'diferences',
  'author:vaswnai',
  'vaswnai',
  'title:vaswnai',
  'author:gilmre',
  'grpahs attenton netwrk',
  'transformer', // a word the library has
  'title:transformer',
  'molecles',
]

const fresh = () => {
  const entries = libraryEntries(library)
  return new PostingsSearch(buildPostings(entries), entries)
}

/** The spec a decision was made for: the decision without its alternatives. */
function asTyped(decision: WordSpec): WordSpec {
  const { alternatives: _, ...spec } = decision
  return spec
}

describe('decideTypo', () => {
  it("gives for every word a search looked up, in its fields, the search's own decision, alternatives and their names", () => {
    let corrected = 0
    let kept = 0
    const restricted = new Set<string>()
    for (const query of QUERIES) {
      const searched = fresh()
      searched.rank(parseQuery(query), { limit: 10, lastWord: 'whole' })
      const decisions = [...searched.typoDecisions]
      expect(decisions.length, query).toBeGreaterThan(0)
      const deciding = fresh()
      for (const [key, decision] of decisions) {
        const fields = key.slice(0, key.indexOf(' ')).split(',').map(Number)
        expect(deciding.decideTypo(asTyped(decision), fields), `${query}: ${key}`).toEqual(decision)
        if (decision.alternatives) corrected++
        else kept++
        if (fields.length === 1) restricted.add(`${decision.alternatives ? 'corrected' : 'kept'}`)
      }
      // Kept as a search keeps it: the same decision again, and the search then reads the word with it.
      expect([...deciding.typoDecisions]).toEqual(decisions)
    }
    expect(corrected).toBeGreaterThan(10)
    expect(kept).toBeGreaterThan(2)
    expect([...restricted].sort()).toEqual(['corrected', 'kept'])
  })

  it('keeps the DECISIONS_KEPT made last, by a search or alone, and decides a word let go again the same', () => {
    const search = fresh()
    search.rank(parseQuery('tranformer'), { limit: 10, lastWord: 'whole' })
    const [[key, first]] = [...search.typoDecisions] as [[string, WordSpec]]
    expect(first.alternatives?.size).toBeGreaterThan(0)
    const fields = key.slice(0, key.indexOf(' ')).split(',').map(Number)
    const others = Array.from({ length: DECISIONS_KEPT }, (_, i) => `zq${i.toString(2).replaceAll('0', 'x').replaceAll('1', 'y')}`)
    others.forEach((word, i) => {
      if (i >= DECISIONS_KEPT / 2) search.rank(parseQuery(word), { limit: 10, lastWord: 'whole' })
      else search.decideTypo({ keys: new Set([word]), exact: new Set([word]), prefix: null }, fields)
      expect(search.typoDecisions.size, word).toBeLessThanOrEqual(DECISIONS_KEPT)
    })
    expect(search.typoDecisions.size).toBe(DECISIONS_KEPT)
    expect(search.typoDecisions.has(key)).toBe(false)
    expect(search.decideTypo(asTyped(first), fields)).toEqual(first)
    expect([...search.typoDecisions.keys()].at(-1)).toBe(key)
    expect(search.typoDecisions.size).toBe(DECISIONS_KEPT)
  })
})
