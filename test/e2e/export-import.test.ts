import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { tempDir } from '../support/context.js'
import { runPrecis } from '../support/cli.js'

const DEMO = new URL('../../data/demo-library.json', import.meta.url)

describe('precis export / import (spawned)', () => {
  it('the demo library survives md and json round trips byte for byte', async () => {
    const root = tempDir()
    const library = join(root, 'library.json')
    writeFileSync(library, readFileSync(DEMO))
    const env = { NODE_ENV: 'test' }
    expect((await runPrecis(['--library', library, 'export', '--out', join(root, 'md1')], { env })).code).toBe(0)
    expect((await runPrecis(['--library', library, 'export', '--format', 'json', '--out', join(root, 'lib.json')], { env })).code).toBe(0)

    const fromMd = join(root, 'from-md.json')
    const fromJson = join(root, 'from-json.json')
    const imported = await runPrecis(['--library', fromMd, 'import', join(root, 'md1')], { env })
    expect(imported).toMatchObject({ code: 0, stdout: '' })
    expect(imported.stderr).toMatch(/^Imported: 5 papers added; 6 summaries added\n$/)
    expect((await runPrecis(['--library', fromJson, 'import', join(root, 'lib.json')], { env })).code).toBe(0)

    expect((await runPrecis(['--library', fromMd, 'export', '--out', join(root, 'md2')], { env })).code).toBe(0)
    const names = readdirSync(join(root, 'md1')).sort()
    expect(readdirSync(join(root, 'md2')).sort()).toEqual(names)
    for (const name of names) expect(readFileSync(join(root, 'md2', name), 'utf8')).toBe(readFileSync(join(root, 'md1', name), 'utf8'))

    const demo = parseLibrary(readFileSync(DEMO, 'utf8'), 'demo')
    for (const file of [fromMd, fromJson]) {
      const back = parseLibrary(readFileSync(file, 'utf8'), file)
      const byKey = <T extends { key?: string; id?: string }>(list: T[]) =>
        [...list].sort((a, b) => ((a.key ?? a.id)! < (b.key ?? b.id)! ? -1 : 1))
      expect(byKey(back.papers)).toEqual(byKey(demo.papers))
      expect(byKey(back.summaries)).toEqual(byKey(demo.summaries))
    }
    const again = await runPrecis(['--library', fromMd, 'import', join(root, 'md1')], { env })
    expect(again.stderr).toBe('Nothing changed: 5 papers unchanged; 6 summaries unchanged\n')
  })

  it('an invalid import is exit 4 naming the file, and the library file is untouched', async () => {
    const root = tempDir()
    const library = join(root, 'library.json')
    writeFileSync(library, readFileSync(DEMO))
    const before = readFileSync(library)
    writeFileSync(join(root, 'evil.md'), '---javascript\nrequire("fs").writeFileSync("pwned", "")\n---\n')
    const result = await runPrecis(['--library', library, 'import', join(root, 'evil.md')], { cwd: root })
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('evil.md: front matter in "javascript" is refused')
    expect(readFileSync(library)).toEqual(before)
    expect(readdirSync(root).sort()).toEqual(['evil.md', 'library.json'])
  })

  it('--dry-run from standard input prints the plan and writes no library', async () => {
    const root = tempDir()
    const library = join(root, 'library.json')
    const bib =
      '@article{hopper1952, title = {A Compiler for the {UNIVAC}}, author = {Hopper, Grace}, year = 1952, annote = {Short note.}}\n'
    const result = await runPrecis(['--library', library, 'import', '-', '--format', 'bibtex', '--dry-run'], { input: bib })
    expect(result).toMatchObject({
      code: 0,
      stdout: 'added     paper    hopper1952  stdin, entry hopper1952\nadded     summary  hopper1952  stdin, entry hopper1952\n',
    })
    expect(readdirSync(root)).toEqual([])
  })
})
