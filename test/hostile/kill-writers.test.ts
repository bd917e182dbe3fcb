import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { driveWriters } from './support/drive.js'
import { leftoverTempFiles, paddedLibrary, writeLibraryFile } from './support/files.js'
import { builtCommands, precisOn } from './support/precis.js'
import { seedFromEnv } from './support/random.js'

/** `npm run soak` raises this (PRECIS_SOAK_KILLS=1000); the default keeps `npm test` within about a minute. */
const KILLS = Number(process.env.PRECIS_SOAK_KILLS) || 200
const FILLER = 'filler'
/** The writers' commands in this build (tag, tags rename and import join as soon as they exist). */
const MIX = ['add', 'edit', 'rm', 'restore', ...['tag', 'tags rename', 'import'].filter((c) => builtCommands().has(c.split(' ')[0]!))]

describe('writers killed with SIGKILL at random moments', () => {
  it(`${KILLS} kills among 4 writers (${MIX.join(', ')}) on a 2 MB library: it always parses, holds every reported change, and each killed change is all or nothing`, async () => {
    const dir = tempDir('precis-kill-')
    const library = join(dir, 'library.json')
    const filler = paddedLibrary(2 * 1024 * 1024)
    writeLibraryFile(library, filler)
    const fillerCount = filler.summaries.length

    const result = await driveWriters({
      library,
      writers: 4,
      seed: seedFromEnv(20261126),
      kills: KILLS,
      commandsPerWriter: KILLS * 2,
      // Mostly late in a command, where it reads, locks and writes, with some kills during start-up
      // and some that come too late: every phase of a command gets interrupted.
      killAfter: (random, typicalMs) => typicalMs * (0.3 + random() * 1.2),
      env: { PRECIS_LOCK_TIMEOUT_MS: '30000' },
      invariant: (lib) => expect(lib.summaries.filter((s) => s.tags.includes(FILLER))).toHaveLength(fillerCount),
    })

    expect(result.kills).toBeGreaterThanOrEqual(KILLS)
    expect(result.succeeded).toBeGreaterThan(0)
    // After all that, the library is usable at once: no lock left blocking it.
    const list = await precisOn(library, ['list'], { env: { PRECIS_LOCK_TIMEOUT_MS: '2000' } })
    expect(list.code).toBe(0)
    const add = await precisOn(library, ['add', '--title', 'After the storm', '--author', 'Ada Last', '--year', '2025', '--body', 'x'], { env: { PRECIS_LOCK_TIMEOUT_MS: '2000' } })
    expect(add).toMatchObject({ code: 0, stdout: 'last2025after\n' })
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([])
    // What the killed writers left beside it, doctor --fix clears; then doctor finds nothing.
    expect(leftoverTempFiles(dir).length).toBeGreaterThan(0) // some kills did land mid-write
    const fix = await precisOn(library, ['doctor', '--fix'])
    expect(fix.code, fix.stdout + fix.stderr).toBe(0)
    expect(leftoverTempFiles(dir)).toEqual([])
    expect((await precisOn(library, ['doctor'])).code).toBe(0)
  }, 600_000)
})
