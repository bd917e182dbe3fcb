// `related` answered from the index (the outline's tags and citations, the search postings, records
// read where the index says they lie) gives exactly what the whole-library code gives on a fresh
// parse: through random saves and hand edits (the index rebuilt, the postings kept as a base and a
// delta), and whatever happens to the index or the postings files (cut short, bytes flipped
// anywhere, another library's in their place), never a crash.
import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../src/core/model.js'
import { relatedPapers, type RelatedPaper } from '../../src/core/related/related.js'
import { readNamed, readOutline } from '../../src/store/outline-reads.js'
import { postingsPath } from '../../src/store/index/location.js'
import { relatedFromIndex } from '../../src/store/related-reads.js'
import { serializeLibrary } from '../../src/store/serialize.js'
import { paper, summary } from '../support/library.js'
import { pick, seeded, seedFromEnv } from '../support/random.js'
import { randomRelatedLibrary } from '../support/related-libraries.js'
import { indexedStore, indexFileName, libraryWithCache, plainStore } from './support/index.js'

const plain = (results: RelatedPaper[] | null) =>
  results?.map((r) => ({
    key: r.paper.key,
    title: r.paper.title,
    year: r.paper.year,
    ids: r.summaries.map((s) => s.id),
    score: r.score,
    reasons: r.reasons,
  })) ?? null

/**
 * `related` of each of some papers through a fresh store on `library` (its index in `cache`),
 * against the whole-library code on a fresh parse; how many were answered from the index.
 */
async function expectFresh(library: string, cache: string, random: () => number, label: string): Promise<number> {
  const fresh = await plainStore(library).read()
  const store = indexedStore(library, cache)
  const outline = await readOutline(store)
  const fromIndex = store.recordsAt(outline) !== null
  // Citations resolved through the name table (as `precis related` resolves them), or through every key.
  const named = await readNamed(store, outline)
  for (let i = 0; i < 4 && fresh.papers.length > 0; i++) {
    const key = pick(random, fresh.papers).key
    const limit = pick(random, [1, 5, 50])
    const answered =
      (await relatedFromIndex(store, outline, key, limit, i % 2 === 0 ? named : null)) ?? relatedPapers(await store.read(), key, limit)
    expect(plain(answered), `${label}: ${key}`).toEqual(plain(relatedPapers(fresh, key, limit)))
  }
  return fromIndex ? 1 : 0
}

/** One random change, as a save or a hand edit makes it. */
function change(random: () => number, lib: Library, step: number): void {
  const kind = pick(random, ['body', 'tags', 'paper tags', 'add', 'paper only', 'remove', 'title'])
  const some = lib.summaries.length > 0 ? pick(random, lib.summaries) : null
  if (kind === 'body' && some) some.body += ` graph analyses \\cite{${pick(random, lib.papers).key}} [@${pick(random, lib.papers).key}] θ`
  else if (kind === 'tags' && some) some.tags = [...new Set([...some.tags, pick(random, ['ml/gnn', 'stats', 'rare'])])].sort()
  else if (kind === 'paper tags') pick(random, lib.papers).tags = ['ml/graphs']
  else if (kind === 'remove' && some) lib.summaries.splice(lib.summaries.indexOf(some), 1)
  else if (kind === 'title') pick(random, lib.papers).title += ' kernels'
  else {
    const key = `new${step}`
    lib.papers.push(paper({ key, title: 'Graph kernel vertices', abstract: kind === 'paper only' ? 'Analyses of graphs.' : null }))
    if (kind !== 'paper only')
      lib.summaries.push(summary({ id: key, paper: key, body: `Kernels, @${lib.papers[0]!.key} and θ.`, tags: ['ml'] }))
  }
}

/** A library of `size` random papers written by precis, its index built and its postings too (by a first `related`). */
async function relatedOnce(random: () => number, size: number): Promise<{ library: string; cache: string }> {
  const { library, cache } = libraryWithCache()
  const made = randomRelatedLibrary(random, size)
  await indexedStore(library, cache).update((lib) => Object.assign(lib, made))
  await expectFresh(library, cache, random, 'first')
  return { library, cache }
}

function flipByte(file: string, at: number): void {
  const bytes = readFileSync(file)
  bytes[at] = bytes[at]! ^ 0x5a
  writeFileSync(file, bytes)
}

/** The other library of a case, and how many numbers making it drew. */
let madeOther: { other: { library: string; cache: string }; draws: number } | undefined

/**
 * The library made next by `random` (relatedOnce, 24 papers), whose index and postings a case puts
 * in place of its own. Every case draws the same numbers before it (the same seed, the same first
 * library), so it is the same library each time: made by the first case, only its numbers drawn
 * again by the next (`random` then where making it leaves it), and its files copied from, never changed.
 */
async function otherLibrary(random: () => number): Promise<{ library: string; cache: string }> {
  if (madeOther) {
    for (let n = 0; n < madeOther.draws; n++) random()
    return madeOther.other
  }
  let draws = 0
  const other = await relatedOnce(() => (draws++, random()), 24)
  madeOther = { other, draws }
  return other
}

describe('related through the index', () => {
  it('answers as the whole-library code after each random save and hand edit', async () => {
    const random = seeded(seedFromEnv(20261209))
    const { library, cache } = await relatedOnce(random, 30)
    let fromIndex = 0
    for (let step = 0; step < 16; step++) {
      const how = pick(random, ['save', 'save', 'hand edit'])
      if (how === 'save') await indexedStore(library, cache).update((lib) => change(random, lib, step))
      else {
        const lib = JSON.parse(readFileSync(library, 'utf8')) as Library
        change(random, lib, step)
        const layout = pick(random, ['four spaces', 'as precis writes it', 'escaped'])
        if (layout === 'four spaces') writeFileSync(library, JSON.stringify(lib, null, 4))
        else if (layout === 'as precis writes it') writeFileSync(library, [...serializeLibrary(lib)].join(''))
        // `@` and backslashes as \u escapes: the citations are there, though not spelled in the file.
        else writeFileSync(library, JSON.stringify(lib, null, 1).replace(/@/g, '\\u0040').replace(/\\\\/g, '\\u005c'))
      }
      // After a hand edit the first read builds the index again (from the library read whole); the next reads answer from it.
      fromIndex += await expectFresh(library, cache, random, `step ${step}: ${how}`)
      fromIndex += await expectFresh(library, cache, random, `step ${step}: ${how}, read again`)
    }
    expect(fromIndex).toBeGreaterThan(16)
  })

  it.each([
    ['the postings cut short', (files: Files) => truncateSync(files.postings, Math.floor(statSync(files.postings).size / 2))],
    ['the postings cut to nothing', (files: Files) => truncateSync(files.postings, 0)],
    [
      'a byte flipped in the postings near their end (the words in order)',
      (files: Files) => flipByte(files.postings, statSync(files.postings).size - 5),
    ],
    [
      'a byte flipped in the middle of the postings',
      (files: Files) => flipByte(files.postings, Math.floor(statSync(files.postings).size / 2)),
    ],
    ['the index cut short', (files: Files) => truncateSync(files.index, Math.floor(statSync(files.index).size / 2))],
    ['a byte flipped in the middle of the index', (files: Files) => flipByte(files.index, Math.floor(statSync(files.index).size / 2))],
    ['a byte flipped near the end of the index', (files: Files) => flipByte(files.index, statSync(files.index).size - 5)],
    ['the postings of another library in their place', (files: Files) => copyFileSync(files.other.postings, files.postings)],
    ['the index of another library in its place', (files: Files) => copyFileSync(files.other.index, files.index)],
  ])('answers as the whole-library code with %s', async (_, damage) => {
    const random = seeded(seedFromEnv(20261210))
    const { library, cache } = await relatedOnce(random, 24)
    const other = await otherLibrary(random)
    const files = {
      index: indexFileName(library, cache),
      postings: postingsPath(indexFileName(library, cache)),
      other: { index: indexFileName(other.library, other.cache), postings: postingsPath(indexFileName(other.library, other.cache)) },
    }
    damage(files)
    await expectFresh(library, cache, random, 'damaged')
    await expectFresh(library, cache, random, 'read again')
  })
})

interface Files {
  index: string
  postings: string
  other: { index: string; postings: string }
}
