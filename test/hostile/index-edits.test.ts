// A property over random sequences of changes: saves by precis (which update the index), saves
// whose process died between writing the library and writing its index (left as that state: the
// library changed, the index not), and hand edits in any JSON layout. After every step the reads
// through the index give exactly the answers of a fresh parse of the library.
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../src/core/model.js'
import { serializeLibrary } from '../../src/store/serialize.js'
import { paper, summary } from '../support/library.js'
import { pick, seeded, seedFromEnv } from '../support/random.js'
import {
  answersFrom,
  freshAnswers,
  indexedStore,
  indexIsCurrent,
  libraryWithCache,
  plainStore,
  recordsAtIndexedPlaces,
  savedAndBuiltWhole,
} from './support/index.js'

const TAGS = ['gnn', 'ml/graphs', 'ml', 'stats', 'todo']
const STEPS = 60
const LATER = 'later2020paper'

/** One random change to a library (it stays valid). */
function change(random: () => number, lib: Library, step: number): void {
  // LATER is cited before it is in the library: it names nothing until a step adds it.
  const keys = [...lib.papers.map((p) => p.key), LATER]
  const cite = () =>
    pick(random, [
      `\\cite{${pick(random, keys)}}`,
      `[@${pick(random, keys)}]`,
      `@${pick(random, keys)}`,
      `[@${pick(random, keys).toUpperCase()}]`,
      `\\citet{${pick(random, keys)},${pick(random, keys)}}`,
    ])
  const live = lib.summaries
  const kind = pick(random, ['add', 'add', 'paper only', 'tag', 'body', 'trash', 'title', 'the later paper', 'moved'])
  if (kind === 'the later paper') {
    if (!lib.papers.some((p) => p.key === LATER)) lib.papers.push(paper({ key: LATER }))
    return
  }
  if (kind === 'add' || kind === 'paper only' || live.length === 0) {
    const key = `p${step}x${Math.floor(random() * 1000)}`
    lib.papers.push(
      paper({
        key,
        title: `Paper ${step} ${'é'.repeat(step % 3)}`,
        year: random() < 0.2 ? null : 2000 + step,
        category: random() < 0.5 ? 'cs.LG' : undefined,
      }),
    )
    if (kind !== 'paper only')
      lib.summaries.push(summary({ id: key, paper: key, tags: [pick(random, TAGS)], body: `Words ${step} ${cite()} $x^2$.\n` }))
    return
  }
  const target = pick(random, live)
  if (kind === 'tag') target.tags = [...new Set([...target.tags, pick(random, TAGS)])].sort()
  else if (kind === 'body') target.body = `${target.body}More words, ${cite()} and ${cite()}.\n`
  else if (kind === 'title') {
    // A new first word, so the entry moves in the title order.
    const retitled = lib.papers.find((p) => p.key === target.paper)!
    retitled.title = `${pick(random, ['Abridged', 'Revised', 'Écrit'])}: ${retitled.title}`
  } else if (kind === 'moved') {
    // As merging papers does: a summary moved to another paper (one its body cites, when there is one), its
    // paper removed once nothing names it. Its id may still resolve as before (the ids are the keys here).
    const from = target.paper
    const into = lib.papers.find((p) => p.key !== from && target.body.includes(p.key)) ?? pick(random, lib.papers)
    target.paper = into.key
    const named = [...lib.summaries, ...lib.trash.flatMap((e) => (e.summary ? [e.summary] : []))].some((s) => s.paper === from)
    if (!named)
      lib.papers.splice(
        lib.papers.findIndex((p) => p.key === from),
        1,
      )
  } else {
    lib.summaries.splice(lib.summaries.indexOf(target), 1)
    lib.trash.push({ summary: target, paper: null, deleted: `2025-01-01T00:00:${String(step % 60).padStart(2, '0')}.000Z` })
  }
}

/** The library file rewritten by hand in one of the layouts people and tools leave. */
function handEdit(random: () => number, path: string, step: number): void {
  const lib = JSON.parse(readFileSync(path, 'utf8')) as Library
  change(random, lib, step)
  const layout = pick(random, ['as precis writes it', 'one line', 'four spaces', 'records in reverse'])
  if (layout === 'as precis writes it') writeFileSync(path, [...serializeLibrary(lib)].join(''))
  else if (layout === 'one line') writeFileSync(path, JSON.stringify(lib))
  else if (layout === 'four spaces') writeFileSync(path, JSON.stringify(lib, null, 4))
  else writeFileSync(path, JSON.stringify({ ...lib, papers: lib.papers.reverse(), summaries: lib.summaries.reverse() }, null, 1))
}

describe('the index through random changes', () => {
  it(`answers as a fresh parse after each of ${STEPS} saves, interrupted saves and hand edits`, async () => {
    const random = seeded(seedFromEnv(20261206))
    const { library, cache } = libraryWithCache()
    const seen = new Set<string>()
    for (let step = 0; step < STEPS; step++) {
      const how = step === 0 ? 'save' : pick(random, ['save', 'save', 'save killed before its index', 'hand edit'])
      seen.add(how)
      if (how === 'save') await indexedStore(library, cache).update((lib) => change(random, lib, step))
      else if (how === 'save killed before its index') await plainStore(library).update((lib) => change(random, lib, step))
      else handEdit(random, library, step)
      // A save leaves its index current; the other two leave one that must not be used.
      expect(indexIsCurrent(library, cache), `step ${step}: ${how}`).toBe(how === 'save')
      expect(await answersFrom(indexedStore(library, cache)), `step ${step}: ${how}`).toEqual(await freshAnswers(library))
      expect(recordsAtIndexedPlaces(library, cache), `step ${step}: ${how}`).toEqual((await freshAnswers(library)).records)
      // What a save wrote (its orders carried over from the index before it, carried-order.ts) is the index built whole, byte for byte.
      if (how === 'save') {
        const { saved, whole } = savedAndBuiltWhole(library, cache)
        expect(saved.equals(whole), `step ${step}: the index saved is the one built whole`).toBe(true)
      }
    }
    expect(seen.size).toBe(3)
  })
})
