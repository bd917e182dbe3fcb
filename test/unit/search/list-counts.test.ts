/**
 * A word table's counts over the documents holding its words (ListCounts: its lists read where they
 * are for words of one weight, counts made over its documents otherwise) against the counts of every
 * document (FieldCounts), for random libraries as saves keep them (a base and a delta over it): the
 * same count in every field of every live document, the same weights where words of several share a
 * field; the estimate's count of sampled documents from the lists the same as from the counts; and
 * the cursors they are read with (advance, placeIn, unionOf, holdersIn) by their tables.
 */
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { advance, holdersIn, placeIn, unionOf } from '../../../src/core/search/count-lists.js'
import { buildPostings, FIELD_COUNT, fieldCount } from '../../../src/core/search/postings.js'
import { deltaAfterChange, entriesBefore } from '../../../src/core/search/postings-delta.js'
import { PostingsView } from '../../../src/core/search/postings-view.js'
import { WordTables, type WordTable } from '../../../src/core/search/word-tables.js'
import type { WordSpec } from '../../../src/core/search/pattern.js'
import { stemOnce } from '../../../src/core/text/stem.js'
import { randomEdit, randomLibrary } from '../../support/random-library.js'
import { seeded, seedFromEnv } from '../../support/random.js'

const SEED = seedFromEnv(47)

/** A base, and (most runs) a delta of a few edits over it. */
function randomView(random: () => number): PostingsView {
  const library = randomLibrary(random, 10 + Math.floor(random() * 60))
  const base = buildPostings(libraryEntries(library))
  if (random() < 0.2) return new PostingsView(base)
  const before = entriesBefore(libraryEntries(library))
  for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--) randomEdit(random, library)
  const order = Uint32Array.from({ length: base.count }, (_, i) => i)
  return new PostingsView(base, deltaAfterChange(base.count, order, before, libraryEntries(library)))
}

/**
 * Specs of a few of the view's words: as typed (the word whole, its stem's others weighing less), by
 * stem alone, a prefix, and as typed with its first letters as a prefix (words of several weights).
 */
function randomSpecs(random: () => number, view: PostingsView): WordSpec[] {
  const specs: WordSpec[] = []
  for (let k = 0; k < 6; k++) {
    const word = view.word(Math.floor(random() * view.vocabulary))
    if (word === undefined) continue
    const keys = new Set([stemOnce(word)])
    specs.push({ keys, exact: new Set([word]), prefix: null }, { keys, prefix: null })
    const prefix = word.slice(0, 1 + Math.floor(random() * 2))
    specs.push({ keys: new Set(), prefix }, { keys, exact: new Set([word]), prefix })
  }
  return specs
}

describe('ListCounts', () => {
  for (let run = 0; run < 12; run++) {
    const seed = SEED * 100 + run
    it(`counts as FieldCounts in every live document (seed ${seed})`, () => {
      const random = seeded(seed)
      const view = randomView(random)
      const dense = new WordTables(view)
      const listed = new WordTables(view)
      const live = Array.from({ length: view.documents }, (_, doc) => doc).filter((doc) => view.positionOf[doc]! >= 0)
      let several = 0
      let packed = 0
      for (const spec of randomSpecs(random, view)) {
        const counts = dense.fieldCounts(dense.tableOf(spec))
        const table: WordTable = listed.tableOf(spec)
        const lists = listed.listCounts(table)
        if (lists.packed) packed++
        else several++
        for (const doc of live) {
          const entry = lists.packed ? -1 : placeIn(lists.docs, 0, doc)
          const found = lists.packed ? lists.packed.packedOf(doc) : 0
          for (let f = 0; f < FIELD_COUNT; f++) {
            const at = doc * FIELD_COUNT + f
            const n = counts.occurrences[at]!
            const where = `${JSON.stringify([...spec.keys, spec.exact && [...spec.exact], spec.prefix])} doc ${doc} field ${f}`
            // Each field's count: exact up to where FieldCounts' own saturation would not matter (above any cap).
            if (lists.packed) {
              expect(fieldCount(found, f), where).toBe(Math.min(n, 15))
              if (n > 0) expect(counts.kind[at], where).toBe(0)
              expect(listed.countedNone(table, doc, f), where).toBe(n === 0)
              continue
            }
            const e = entry >= 0 ? entry * FIELD_COUNT + f : -1
            expect(e >= 0 ? lists.occurrences[e] : 0, where).toBe(n)
            expect(e >= 0 && ((lists.fields[entry]! >>> f) & 1) === 1, where).toBe(n > 0)
            if (n === 0) continue
            expect(lists.kind[e], where).toBe(counts.kind[at])
            if (counts.kind[at] === -1)
              for (let k = 0; k < counts.classes.length; k++)
                expect(lists.byClass[e * lists.classes.length + k], where).toBe(counts.byClass[at * counts.classes.length + k])
          }
        }
        // No entry for a document without them.
        if (!lists.packed) for (const doc of lists.docs) expect(view.positionOf[doc]!, `doc ${doc}`).toBeGreaterThanOrEqual(0)
        // The estimate's count, from the lists (no counts made) and from the counts.
        const sample = Uint32Array.from(live.filter(() => random() < 0.3))
        const fields = 1 + Math.floor(random() * 63)
        const fresh = new WordTables(view)
        const expected = [...sample].filter((doc) =>
          Array.from({ length: FIELD_COUNT }, (_, f) => f).some(
            (f) => (fields >>> f) & 1 && counts.occurrences[doc * FIELD_COUNT + f]! > 0,
          ),
        ).length
        expect(fresh.holdersAmong(fresh.tableOf(spec), sample, fields)).toBe(expected)
        expect(dense.holdersAmong(dense.tableOf(spec), sample, fields)).toBe(expected)
      }
      expect(packed, 'tables of words of one weight').toBeGreaterThan(0)
      expect(several, 'tables of words of several weights').toBeGreaterThan(0)
    })
  }
})

describe('the cursors', () => {
  const docs = Uint32Array.of(2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377)

  it('placeIn: the place of a document, or −1 − where it would be, from any hint', () => {
    for (let hint = 0; hint <= docs.length; hint++) {
      expect(placeIn(docs, hint, 2)).toBe(0)
      expect(placeIn(docs, hint, 377)).toBe(11)
      expect(placeIn(docs, hint, 34)).toBe(6)
      expect(placeIn(docs, hint, 0)).toBe(~0)
      expect(placeIn(docs, hint, 4)).toBe(~2)
      expect(placeIn(docs, hint, 35)).toBe(~7)
      expect(placeIn(docs, hint, 400)).toBe(~12)
    }
    expect(placeIn(new Uint32Array(0), 0, 1)).toBe(~0)
  })

  it('advance: the first place holding the document or more, forward a step or far, or back', () => {
    const cases: [number, number, number][] = [
      [0, 2, 0],
      [0, 3, 1],
      [0, 4, 2],
      [1, 13, 4],
      [0, 300, 11],
      [0, 400, 12],
      [3, 400, 12],
      [9, 144, 9],
      [9, 2, 0],
      [9, 14, 5],
      [12, 5, 2],
      [12, 500, 12],
    ]
    for (const [at, doc, place] of cases) expect(advance(docs, at, doc), `from ${at} to ${doc}`).toBe(place)
  })

  it('unionOf: each document of either once, in order', () => {
    expect([...unionOf(Uint32Array.of(1, 4, 6), Uint32Array.of(2, 4, 7, 9))]).toEqual([1, 2, 4, 6, 7, 9])
    expect([...unionOf(Uint32Array.of(), Uint32Array.of(3))]).toEqual([3])
    expect([...unionOf(Uint32Array.of(3, 5), undefined)]).toEqual([3, 5])
  })

  it('holdersIn: the sampled documents a list holds in the fields asked for, walking the shorter', () => {
    // Field 0 in documents 10 and 30 (of the list, numbered from 5), field 1 in 20.
    const list = { docs: Uint32Array.of(5, 15, 25), fields: Uint32Array.of(0x1, 0x10, 0x2), start: 0, from: 5, to: 100, delta: false }
    for (const sample of [Uint32Array.of(10, 20, 30), Uint32Array.of(1, 10, 11, 20, 29, 30, 31, 40)]) {
      const field0 = new Uint8Array(sample.length)
      holdersIn(list, sample, 0b1, field0)
      expect([...sample].filter((_, s) => field0[s] === 1)).toEqual([10, 30])
      const field1 = new Uint8Array(sample.length)
      holdersIn(list, sample, 0b10, field1)
      expect([...sample].filter((_, s) => field1[s] === 1)).toEqual([20])
    }
    // Documents past the list's own (`to`) are not its.
    const short = new Uint8Array(1)
    holdersIn({ ...list, to: 20 }, Uint32Array.of(30), 0b1, short)
    expect(short[0]).toBe(0)
  })
})
