/**
 * Hand-written trash entries of papers alone (`summary: null`): an entry holding nothing, fields
 * that pollute prototypes, terminal escapes, a key that climbs out of the attachment folder, and a
 * key a different paper of the library has. What is read is checked as what is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { DataError } from '../../src/core/errors.js'
import type { Library } from '../../src/core/model.js'
import { checkBeforeWrite } from '../../src/store/write-gate.js'
import { serializeLibrary } from '../../src/store/serialize.js'
import { tempDir, testContext } from '../support/context.js'
import { paper, smallLibrary } from '../support/library.js'

const DELETED = '2026-01-01T00:00:00.000Z'

/** A library file holding `text` in a fresh folder. */
function fileWithText(text: string): string {
  const dir = join(tempDir('precis-trash-'), 'lib')
  mkdirSync(dir)
  const file = join(dir, 'library.json')
  writeFileSync(file, text)
  return file
}

const libraryText = (lib: Library) => [...serializeLibrary(lib)].join('')

function withTrash(...trash: unknown[]): Library {
  return { ...smallLibrary(), trash: trash as Library['trash'] }
}

async function run(argv: string[], library: string, tty = false) {
  const ctx = testContext({ tty, library, answers: { confirm: true } })
  const code = await main(argv, ctx)
  return { code, out: ctx.stdout(), err: ctx.stderr() }
}

describe('hand-written trash entries of papers alone', () => {
  it.each([
    ['an entry holding neither a summary nor a paper', { summary: null, paper: null, deleted: DELETED }],
    ['a paper alone without its summary field', { paper: paper({ key: 'x' }), deleted: DELETED }],
    ['a paper alone with an invalid record', { summary: null, paper: { key: 'x' }, deleted: DELETED }],
    ['a paper alone with a bad time of deletion', { summary: null, paper: paper({ key: 'x' }), deleted: 'yesterday' }],
    [
      'a paper alone with an attachment climbing out of its folder',
      {
        summary: null,
        paper: paper({
          key: 'x',
          attachments: [{ kind: 'file', name: '../../etc/passwd', sha256: 'a'.repeat(64), size: 1, added: DELETED }],
        }),
        deleted: DELETED,
      },
    ],
  ])('%s: refused whole (exit 4), the file untouched', async (_name, entry) => {
    const text = JSON.stringify(withTrash(entry))
    const file = fileWithText(text)
    for (const argv of [['trash'], ['restore', 'x'], ['list']]) {
      const result = await run(argv, file)
      expect(result.code, argv.join(' ')).toBe(4)
      expect(result.err).toContain('is not a valid precis library')
    }
    expect(readFileSync(file, 'utf8')).toBe(text)
    // What is written passes the same check: a change leaving such an entry is refused before writing.
    expect(() => checkBeforeWrite(withTrash(entry), file)).toThrow(DataError)
  })

  it('__proto__ and stray keys in a paper alone are dropped on reading; nothing is polluted', async () => {
    const entry = `{"__proto__":{"polluted":1},"summary":null,"paper":${JSON.stringify(paper({ key: 'x' })).replace('{', '{"__proto__":{"polluted":2},"extra":1,')},"deleted":"${DELETED}"}`
    const text = JSON.stringify(smallLibrary()).replace('"trash":[]', `"trash":[${entry}]`)
    const file = fileWithText(text)
    const listed = await run(['--json', 'trash'], file)
    expect(listed.code, listed.err).toBe(0)
    expect(JSON.parse(listed.out)).toEqual([{ id: 'x', kind: 'paper', key: 'x', title: 'A study of x', deleted: DELETED }])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await run(['restore', 'x'], file)).code).toBe(0)
    const restored = (JSON.parse(readFileSync(file, 'utf8')) as Library).papers.find((p) => p.key === 'x')!
    expect(Object.keys(restored)).not.toContain('extra')
    expect(Object.getPrototypeOf(restored)).toBe(Object.prototype)
  })

  it.each([false, true])('terminal escapes in the key and title of a paper alone are not sent to the terminal (tty: %s)', async (tty) => {
    const key = 'evil\u001b]8;;https://x\u0007k'
    const entry = { summary: null, paper: paper({ key, title: 'Title \u001b[2J\u001b[31mred\u009b' }), deleted: DELETED }
    const file = fileWithText(libraryText(withTrash(entry)))
    const listed = await run(['trash'], file, tty)
    expect(listed.code, listed.err).toBe(0)
    expect(listed.out).not.toMatch(/[\u001b\u0007\u009b]/)
    expect(listed.out).toContain('red')
    const restored = await run(['restore', key], file, tty)
    expect(restored.code, restored.err).toBe(0)
    expect(restored.err).not.toMatch(/[\u001b\u0007\u009b]/)
    // The stored key is kept exact: sanitising is for display only.
    expect((JSON.parse(readFileSync(file, 'utf8')) as Library).papers.map((p) => p.key)).toContain(key)
  })

  it('a key that climbs out of the attachment folder: trash --empty deletes nothing outside it', async () => {
    const file = fileWithText('')
    const outside = join(file, '..', 'x')
    mkdirSync(outside)
    writeFileSync(join(outside, 'a.pdf'), 'not ours')
    const attachments = [{ kind: 'file' as const, name: 'a.pdf', sha256: 'a'.repeat(64), size: 8, added: DELETED }]
    writeFileSync(file, libraryText(withTrash({ summary: null, paper: paper({ key: '../x', attachments }), deleted: DELETED })))
    const emptied = await run(['trash', '--empty', '--yes'], file)
    expect(emptied.code, emptied.err).toBe(0)
    expect(readFileSync(join(outside, 'a.pdf'), 'utf8')).toBe('not ours')
    expect(existsSync(join(file, '..', 'library.files', 'x'))).toBe(false)
  })

  it('a paper alone whose key another paper of the library has: doctor names both and how to settle it', async () => {
    const lib = smallLibrary()
    const twin = paper({ key: 'gilmer2017neural', title: 'A Different Paper Entirely', authors: ['Grace Hopper'], year: 1952 })
    const file = fileWithText(libraryText(withTrash({ summary: null, paper: twin, deleted: DELETED })))
    const doctor = await run(['--json', 'doctor'], file)
    const finding = (JSON.parse(doctor.out).findings as { kind: string; subjects: string[]; fix: string }[]).find(
      (f) => f.kind === 'trash-key-taken',
    )
    expect(finding).toMatchObject({ subjects: ['gilmer2017neural', 'gilmer2017neural'], fix: expect.stringContaining('precis restore') })
    // The same paper in both places is no trouble: restore joins them.
    const same = fileWithText(libraryText(withTrash({ summary: null, paper: lib.papers[0], deleted: DELETED })))
    const clean = await run(['--json', 'doctor'], same)
    expect(JSON.parse(clean.out).findings).toEqual([])
    expect((await run(['restore', 'gilmer2017neural'], same)).code).toBe(0)
    expect((JSON.parse(readFileSync(same, 'utf8')) as Library).papers).toEqual(lib.papers)
  })
})
