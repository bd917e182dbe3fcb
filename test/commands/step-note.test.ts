import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIG_LIBRARY_BYTES } from '../../src/command-kit/step-note.js'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { formatBytes } from '../../src/core/text/sizes.js'

const ERASE = '\r\u001b[K'

/** A library file of `bytes` or more: the small library, padded with the whitespace JSON allows. */
function libraryFile(bytes: number): string {
  const path = join(tempDir(), 'library.json')
  writeFileSync(path, JSON.stringify(smallLibrary()))
  appendFileSync(path, ' '.repeat(bytes))
  return path
}

const size = formatBytes(BIG_LIBRARY_BYTES)

describe('notes of the slow steps on a big library', () => {
  it('bulk tag says it reads, then that it saves, and erases each note', async () => {
    const ctx = testContext({ tty: true, library: libraryFile(BIG_LIBRARY_BYTES) })
    expect(await main(['tag', '--query', 'tag:gnn', '+graphs', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural\n')
    const err = ctx.stderr()
    expect(err).toContain(`\rReading library.json (${size})…\u001b[K${ERASE}`)
    expect(err).toContain(`\rChanging tags on 1 summary: saving library.json (${size})…\u001b[K${ERASE}`)
    expect(err.indexOf('Reading')).toBeLessThan(err.indexOf('Changing tags on 1 summary: saving'))
  })

  it('doctor says it checks the backup, reads and checks the library', async () => {
    const ctx = testContext({ tty: true, library: libraryFile(BIG_LIBRARY_BYTES) })
    expect(await main(['doctor'], ctx)).toBe(0)
    for (const step of ['Checking the backup of', 'Reading', 'Checking']) {
      expect(ctx.stderr()).toContain(`\r${step} library.json (${size})…\u001b[K${ERASE}`)
    }
  })

  it.each([
    ['not a terminal', false, [], BIG_LIBRARY_BYTES],
    ['--quiet', true, ['--quiet'], BIG_LIBRARY_BYTES],
    ['a small library', true, [], 0],
  ])('none with %s', async (_, tty, flags, bytes) => {
    const ctx = testContext({ tty, library: libraryFile(bytes) })
    expect(await main([...flags, 'tag', '--query', 'tag:gnn', '+graphs', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural\n')
    expect(ctx.stderr()).not.toContain('…')
  })
})
