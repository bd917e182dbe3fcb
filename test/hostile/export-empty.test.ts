import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { emptyLibrary } from '../../src/core/model.js'
import { tempDir, testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'

// An export that matched nothing used to write refs.bib (and an empty list), so the next real
// export refused with "would be overwritten".
describe('an export that matches nothing writes nothing', () => {
  const formats = ['md', 'json', 'bibtex', 'html']
  const destinations: Array<[string, string[]]> = [
    ['stdout', []],
    ['--out file', ['--out', 'list.out']],
    ['--out folder', ['--out', 'review/']],
    ['--bib', ['--bib', 'refs.bib']],
    ['--out file and --bib', ['--out', 'list.out', '--bib', 'refs.bib']],
    ['--out folder and --bib', ['--out', 'review/', '--bib', 'refs.bib']],
  ]
  // --bib and folders are md's alone.
  const cases = formats.flatMap((format) =>
    destinations.filter(([name]) => format === 'md' || !/folder|--bib/.test(name)).map(([name, args]) => [format, name, args] as const),
  )

  it.each(cases)('--format %s to %s: exit 0, nothing on stdout or disk, and says so', async (format, _name, args) => {
    const root = tempDir()
    const ctx = testContext({ library: smallLibrary() })
    ctx.cwd = root
    expect(await main(['export', 'tag:nothing-has-this', '--format', format, ...args], ctx)).toBe(0)
    expect(readdirSync(root)).toEqual([])
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toBe('No summaries match "tag:nothing-has-this"; nothing written\n')
  })

  it('an empty library says it is empty', async () => {
    const root = tempDir()
    const ctx = testContext({ library: emptyLibrary() })
    ctx.cwd = root
    expect(await main(['export', '--out', 'list.md', '--bib', 'refs.bib'], ctx)).toBe(0)
    expect(readdirSync(root)).toEqual([])
    expect(ctx.stderr()).toBe('The library is empty; nothing written\n')
  })

  it('the next real export then writes without --force', async () => {
    const root = tempDir()
    const first = testContext({ library: smallLibrary() })
    first.cwd = root
    expect(await main(['export', 'tag:nothing-has-this', '--out', 'list.md', '--bib', 'refs.bib'], first)).toBe(0)
    const second = testContext({ library: smallLibrary() })
    second.cwd = root
    expect(await main(['export', 'tag:gnn', '--out', 'list.md', '--bib', 'refs.bib'], second)).toBe(0)
    expect(readdirSync(root).sort()).toEqual(['list.md', 'refs.bib'])
  })
})
