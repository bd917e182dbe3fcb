/**
 * An import of a few hundred thousand records: two steps took the records as arguments of one call
 * (`push(...records)`, `Math.max(...widths)`), which overflows the stack past about 125,000, and the
 * import ended on "Maximum call stack size exceeded" with exit 1. Run here with a fifth of the stack,
 * the same overflow comes at a fifth of the records, which keeps the test cheap.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { fingerprint, writeLibraryFile } from './support/files.js'
import { BIN, runCommand } from './support/precis.js'

const RECORDS = 40_000
const SMALL_STACK = '--stack-size=200'

describe(`an import of ${RECORDS.toLocaleString('en-US')} CSL-JSON records`, () => {
  it('--dry-run plans every one, with no crash', async () => {
    const dir = tempDir('precis-many-')
    const library = join(dir, 'library.json')
    writeLibraryFile(library, smallLibrary())
    const before = fingerprint(library)
    const file = join(dir, 'many.json')
    writeFileSync(file, JSON.stringify(Array.from({ length: RECORDS }, (_, i) => ({ id: `c${i}`, type: 'article', title: `T${i}` }))))
    const result = await runCommand(process.execPath, [SMALL_STACK, BIN, '--library', library, 'import', '--dry-run', file], {
      env: { HOME: dir },
    })
    expect(result.stderr).not.toContain('Maximum call stack')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.match(/^added {5}paper/gm)).toHaveLength(RECORDS)
    expect(fingerprint(library)).toBe(before)
  })
})
