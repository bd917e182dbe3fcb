/** outlineAfterChange: word counts and citations after a save, reused from the index before it only where they cannot differ. */
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { libraryOutline } from '../../../src/core/records/outline.js'
import { indexOf } from '../../../src/store/index/build.js'
import type { FileIdentity } from '../../../src/store/index/identity.js'
import { beforeChange, outlineAfterChange } from '../../../src/store/index/reuse.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const IDENTITY: FileIdentity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
const NO_PLACES = { paperPlaces: [], summaryPlaces: [] }

/** Two papers, each summarised, and a third body citing the first summary by its id and the second paper by its key. */
function citingLibrary(): Library {
  return libraryOf(
    [paper({ key: 'alpha2020' }), paper({ key: 'beta2021' }), paper({ key: 'gamma2022' })],
    [
      summary({ id: 'alpha-notes', paper: 'alpha2020', body: 'Alpha.\n' }),
      summary({ id: 'beta2021', paper: 'beta2021', body: 'Beta, two words more.\n' }),
      summary({ id: 'gamma2022', paper: 'gamma2022', body: 'As in @alpha-notes and \\cite{BETA2021}, not [@later2023].\n' }),
    ],
  )
}

const CHANGES: [string, (library: Library) => void][] = [
  ['a summary another body cites by id moved to another paper', (l) => void (l.summaries[0]!.paper = 'beta2021')],
  // Its id is a paper's key too: every name resolves as before, yet its own paper is no longer cited.
  ['a summary moved to a paper its body cites', (l) => void (l.summaries[2]!.paper = 'beta2021')],
  ['a paper an unchanged body cites added', (l) => void l.papers.push(paper({ key: 'later2023' }))],
  [
    'a paper an unchanged body cites removed with its summary',
    (l) => {
      l.papers.splice(1, 1)
      l.summaries.splice(1, 1)
    },
  ],
  [
    'a paper an unchanged body cites renamed',
    (l) => {
      l.papers[1]!.key = 'beta2021b'
      l.summaries[1]!.paper = 'beta2021b'
    },
  ],
  ['a body changed', (l) => void (l.summaries[2]!.body = 'Now citing @gamma2022 alone, in more words.\n')],
  ['a paper whose key differs only in case added before the cited one', (l) => void l.papers.unshift(paper({ key: 'Beta2021' }))],
  ['nothing', () => undefined],
]

describe('outlineAfterChange', () => {
  it.each(CHANGES)('counts words and finds citations as a fresh outline does when %s', (_, change) => {
    const library = citingLibrary()
    const before = beforeChange(library, indexOf(libraryOutline(library), NO_PLACES, 'library.json', IDENTITY))!
    const after = structuredClone(library)
    change(after)
    const reused = outlineAfterChange({ ...after, ...NO_PLACES }, before)
    const fresh = libraryOutline(after)
    expect(reused.citedKeys()).toEqual(fresh.citedKeys())
    expect(reused.wordCounts()).toEqual(fresh.wordCounts())
    expect(reused.tagCounts()).toEqual(fresh.tagCounts())
  })

  it('takes nothing from an index listing the summaries in another order (its lists are read by place)', () => {
    const library = citingLibrary()
    const reordered = { ...library, summaries: [...library.summaries].reverse() }
    expect(beforeChange(reordered, indexOf(libraryOutline(library), NO_PLACES, 'library.json', IDENTITY))).toBeUndefined()
    expect(beforeChange(library, indexOf(libraryOutline(library), NO_PLACES, 'library.json', IDENTITY))).toBeDefined()
  })
})
