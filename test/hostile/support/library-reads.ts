import { readFileSync } from 'node:fs'
import type { Library } from '../../../src/core/model.js'
import { parseLibrary } from '../../../src/core/schema/schema.js'

/**
 * A reader that validates the library at a path as readLibraryFile does, but parses it again only when
 * its bytes changed since the last read. Tests that check the library after each of hundreds of commands
 * (most of them killed before they wrote anything) otherwise spent most of their time parsing the same
 * megabytes again. Equal bytes parse to an equal library, so no check is weakened; the library returned
 * is shared between reads and must not be changed.
 */
export function libraryReader(): (path: string) => Library {
  let last: { path: string; bytes: Buffer; library: Library } | undefined
  return (path) => {
    const bytes = readFileSync(path)
    if (last?.path === path && last.bytes.equals(bytes)) return last.library
    const library = parseLibrary(bytes.toString('utf8'), path)
    last = { path, bytes, library }
    return library
  }
}
