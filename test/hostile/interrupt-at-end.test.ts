import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { leftoverTempFiles, paddedLibrary, readLibraryFile, writeLibraryFile } from './support/files.js'
import { BIN, runCommand } from './support/precis.js'

const AT_UNLOCK = fileURLToPath(new URL('support/interrupt-at-unlock.cjs', import.meta.url))

// A Ctrl-C after a write's last rename, while the command finishes (the lock released, nothing left
// to undo), still ends precis by the signal: an exit 0 would tell a shell's loop to go on.
it('a SIGINT that lands as a write releases its lock ends precis by the signal, the change kept whole', async () => {
  const dir = tempDir()
  const library = join(dir, 'library.json')
  writeLibraryFile(library, paddedLibrary(20_000))
  const count = readLibraryFile(library).summaries.length

  const result = await runCommand(process.execPath, [
    '-r',
    AT_UNLOCK,
    BIN,
    '--library',
    library,
    'tag',
    '--query',
    'tag:filler',
    '+late',
    '--yes',
  ])

  expect({ code: result.code, signal: result.signal }).toEqual({ code: null, signal: 'SIGINT' })
  const after = readLibraryFile(library)
  expect(after.summaries.filter((s) => s.tags.includes('late'))).toHaveLength(count)
  expect(existsSync(`${library}.lock`)).toBe(false)
  expect(leftoverTempFiles(dir)).toEqual([])
})
