import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { libraryToBibtex } from '../../src/formats/bibtex.js'
import { summaryToMarkdown } from '../../src/formats/markdown.js'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { tempDir, testContext } from '../support/context.js'
import { paper, smallLibrary, summary } from '../support/library.js'

const byKey = (lib: ReturnType<typeof smallLibrary>, key: string) => lib.papers.find((p) => p.key === key)!

describe('export --format md to a folder', () => {
  it('writes one file per summary, named by id, and says so on stderr', async () => {
    const lib = smallLibrary()
    const out = join(tempDir(), 'review')
    const ctx = testContext({ library: lib })
    expect(await main(['export', '--out', out + '/'], ctx)).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['gilmer2017neural-2.md', 'gilmer2017neural.md', 'rasmussen2004gaussian.md'])
    for (const s of lib.summaries) expect(readFileSync(join(out, `${s.id}.md`), 'utf8')).toBe(summaryToMarkdown(s, byKey(lib, s.paper)))
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toBe(`Wrote 3 summaries to ${out}/\n`)
  })

  it('keeps hostile ids inside the folder and apart from each other', async () => {
    const lib = smallLibrary()
    lib.summaries.push(
      summary({ id: '../../escape', paper: 'gilmer2017neural' }),
      summary({ id: 'CON', paper: 'gilmer2017neural' }),
      summary({ id: 'Gilmer2017Neural', paper: 'gilmer2017neural' }),
    )
    const root = tempDir()
    const out = join(root, 'out')
    expect(await main(['export', '--out', out], testContext({ library: lib }))).toBe(0)
    expect(readdirSync(root)).toEqual(['out'])
    expect(readdirSync(out).sort()).toEqual([
      'Gilmer2017Neural-3.md',
      '_CON.md',
      'escape.md',
      'gilmer2017neural-2.md',
      'gilmer2017neural.md',
      'rasmussen2004gaussian.md',
    ])
  })

  it('selects with the search grammar', async () => {
    const out = join(tempDir(), 'bayes')
    expect(await main(['export', 'tag:bayesian', '--out', out], testContext({ library: smallLibrary() }))).toBe(0)
    expect(readdirSync(out)).toEqual(['rasmussen2004gaussian.md'])
  })

  it('refuses to overwrite without --force, writing nothing, and replaces with it', async () => {
    const out = tempDir()
    writeFileSync(join(out, 'gilmer2017neural.md'), 'mine')
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['export', '--out', out], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('would be overwritten')
    expect(ctx.stderr()).toContain(join(out, 'gilmer2017neural.md'))
    expect(readdirSync(out)).toEqual(['gilmer2017neural.md'])
    expect(await main(['export', '--out', out, '--force'], testContext({ library: smallLibrary() }))).toBe(0)
    expect(readFileSync(join(out, 'gilmer2017neural.md'), 'utf8')).toMatch(/^---\nid: gilmer2017neural\n/)
  })

  it('replaces a planted symbolic link instead of writing through it', async () => {
    const root = tempDir()
    const victim = join(root, 'victim.txt')
    writeFileSync(victim, 'precious')
    mkdirSync(join(root, 'out'))
    symlinkSync(victim, join(root, 'out', 'gilmer2017neural.md'))
    expect(await main(['export', '--out', join(root, 'out'), '--force'], testContext({ library: smallLibrary() }))).toBe(0)
    expect(readFileSync(victim, 'utf8')).toBe('precious')
    expect(lstatSync(join(root, 'out', 'gilmer2017neural.md')).isSymbolicLink()).toBe(false)
  })
})

describe('export as one document', () => {
  it('md to stdout with a companion .bib that the list names relative to the working folder', async () => {
    const root = tempDir()
    const ctx = testContext({ library: smallLibrary() })
    ctx.cwd = root
    expect(await main(['export', '--bib', 'refs/refs.bib'], ctx)).toBe(0)
    expect(ctx.stdout()).toMatch(/^---\ntitle: Reading list\nbibliography: refs\/refs.bib\nlink-citations: true\n---\n\n## Contents\n/)
    expect(ctx.stdout()).toContain('[@gilmer2017neural]')
    expect(readFileSync(join(root, 'refs', 'refs.bib'), 'utf8')).toBe(libraryToBibtex(smallLibrary()))
    expect(ctx.stderr()).toBe('Wrote the document to stdout and refs/refs.bib\n')
  })

  it('md to a file names the .bib relative to the file', async () => {
    const root = tempDir()
    const ctx = testContext({ library: smallLibrary() })
    expect(
      await main(
        ['export', 'gilmer', '--out', join(root, 'docs', 'list.md'), '--bib', join(root, 'refs.bib'), '--title', 'Chapter 2'],
        ctx,
      ),
    ).toBe(0)
    const list = readFileSync(join(root, 'docs', 'list.md'), 'utf8')
    expect(list).toMatch(/^---\ntitle: Chapter 2\nbibliography: \.\.\/refs\.bib\n/)
    expect(list).not.toContain('rasmussen')
  })

  it.each([
    ['json', (text: string) => expect(parseLibrary(text, 'out').summaries).toHaveLength(3)],
    ['bibtex', (text: string) => expect(text).toBe(libraryToBibtex(smallLibrary()))],
    ['html', (text: string) => expect(text).toContain('Content-Security-Policy')],
  ])('--format %s goes to stdout when piped, exactly', async (format, check) => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['export', '--format', format], ctx)).toBe(0)
    check(ctx.stdout())
  })

  it('escapes control characters for a terminal but not for a pipe', async () => {
    const lib = libraryOf()
    for (const tty of [true, false]) {
      const ctx = testContext({ tty, library: lib })
      expect(await main(['export', '--format', 'md'], ctx)).toBe(0)
      expect(/\u001b/.test(ctx.stdout())).toBe(!tty)
      if (tty) expect(ctx.stdout()).toContain('Evil \\u001B')
    }
  })

  it('--format json to a file is a library file', async () => {
    const file = join(tempDir(), 'lib.json')
    expect(await main(['export', '--format', 'json', '--out', file], testContext({ library: smallLibrary() }))).toBe(0)
    expect(parseLibrary(readFileSync(file, 'utf8'), file).papers).toHaveLength(2)
  })
})

function libraryOf() {
  const lib = smallLibrary()
  lib.papers.push(paper({ key: 'evil2020', title: 'Evil \u001b[31mred\u001b[0m' }))
  return lib
}

describe('export usage errors', () => {
  it.each([
    [['export', '--format', 'docx'], '--format'],
    [['export', '--format', 'json', '--bib', 'x.bib'], '--bib'],
    [['export', 'title:"unclosed'], 'quote'],
  ])('%j is exit 2 naming the problem', async (argv, word) => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(argv, ctx)).toBe(2)
    expect(ctx.stderr()).toContain(word)
  })

  it('a folder for a one-file format', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['export', '--format', 'json', '--out', tempDir()], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('writes one file')
    expect(ctx.stderr()).toContain('is a folder')
  })

  it.each(['refs', 'refs/'])('a name %j that is no file yet, for a one-file format: says the name reads as a folder', async (name) => {
    const ctx = { ...testContext({ library: smallLibrary() }), cwd: tempDir() }
    expect(await main(['export', '--format', 'bibtex', '--out', name], ctx)).toBe(2)
    expect(ctx.stderr()).toContain(`--out ${name} names a folder`)
    expect(ctx.stderr()).not.toContain('is a folder')
  })
})

describe('export progress', () => {
  it('draws a bar on a terminal once the export takes more than a second, and erases it', async () => {
    const out = join(tempDir(), 'many')
    const lib = smallLibrary()
    for (let i = 0; i < 30; i++) lib.summaries.push(summary({ id: `gilmer2017neural-${i + 3}`, paper: 'gilmer2017neural' }))
    const ctx = testContext({ tty: true, library: lib })
    let t = Date.parse('2026-01-01T00:00:00Z')
    ctx.clock = { ...ctx.clock, now: () => new Date((t += 200)) }
    expect(await main(['export', '--out', out], ctx)).toBe(0)
    expect(ctx.stderr()).toMatch(/\rExporting █+░* \d+\/33\u001b\[K/)
    expect(ctx.stderr()).toContain('\r\u001b[KWrote 33 summaries')
    expect(existsSync(join(out, 'gilmer2017neural-32.md'))).toBe(true)
  })

  it('draws a bar while a long HTML page renders', async () => {
    const lib = smallLibrary()
    for (let i = 0; i < 20; i++)
      lib.summaries.push(summary({ id: `gilmer2017neural-${i + 3}`, paper: 'gilmer2017neural', body: `Formula $x_${i}^2$.` }))
    const ctx = testContext({ tty: true, library: lib })
    let t = Date.parse('2026-01-01T00:00:00Z')
    ctx.clock = { ...ctx.clock, now: () => new Date((t += 300)) }
    expect(await main(['export', '--format', 'html', '--out', join(tempDir(), 'page.html')], ctx)).toBe(0)
    expect(ctx.stderr()).toMatch(/\rRendering █+░* \d+\/23\u001b\[K/)
  })

  it('draws nothing when stderr is not a terminal', async () => {
    const ctx = testContext({ tty: false, library: smallLibrary() })
    let t = 0
    ctx.clock = { ...ctx.clock, now: () => new Date((t += 5000)) }
    expect(await main(['export', '--out', join(tempDir(), 'x')], ctx)).toBe(0)
    expect(ctx.stderr()).not.toContain('\r')
  })
})
