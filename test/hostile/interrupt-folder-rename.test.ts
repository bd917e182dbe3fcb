import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { paddedLibrary, writeLibraryFile } from './support/files.js'
import { BIN, precisOn, runCommand } from './support/precis.js'

const IN_RENAME = fileURLToPath(new URL('support/interrupt-in-folder-rename.cjs', import.meta.url))

// An export to a new folder writes a hidden folder and renames it into place; a Ctrl-C removes the hidden
// folder. A Ctrl-C as the rename is made must leave the folder whole or absent, never part of it.
it('a SIGINT as an export renames its folder into place leaves the folder whole, and no hidden folder', async () => {
  const dir = tempDir()
  const library = join(dir, 'library.json')
  writeLibraryFile(library, paddedLibrary(40_000))
  const whole = await precisOn(library, ['export', '--out', join(dir, 'whole') + '/'])
  expect(whole.code, whole.stderr).toBe(0)

  const result = await runCommand(process.execPath, ['-r', IN_RENAME, BIN, '--library', library, 'export', '--out', join(dir, 'new') + '/'])

  expect({ code: result.code, signal: result.signal }).toEqual({ code: null, signal: 'SIGINT' })
  expect(readdirSync(dir).filter((name) => name.startsWith('.new.'))).toEqual([])
  expect(existsSync(join(dir, 'new')) && readdirSync(join(dir, 'new')).sort()).toEqual(readdirSync(join(dir, 'whole')).sort())
})
