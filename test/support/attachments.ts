import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { serializeLibrary } from '../../src/store/serialize.js'
import type { Library } from '../../src/core/model.js'
import { tempDir } from './context.js'

/**
 * A fake system opener: a shell script that appends each argument it is given, NUL-terminated, to
 * a record file, and exits with `code`. `recorded()` lists what it was asked to open, in order.
 */
export function fakeOpener(code = 0): { opener: string; recorded: () => string[] } {
  const dir = tempDir('precis-opener-')
  const record = join(dir, 'opened')
  const opener = join(dir, 'opener.sh')
  writeFileSync(opener, `#!/bin/sh\nfor arg in "$@"; do printf '%s\\0' "$arg" >> '${record}'; done\nexit ${code}\n`)
  chmodSync(opener, 0o755)
  return { opener, recorded: () => (existsSync(record) ? readFileSync(record, 'utf8').split('\0').slice(0, -1) : []) }
}

/** A library file in a fresh folder, holding `lib`; returns its path. */
export function libraryFileOf(lib: Library): string {
  const file = join(tempDir('precis-attach-'), 'library.json')
  writeFileSync(file, [...serializeLibrary(lib)].join(''))
  return file
}
