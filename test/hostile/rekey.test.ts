/**
 * `precis rekey` against what a hostile or careless input can hold: keys that would forge terminal
 * output or break citations, names that are special to JavaScript objects, keys made of regular
 * expression characters, and a body that cites the paper thousands of times. Real library files.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { fingerprint, readLibraryFile, writeLibraryFile } from './support/files.js'

function libraryFile(): string {
  const path = join(tempDir('precis-rekey-'), 'library.json')
  writeLibraryFile(
    path,
    libraryOf(
      [paper({ key: 'smith+jones' }), paper({ key: 'kipf2017semi' })],
      [
        summary({ id: 'smith+jones', paper: 'smith+jones' }),
        summary({
          id: 'kipf2017semi',
          paper: 'kipf2017semi',
          body: `${'See [@smith+jones] and \\cite{smith+jones}. '.repeat(5000)}[@smithxjones]\n`,
        }),
      ],
    ),
  )
  return path
}

describe('rekey (hostile input)', () => {
  it.each([
    ['a bidi override', 'evil\u202ekey'],
    ['an escape sequence', 'a\u001b[2Jb'],
    ['a line break', 'a\nb'],
    ['a NUL', 'a\u0000b'],
    ['a megabyte', 'k'.repeat(1_000_000)],
    ['a citation breaker', 'a}b'],
  ])('refuses a new key with %s (exit 2), showing it escaped, the file untouched', async (_, key) => {
    const path = libraryFile()
    const before = fingerprint(path)
    const ctx = testContext({ library: path })
    expect(await main(['rekey', 'smith+jones', key], ctx)).toBe(2)
    expect(ctx.stderr()).not.toMatch(/[\u0000\u001b\u202e]/)
    expect(ctx.stderr().length).toBeLessThan(2000)
    expect(fingerprint(path)).toBe(before)
  })

  it.each(['__proto__', 'constructor', 'hasOwnProperty'])('takes %s as a key like any other, and the library reads back', async (key) => {
    const path = libraryFile()
    const ctx = testContext({ library: path })
    expect(await main(['rekey', 'smith+jones', key], ctx)).toBe(0)
    const lib = readLibraryFile(path)
    expect(lib.papers.map((p) => p.key).sort()).toEqual([key, 'kipf2017semi'].sort())
    expect(Object.getPrototypeOf(lib.papers.find((p) => p.key === key))).toBe(Object.prototype)
  })

  it('renames a key made of regular-expression characters, every one of 10,000 citations, and nothing that only looks like it', async () => {
    const path = libraryFile()
    const ctx = testContext({ library: path })
    expect(await main(['--json', 'rekey', 'smith+jones', 'smith-jones2017'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout()).citations).toEqual([{ id: 'kipf2017semi', count: 10_000, inTrash: false }])
    const body = readLibraryFile(path).summaries.find((s) => s.id === 'kipf2017semi')!.body
    expect(body.split('[@smith-jones2017]')).toHaveLength(5001)
    expect(body.split('\\cite{smith-jones2017}')).toHaveLength(5001)
    expect(body.endsWith('[@smithxjones]\n')).toBe(true)
  })
})
