import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

// bin/precis.js ends the process as soon as nothing is left to do, without waiting for Node to free
// its heap: never while a write to stdout is still queued for a reader that has not taken it.
describe('a run ended early', () => {
  const keys = Array.from({ length: 1500 }, (_, i) => `author${2000 + (i % 20)}paper${i}`)
  const library = join(tempDir(), 'library.json')
  writeFileSync(
    library,
    JSON.stringify(
      libraryOf(
        keys.map((key) => paper({ key, title: `A study of ${key} ${'in many long words '.repeat(8)}` })),
        keys.map((key) => summary({ id: key, paper: key })),
      ),
    ),
  )

  it('gives a reader slower than it every byte, as a file receives them', async () => {
    const env = { PRECIS_CACHE_DIR: tempDir() }
    const file = join(tempDir(), 'list.txt')
    const out = openSync(file, 'w')
    const written = spawnSync(process.execPath, [BIN, '--library', library, 'list'], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', NO_COLOR: '1', ...env },
      stdio: ['ignore', out, 'pipe'],
    })
    closeSync(out)
    expect(written.status).toBe(0)
    const expected = readFileSync(file, 'utf8')
    expect(expected.length).toBeGreaterThan(4 * 65536) // more than a pipe holds: some of it waits for the reader

    // The reader takes nothing for a while: precis has written what the pipe holds and queued the rest.
    const slow = await runPrecis(['--library', library, 'list'], {
      env,
      onSpawn: (child) => {
        child.stdout!.pause()
        setTimeout(() => child.stdout!.resume(), 500)
      },
    })
    expect(slow.code).toBe(0)
    expect(slow.stdout).toBe(expected)
  })
})
