/** buildNames: the paper a citation of each name resolves to, found on the table itself, is CitationResolver's. */
import { describe, expect, it } from 'vitest'
import { CitationResolver } from '../../../src/core/citations/citations.js'
import { buildNames } from '../../../src/store/index/names.js'
import { paper, summary } from '../../support/library.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'

/** Names from few letters in both cases: keys equal but for case, ids equal to keys, summaries of missing papers or of other summaries' ids. */
function randomRecords(random: () => number) {
  const word = () => Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(random, ['a', 'A', 'b', 'B', 'c'])).join('')
  const papers = Array.from({ length: Math.floor(random() * 6) }, () => paper({ key: word() }))
  const summaries = Array.from({ length: Math.floor(random() * 8) }, () => summary({ id: word(), paper: word() }))
  return { papers, summaries }
}

describe('buildNames', () => {
  it('resolves every name as CitationResolver does, across 500 random libraries', () => {
    const random = seeded(seedFromEnv(4040))
    let resolved = 0
    for (let round = 0; round < 500; round++) {
      const { papers, summaries } = randomRecords(random)
      const resolver = new CitationResolver({ papers, summaries })
      for (const { name, cited } of buildNames(
        papers,
        summaries,
        summaries.map(() => []),
      ).entries) {
        const paper = resolver.resolve(name)
        expect({ round, name, cited }).toEqual({ round, name, cited: papers.findIndex((p) => p === paper) })
        if (paper && !papers.some((p) => p.key.toLowerCase() === name)) resolved++
      }
    }
    // Ids resolving through their paper (or through an earlier summary's id) were met, not only keys.
    expect(resolved).toBeGreaterThan(50)
  })
})
