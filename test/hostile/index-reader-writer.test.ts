// Readers running while a writer saves one change after another: each read answers from the index
// or from the library, whichever is current at that moment, and never mixes two states. The writer
// adds the tags w0, w1, ... in order, so every state the library passes through is known: a read
// must give one of them exactly.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { paddedLibrary, writeLibraryFile } from './support/files.js'
import { precisOn } from './support/precis.js'

const WRITES = 4

/** The tags w0 ... w(count-1), as the writer adds them. */
const written = (count: number) => Array.from({ length: count }, (_, i) => `w${i}`)

describe('a reader during a writer', () => {
  it(`answers with one whole state of the library each time (${WRITES} writes)`, async () => {
    const dir = tempDir('precis-index-rw-')
    const library = join(dir, 'library.json')
    const lib = paddedLibrary(256 * 1024)
    writeLibraryFile(library, lib)
    const options = { env: { PRECIS_CACHE_DIR: join(dir, 'cache') } }
    const id = lib.summaries[2]!.id
    expect((await precisOn(library, ['tags'], options)).code).toBe(0) // builds the index

    let writing = true
    const writer = (async () => {
      for (let i = 0; i < WRITES; i++) expect((await precisOn(library, ['tag', id, `+w${i}`], options)).code).toBe(0)
      writing = false
    })()
    const seen = { show: new Set<number>(), tags: new Set<number>() }
    const reader = (async () => {
      while (writing) {
        const [show, tags] = await Promise.all([
          precisOn(library, ['show', id, '--json'], options),
          precisOn(library, ['tags', '--json'], options),
        ])
        expect([show.code, show.stderr, tags.code, tags.stderr]).toEqual([0, '', 0, ''])
        // show: the summary's tags are its first tag and a prefix of w0, w1, ...
        const [entry] = JSON.parse(show.stdout) as { tags: string[] }[]
        const shown = entry!.tags.length - 1
        expect(entry!.tags).toEqual(['filler', ...written(shown)])
        seen.show.add(shown)
        // tags: every other summary's tag unchanged, and the same kind of prefix, each on one summary.
        const counts = JSON.parse(tags.stdout) as { tag: string; count: number; own: number }[]
        const added = counts.filter((t) => t.tag !== 'filler')
        expect(counts.find((t) => t.tag === 'filler')).toEqual({ tag: 'filler', count: lib.summaries.length, own: lib.summaries.length })
        expect(added.map((t) => t.tag).sort()).toEqual(written(added.length))
        expect(added.every((t) => t.count === 1 && t.own === 1)).toBe(true)
        seen.tags.add(added.length)
      }
    })()
    await Promise.all([writer, reader])
    // After the writer: the last state, from the index the last write left.
    const last = await precisOn(library, ['show', id, '--json'], options)
    expect((JSON.parse(last.stdout) as { tags: string[] }[])[0]!.tags).toEqual(['filler', ...written(WRITES)])
    expect(seen.show.size + seen.tags.size).toBeGreaterThan(0) // the reader ran while the writer did
  })
})
