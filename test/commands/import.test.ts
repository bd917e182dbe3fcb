import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { emptyLibrary } from '../../src/core/model.js'
import { libraryToJson } from '../../src/formats/json.js'
import { tempDir, testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url))

/** A folder of Markdown notes as a person might keep them. */
function notesFolder(): string {
  const dir = tempDir()
  mkdirSync(join(dir, 'sub'))
  mkdirSync(join(dir, '.obsidian'))
  writeFileSync(
    join(dir, 'a.md'),
    '---\ntitle: Attention Is Everywhere\nauthors: [Ada Lovelace]\nyear: 2021\ntags: [nlp]\n---\nFirst note.\n',
  )
  writeFileSync(join(dir, 'sub', 'b.markdown'), '# Graph Notes\n\nNo front matter here.\n')
  writeFileSync(join(dir, '.obsidian', 'c.md'), '# hidden, not imported\n')
  writeFileSync(join(dir, 'sub', 'ignored.png'), 'not text')
  return dir
}

describe('import Markdown', () => {
  it('reads a folder recursively (hidden folders and other files skipped) in one write', async () => {
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(['import', notesFolder()], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(lib.papers.map((p) => [p.key, p.title])).toEqual([
      ['lovelace2021attention', 'Attention Is Everywhere'],
      ['anonndgraph', 'Graph Notes'],
    ])
    expect(lib.summaries.map((s) => [s.id, s.tags, s.created])).toEqual([
      ['lovelace2021attention', ['nlp'], '2026-11-26T12:00:00.000Z'],
      ['anonndgraph', [], '2026-11-26T12:00:00.000Z'],
    ])
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toBe('Imported: 2 papers added; 2 summaries added\n')
  })

  it('--dry-run prints the plan and writes nothing', async () => {
    const ctx = testContext({ library: emptyLibrary() })
    const dir = notesFolder()
    ctx.cwd = dir
    expect(await main(['import', '.', '--dry-run'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(
      'added     paper    lovelace2021attention  a.md\n' +
        'added     summary  lovelace2021attention  a.md\n' +
        'added     paper    anonndgraph            sub/b.markdown\n' +
        'added     summary  anonndgraph            sub/b.markdown\n',
    )
    expect(ctx.stderr()).toBe('Dry run, nothing written: 2 papers added; 2 summaries added\n')
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('changes nothing when the same input is imported again', async () => {
    const dir = notesFolder()
    const ctx = testContext({ library: emptyLibrary() })
    await main(['import', dir], ctx)
    const before = await ctx.store.read()
    const again = testContext()
    Object.assign(again, { store: ctx.store })
    expect(await main(['import', dir], again)).toBe(0)
    expect(again.stderr()).toBe('Nothing changed: 2 papers unchanged; 2 summaries unchanged\n')
    expect(await ctx.store.read()).toEqual(before)
  })

  it('refuses executable front matter, naming the file, and runs nothing', async () => {
    const dir = notesFolder()
    writeFileSync(join(dir, 'evil.md'), '---js\n{ title: (globalThis.__precisImportRan = 1, "x") }\n---\nbody\n')
    const ctx = testContext({ library: emptyLibrary() })
    ctx.cwd = dir
    expect(await main(['import', '.'], ctx)).toBe(4)
    expect(ctx.stderr()).toContain('Nothing was imported: 1 invalid record')
    expect(ctx.stderr()).toContain('evil.md: front matter in "js" is refused')
    expect((globalThis as Record<string, unknown>).__precisImportRan).toBeUndefined()
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('--partial imports the valid records and lists the others', async () => {
    const dir = notesFolder()
    writeFileSync(join(dir, 'bad.md'), '---\nyear: soon\n---\nx\n')
    const ctx = testContext({ library: emptyLibrary() })
    ctx.cwd = dir
    expect(await main(['import', '.', '--partial'], ctx)).toBe(0)
    expect((await ctx.store.read()).papers).toHaveLength(2)
    expect(ctx.stderr()).toContain('Skipped as invalid:\n  bad.md: year must be a number from 0 to 9999, not "soon"\n')
  })
})

describe('import refuses bad input with exit 4 and leaves the library alone', () => {
  it.each([
    ['invalid UTF-8', 'x.md', Buffer.from([0x23, 0x20, 0xc3, 0x28]), 'is not valid UTF-8'],
    ['a binary file', 'x.bib', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), 'looks like a binary file'],
    ['deep JSON', 'x.json', Buffer.from('['.repeat(5000)), 'nested too deeply'],
    [
      'an alias bomb',
      'x.md',
      Buffer.from('---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n'),
      'refused',
    ],
  ])('%s', async (_case, name, bytes, message) => {
    const dir = tempDir()
    writeFileSync(join(dir, name), bytes)
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['import', join(dir, name)], ctx)).toBe(4)
    expect(ctx.stderr()).toContain(message)
    expect(ctx.stderr()).toContain(name)
    expect(await ctx.store.read()).toEqual(smallLibrary())
  })

  it('a file over the size limit, without reading it', async () => {
    const file = join(tempDir(), 'huge.md')
    writeFileSync(file, '')
    const { truncateSync } = await import('node:fs')
    truncateSync(file, 50 * 1024 * 1024)
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(['import', file], ctx)).toBe(4)
    expect(ctx.stderr()).toMatch(/huge\.md is too big to import \(50 MiB; the limit is 20 MiB\)/)
  })

  it('Markdown on standard input over the note limit, while a library file may be bigger', async () => {
    const ctx = testContext({ library: emptyLibrary(), stdin: '# Big\n' + 'x'.repeat(21 * 1024 * 1024) })
    expect(await main(['import', '-'], ctx)).toBe(4)
    expect(ctx.stderr()).toContain('stdin is too big to import (21 MiB; the limit is 20 MiB)')
    const lib = smallLibrary()
    lib.summaries[0]!.body = 'y'.repeat(21 * 1024 * 1024)
    const file = join(tempDir(), 'big.json')
    writeFileSync(file, libraryToJson(lib))
    const big = testContext({ library: emptyLibrary() })
    expect(await main(['import', file], big)).toBe(0)
    expect((await big.store.read()).summaries).toHaveLength(3)
  })

  it('__proto__ records in JSON pollute nothing', async () => {
    const file = join(tempDir(), 'evil.json')
    writeFileSync(file, libraryToJson(smallLibrary()).replace('"papers": [', '"__proto__": {"polluted": 1}, "papers": ['))
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(['import', file], ctx)).toBe(0)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await ctx.store.read()).papers).toHaveLength(2)
  })
})

describe('import other formats', () => {
  it('BibTeX: papers with and without summaries, the broken entry named', async () => {
    const file = join(tempDir(), 'refs.bib')
    writeFileSync(file, fixture('refs.bib'))
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(['import', file], ctx)).toBe(4)
    expect(ctx.stderr()).toContain('refs.bib, entry broken: Unterminated')
    const partial = testContext({ library: emptyLibrary() })
    expect(await main(['import', file, '--partial'], partial)).toBe(0)
    const lib = await partial.store.read()
    expect(lib.papers.map((p) => p.key)).toEqual(['lovelace2019graphs', 'hopper1952', 'noether1921', 'afterbroken'])
    expect(lib.summaries.map((s) => s.id)).toEqual(['lovelace2019graphs', 'hopper1952'])
  })

  it('a ShortScience page from standard input, tagged shortscience', async () => {
    const ctx = testContext({ library: emptyLibrary(), stdin: fixture('shortscience-page.txt') })
    expect(await main(['import', '-'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(lib.summaries).toHaveLength(3)
    expect(lib.summaries.every((s) => s.tags.includes('shortscience'))).toBe(true)
    expect(lib.papers.find((p) => p.arxiv === '1704.01212')).toBeDefined()
  })

  it('a ShortScience CSV export', async () => {
    const file = join(tempDir(), 'export.csv')
    writeFileSync(file, fixture('shortscience.csv'))
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(['import', file, '--partial'], ctx)).toBe(0)
    expect((await ctx.store.read()).summaries).toHaveLength(5)
    expect(ctx.stderr()).toContain('export.csv, line 8: expected 2 columns')
  })

  it('JSON from another library, with --on-conflict update taking the imported values', async () => {
    const theirs = smallLibrary()
    theirs.papers[0]!.venue = 'ICML'
    theirs.summaries[0]!.body = 'Their version.\n'
    const file = join(tempDir(), 'theirs.json')
    writeFileSync(file, libraryToJson(theirs))
    const skip = testContext({ library: smallLibrary() })
    expect(await main(['import', file, '--dry-run'], skip)).toBe(0)
    const origin = `${relative(process.cwd(), file)}, paper gilmer2017neural`
    expect(skip.stdout()).toContain(`skipped   paper    gilmer2017neural       ${origin}  (differs: venue)\n`)
    expect(skip.stdout()).toContain(`skipped   summary  gilmer2017neural       ${origin}  (differs: body)\n`)
    expect(skip.stdout()).toContain(`unchanged summary  gilmer2017neural-2     ${origin}\n`)
    const update = testContext({ library: smallLibrary(), globals: { json: true } })
    expect(await main(['import', file, '--on-conflict', 'update', '--json'], update)).toBe(0)
    const lib = await update.store.read()
    expect(lib.papers[0]!.venue).toBe('ICML')
    expect(lib.summaries[0]!.body).toBe('Their version.\n')
    const report = JSON.parse(update.stdout()) as { actions: { outcome: string; id: string; differences?: string[] }[] }
    expect(report.actions.filter((a) => a.outcome === 'updated')).toEqual([
      {
        kind: 'paper',
        outcome: 'updated',
        id: 'gilmer2017neural',
        origin,
        differences: ['venue'],
        changes: [{ field: 'venue', before: null, after: 'ICML' }],
      },
      {
        kind: 'summary',
        outcome: 'updated',
        id: 'gilmer2017neural',
        origin,
        differences: ['body'],
        changes: [{ field: 'body', before: 'Notes on gilmer2017neural.\n', after: 'Their version.\n' }],
      },
    ])
  })
})

describe('import in a terminal', () => {
  it('draws a progress bar over many files and shows hostile names escaped in the plan', async () => {
    const dir = tempDir()
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, `note-${String(i).padStart(2, '0')}.md`), `# Note ${i}\n`)
    writeFileSync(join(dir, 'evil\u001b[2J.md'), '# Evil\n')
    const ctx = testContext({ tty: true, library: emptyLibrary() })
    ctx.cwd = dir
    let t = Date.parse('2026-01-01T00:00:00Z')
    ctx.clock = { ...ctx.clock, now: () => new Date((t += 400)) }
    expect(await main(['import', '.', '--dry-run'], ctx)).toBe(0)
    expect(ctx.stderr()).toMatch(/\rReading █+░* \d+\/13\u001b\[K/)
    expect(ctx.stdout()).toContain('evil\\u001B[2J.md')
    expect(ctx.stdout()).not.toContain('\u001b')
  })
})

describe('import usage', () => {
  it.each([
    [['import'], 'What to import'],
    [['import', 'x', '--format', 'docx'], '--format'],
    [['import', 'x', '--on-conflict', 'merge'], '--on-conflict'],
    [['import', '-', 'x.md'], 'standard input'],
  ])('%j is exit 2', async (argv, message) => {
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(argv, ctx)).toBe(2)
    expect(ctx.stderr()).toContain(message)
  })

  it('a missing path is exit 3', async () => {
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(['import', join(tempDir(), 'nope')], ctx)).toBe(3)
    expect(ctx.stderr()).toContain('No such file or folder')
  })
})

describe('export md folder → import → export', () => {
  it('gives identical files, through real library files', async () => {
    const first = join(tempDir(), 'first')
    const second = join(tempDir(), 'second')
    const library = join(tempDir(), 'library.json')
    expect(await main(['export', '--out', first], testContext({ library: smallLibrary() }))).toBe(0)
    expect(await main(['import', first], testContext({ library }))).toBe(0)
    expect(await main(['export', '--out', second], testContext({ library }))).toBe(0)
    const files = readdirSync(first).sort()
    expect(readdirSync(second).sort()).toEqual(files)
    for (const name of files) expect(readFileSync(join(second, name), 'utf8')).toBe(readFileSync(join(first, name), 'utf8'))
  })
})
