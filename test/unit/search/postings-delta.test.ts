// A save builds its postings delta again each time (postings-delta.ts), and the entries the delta held
// before keep the words of their unchanged fields as the delta before holds them, not read again
// from their texts. The delta so built must be, byte for byte as its file holds it, the delta built
// from the texts alone: the same vocabulary, met in the same order, whatever a save changed.
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { buildPostings, type Postings } from '../../../src/core/search/postings.js'
import { deltaAfterChange, entriesBefore } from '../../../src/core/search/postings-delta.js'
import type { PostingsDelta } from '../../../src/core/search/postings-view.js'
import { decodePostings, encodePostings } from '../../../src/store/index/postings-format.js'
import { randomEdit, randomLibrary } from '../../support/random-library.js'
import { seeded, seedFromEnv } from '../../support/random.js'

const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }

/** The delta's file, as a save writes it. */
const fileOf = (delta: PostingsDelta) =>
  encodePostings({ library: '/library.json', identity, postings: delta.postings, delta: { base: 'base', order: delta.order } })

/** The delta's postings as a save reads them from its file (each section read when first used). */
const readBack = (delta: PostingsDelta): Postings => decodePostings(fileOf(delta))!.postings

const SEED = seedFromEnv(40)

describe('a delta whose entries held before keep their words', () => {
  for (let run = 0; run < 8; run++) {
    const seed = SEED * 1000 + run
    it(`is the delta built from the texts, byte for byte (seed ${seed})`, () => {
      const random = seeded(seed)
      const library = randomLibrary(random, 5 + Math.floor(random() * 80))
      const base = buildPostings(libraryEntries(library))
      let order: Uint32Array = Uint32Array.from({ length: base.count }, (_, i) => i)
      let previous: PostingsDelta | null = null
      let heldAgain = 0
      for (let save = 0; save < 8; save++) {
        const before = entriesBefore(libraryEntries(library))
        for (let edits = Math.floor(random() * 3); edits >= 0; edits--) randomEdit(random, library)
        const after = libraryEntries(library)
        const fromTexts = deltaAfterChange(base.count, order, before, after)
        expect(fromTexts, 'a delta within its limit').not.toBeNull()
        if (previous) {
          const held = (entry: { id: string }) => before.has(entry.id) && order[before.get(entry.id)!.position]! >= base.count
          heldAgain += after.filter(held).length
          const fromMemory = deltaAfterChange(base.count, order, before, after, previous.postings)!
          const fromFile = deltaAfterChange(base.count, order, before, after, readBack(previous))!
          expect(fileOf(fromMemory).equals(fileOf(fromTexts!)), `save ${save}, the delta before in memory`).toBe(true)
          expect(fileOf(fromFile).equals(fileOf(fromTexts!)), `save ${save}, the delta before read from its file`).toBe(true)
        }
        order = fromTexts!.order
        previous = fromTexts
      }
      // Entries the delta held were built into it again (else nothing above took words from the delta before).
      expect(heldAgain).toBeGreaterThan(0)
    })
  }
})
