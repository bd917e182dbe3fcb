import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { diffLibraries } from '../../../src/sync/library-diff.js'
import { ReceivedSummaries } from '../../../src/sync/received.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/** A library of summaries `ids` (each with its own paper), the summary `edited` with another body. */
function library(ids: string[], edited: string[] = []): Library {
  return libraryOf(
    ids.map((key) => paper({ key })),
    ids.map((id) => summary({ id, paper: id, body: edited.includes(id) ? 'Edited.\n' : 'Text.\n' })),
  )
}

/** The counts after merges, each given as the library before it and after it. */
function received(merges: [before: Library, after: Library][]) {
  const summaries = new ReceivedSummaries()
  for (const [before, after] of merges) summaries.merged(diffLibraries(before, after), after)
  return summaries.counts(merges.at(-1)![1])
}

const start = library(['a', 'b'])

describe('ReceivedSummaries: each summary a sync received counted once', () => {
  it.each<[string, [Library, Library][], { added: number; changed: number; removed: number }]>([
    ['one merge', [[start, library(['a', 'c'], ['a'])]], { added: 1, changed: 1, removed: 1 }],
    [
      'the same merge again after HEAD was reset to before the first',
      [
        [start, library(['a', 'b', 'c'], ['a'])],
        [start, library(['a', 'b', 'c'], ['a'])],
      ],
      { added: 1, changed: 1, removed: 0 },
    ],
    [
      'a second merge that brings more: what the first added and the second changed is one summary added',
      [
        [start, library(['a', 'b', 'c'])],
        [library(['a', 'b', 'c']), library(['a', 'b', 'c', 'd'], ['c'])],
      ],
      { added: 2, changed: 0, removed: 0 },
    ],
    [
      'the first merge reset away and the second without it: only what the library has after the last merge',
      [
        [start, library(['a', 'b', 'c'])],
        [start, library(['a', 'b', 'd'])],
      ],
      { added: 1, changed: 0, removed: 0 },
    ],
    [
      'a summary removed, then the removal reset away and merged again',
      [
        [start, library(['a'])],
        [start, library(['a'])],
      ],
      { added: 0, changed: 0, removed: 1 },
    ],
    ['a merge that changed nothing', [[start, start]], { added: 0, changed: 0, removed: 0 }],
  ])('%s', (_name, merges, expected) => {
    expect(received(merges)).toEqual(expected)
  })
})
