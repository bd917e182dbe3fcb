// `show` finds the records a handle or a citation names through the index's name table, reading
// only those records. Held to the functions a whole library is searched with: resolveHandle (ids,
// keys, unique prefixes, ambiguity, case), CitationResolver and backlinks.
import { renameSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { backlinks, CitationResolver } from '../../../src/core/citations/citations.js'
import { PrecisError } from '../../../src/core/errors.js'
import type { Library } from '../../../src/core/model.js'
import { resolveHandle, type Resolved } from '../../../src/core/records/handles.js'
import type { PaperOutline, SummaryOutline } from '../../../src/core/records/outline.js'
import { readNamed, readOutline, resolveNamed } from '../../../src/store/outline-reads.js'
import { NAMES_PER_CHUNK } from '../../../src/store/index/names.js'
import { indexedStore, libraryWithCache, plainStore } from '../../hostile/support/index.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'

/** `library` written to a file as a hand edit would, its index built by a first read; then a read from the index. */
async function indexed(library: Library) {
  const { library: file, cache } = libraryWithCache()
  writeFileSync(file, JSON.stringify(library, null, 2))
  await readOutline(indexedStore(file, cache)) // builds the index
  const store = indexedStore(file, cache)
  const outline = await readOutline(store)
  const named = await readNamed(store, outline)
  expect(named).not.toBeNull()
  return { whole: await plainStore(file).read(), outline, named: named! }
}

type Answer = { paper: unknown; summaries: unknown[] } | { error: string; message: string; details: readonly string[] }

function answerOf(resolve: () => Resolved<PaperOutline, SummaryOutline> | null): Answer | null {
  try {
    const resolved = resolve()
    return resolved && { paper: resolved.paper, summaries: resolved.summaries }
  } catch (error) {
    if (!(error instanceof PrecisError)) throw error
    return { error: error.constructor.name, message: error.message, details: error.details }
  }
}

/** A library whose names differ only in case, share prefixes, or name a paper that is missing. */
function trickyLibrary(): Library {
  return libraryOf(
    [
      paper({ key: 'gilmer2017neural' }),
      paper({ key: 'Smith2020' }),
      paper({ key: 'smith2020' }),
      paper({ key: 'smith2021b' }),
      paper({ key: 'İzmir2019' }),
      paper({ key: 'straße2018' }),
      paper({ key: 'lone' }),
    ],
    [
      summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body: 'Cites \\cite{smith2021b} and @lone.\n' }),
      summary({ id: 'gilmer2017neural-2', paper: 'gilmer2017neural', body: 'See [@SMITH2021B; @gone2019x].\n' }),
      summary({ id: 'Smith2020', paper: 'Smith2020' }),
      summary({ id: 'smith2020-notes', paper: 'smith2020', body: 'After @gilmer2017neural-2.\n' }),
      summary({ id: 'gone2019x', paper: 'gone2019x', body: 'On \\citet{gilmer2017neural}.\n' }),
      summary({ id: 'gone2019x-2', paper: 'Gone2019X' }),
      summary({ id: 'zeta', paper: 'lone' }),
    ],
  )
}

describe('a handle resolved through the name table', () => {
  it.each([
    ['gilmer2017neural'],
    ['gilmer2017neural-2'],
    ['GILMER2017NEURAL-2'],
    ['  gil '],
    ['gilmer2017neural-'],
    ['smith2020'],
    ['SMITH2020'],
    ['Smith2020'],
    ['smith2020-'],
    ['smith'],
    ['smith2021'],
    ['i̇zmir'],
    ['İZMIR2019'],
    ['STRASSE2018'],
    ['straße'],
    ['gone'],
    ['gone2019x'],
    ['GONE2019X'],
    ['gone2019x-'],
    ['zeta'],
    ['lone'],
    ['l'],
    ['z'],
    ['nothing-like-it'],
    ['gilmr2017neural'],
    ['\uD800'],
    [''],
    ['   '],
  ])('%j answers as resolveHandle on the whole library', async (handle) => {
    const { whole, outline, named } = await indexed(trickyLibrary())
    const expected = answerOf(() => resolveHandle(whole, handle))
    expect(answerOf(() => resolveNamed(named, outline, handle) ?? resolveHandle(outline, handle))).toEqual(expected)
    // Only a handle naming every record is left to the outline.
    if (handle.trim() !== '') expect(named.handle(handle)).not.toBeNull()
  })

  it('answers as resolveHandle for random libraries and handles', async () => {
    const random = seeded(seedFromEnv(20))
    const letters = ['a', 'b', 'A', 'B', '-', '1', 'İ', 'i', 'ß', 'K', '\u212A', 'é', 'É']
    const word = (most: number) => Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(random, letters)).join('')
    let resolvedByNames = 0
    for (let round = 0; round < 12; round++) {
      const keys = [...new Set(Array.from({ length: 1 + Math.floor(random() * 8) }, () => word(4)))]
      const ids = [...new Set(Array.from({ length: Math.floor(random() * 10) }, () => word(5)))]
      const library = libraryOf(
        keys.map((key) => paper({ key })),
        // Some summaries name a paper that is missing, some one spelt in another case.
        ids.map((id) => summary({ id, paper: random() < 0.2 ? word(3) : pick(random, keys) })),
      )
      const { whole, outline, named } = await indexed(library)
      const names = [...keys, ...ids, ...library.summaries.map((s) => s.paper)]
      for (let h = 0; h < 25; h++) {
        const name = pick(random, names)
        const cut = name.slice(0, 1 + Math.floor(random() * name.length))
        const handle = random() < 0.3 ? word(3) : random() < 0.5 ? cut.toUpperCase() : ` ${cut} `
        const expected = answerOf(() => resolveHandle(whole, handle))
        const found = answerOf(() => resolveNamed(named, outline, handle))
        if (found) resolvedByNames++
        expect({ handle, answer: found ?? answerOf(() => resolveHandle(outline, handle)) }).toEqual({ handle, answer: expected })
      }
    }
    expect(resolvedByNames).toBeGreaterThan(200) // answered by the table, not the outline
  })
})

describe('a handle resolved through a name table of several chunks', () => {
  // 300 papers with a summary each: 600 names, chunks of NAMES_PER_CHUNK starting at p0128x and p0256x.
  const key = (i: number) => `p${String(i).padStart(4, '0')}x`
  const library = libraryOf(
    Array.from({ length: 300 }, (_, i) => paper({ key: key(i) })),
    Array.from({ length: 300 }, (_, i) => summary({ id: `${key(i)}-notes`, paper: key(i), body: `On @${key((i * 7) % 300)}.\n` })),
  )

  it('answers as resolveHandle, CitationResolver and backlinks on the whole library, across chunk bounds', async () => {
    expect(2 * 300).toBeGreaterThan(2 * NAMES_PER_CHUNK)
    const { whole, outline, named } = await indexed(library)
    const handles = [
      'p012',
      'p0127x',
      'p0128x',
      'P0127X-NOTES',
      'p0128x-',
      'p025',
      'p0255x-notes',
      'p0256',
      'p0299x-n',
      'p03',
      'p1',
      'p000',
    ]
    for (const handle of handles) {
      const expected = answerOf(() => resolveHandle(whole, handle))
      expect({ handle, answer: answerOf(() => resolveNamed(named, outline, handle) ?? resolveHandle(outline, handle)) }).toEqual({
        handle,
        answer: expected,
      })
    }
    expect(named.handle('p012')).not.toBeNull() // 20 names across the first bound, answered by the table
    const resolver = new CitationResolver(whole)
    const byKey = new Map(whole.papers.map((p) => [p.key, p]))
    for (const k of [key(0), key(127), key(128), key(255), key(256), key(299), `${key(128)}-notes`]) {
      expect({ k, paper: named.cited(k) }).toEqual({ k, paper: resolver.resolve(k) })
      const citing = (backlinks(whole, [k]).get(k) ?? []).flatMap((s) =>
        byKey.has(s.paper) ? [{ summary: s, paper: byKey.get(s.paper) }] : [],
      )
      expect({ k, citing: named.citing(k) }).toEqual({ k, citing })
    }
  })
})

describe('citations found through the name table', () => {
  it('resolve each key as CitationResolver does on the whole library', async () => {
    const { whole, named } = await indexed(trickyLibrary())
    const resolver = new CitationResolver(whole)
    const keys = [...whole.papers.map((p) => p.key), ...whole.summaries.map((s) => s.id), 'GILMER2017NEURAL-2', 'gone2019x', 'absent']
    for (const key of keys) expect({ key, paper: named.cited(key) }).toEqual({ key, paper: resolver.resolve(key) })
  })

  it('list the summaries citing each paper as backlinks do, each with its paper', async () => {
    const { whole, named } = await indexed(trickyLibrary())
    for (const key of [...whole.papers.map((p) => p.key), 'gone2019x']) {
      const byKey = new Map(whole.papers.map((p) => [p.key, p]))
      const expected = (backlinks(whole, [key]).get(key) ?? []).flatMap((s) =>
        byKey.has(s.paper) ? [{ summary: s, paper: byKey.get(s.paper) }] : [],
      )
      expect({ key, citing: named.citing(key) }).toEqual({ key, citing: expected })
    }
    expect(named.citing('smith2021b')!.map((c) => c.summary.id)).toEqual(['gilmer2017neural', 'gilmer2017neural-2'])
  })
})

describe('the records the name table finds', () => {
  it('are read from the library file as the first lookup found it, kept open for the later ones', async () => {
    const { library: file, cache } = libraryWithCache()
    writeFileSync(file, JSON.stringify(trickyLibrary(), null, 2))
    await readOutline(indexedStore(file, cache)) // builds the index
    const store = indexedStore(file, cache)
    const outline = await readOutline(store)
    const named = (await readNamed(store, outline))!
    const before = named.handle('gilmer2017neural-2')!
    // A save renames another library over the file: the later lookups still read the state the index describes.
    const changed = libraryOf([paper({ key: 'other' })], [summary({ id: 'other', paper: 'other' })])
    writeFileSync(`${file}.new`, JSON.stringify(changed, null, 2))
    renameSync(`${file}.new`, file)
    expect(named.handle('gilmer2017neural-2')).toEqual(before)
    expect(named.handle('zeta')!.summaries.map((s) => s.id)).toEqual(['zeta'])
    expect(named.cited('lone')!.key).toBe('lone')
    // A lookup made after the change opens the file anew, and finds it is no longer the one indexed.
    const later = (await readNamed(store, outline))!
    expect(later.handle('zeta')).toBeNull()
  })
})
