import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { registerAttach } from '../../src/commands/attach/command.js'
import { registerOpen } from '../../src/commands/open/command.js'
import type { Library } from '../../src/core/model.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { fakeOpener, libraryFileOf } from '../support/attachments.js'

function library(): Library {
  return libraryOf(
    [paper({ key: 'gilmer2017neural', arxiv: '1704.01212', doi: '10.48550/arXiv.1704.01212' }), paper({ key: 'plain2020' })],
    [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural' }), summary({ id: 'orphan', paper: 'nowhere' })],
  )
}

/** A file holding `text` in a fresh folder. */
function fileWith(name: string, text: string | Buffer): string {
  const file = join(tempDir('precis-src-'), name)
  writeFileSync(file, text)
  return file
}

async function run(argv: string[], options: Parameters<typeof testContext>[0] & { library: string }) {
  const ctx = testContext(options)
  const code = await main(argv, ctx)
  return { code, out: ctx.stdout(), err: ctx.stderr(), ctx }
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Library
const files = (lib: string) => join(dirname(lib), 'library.files')

describe('attach and open: argv → options', () => {
  it.each([
    [['attach', 'k', 'a.pdf'], { handle: 'k', target: 'a.pdf', remove: false }],
    [['attach', 'k', 'a.pdf', '--rm'], { handle: 'k', target: 'a.pdf', remove: true }],
    [['open', 'k'], { handle: 'k', which: 'any', print: false }],
    [['open', 'k', '--pdf'], { handle: 'k', which: 'file', print: false }],
    [['open', 'k', '--url', '--print'], { handle: 'k', which: 'url', print: true }],
  ])('%j', async (argv, options) => {
    const calls: unknown[] = []
    const program = new Command().exitOverride()
    program.configureOutput({ writeErr: () => undefined })
    registerAttach(program, testContext(), async (opts) => void calls.push(opts))
    registerOpen(program, testContext(), async (opts) => void calls.push(opts))
    await program.parseAsync(argv, { from: 'user' })
    expect(calls).toEqual([options])
  })
})

describe.each([false, true])('attach (tty: %s)', (tty) => {
  it('copies a file beside the library under a safe name, and attaching the same bytes again changes nothing', async () => {
    const lib = libraryFileOf(library())
    const source = fileWith('My Paper (v2).pdf', '%PDF-1.4 fake')
    const first = await run(['attach', 'gilmer', source], { library: lib, tty })
    expect(first.code).toBe(0)
    expect(first.err).toContain('Attached My-Paper-v2.pdf (13 B) to gilmer2017neural')
    const stored = read(lib).papers[0]!.attachments
    expect(stored).toEqual([
      {
        kind: 'file',
        name: 'My-Paper-v2.pdf',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        size: 13,
        added: '2026-11-26T12:00:00.000Z',
      },
    ])
    expect(readFileSync(join(files(lib), 'gilmer2017neural', 'My-Paper-v2.pdf'), 'utf8')).toBe('%PDF-1.4 fake')
    const before = readFileSync(lib, 'utf8')
    const again = await run(['attach', 'gilmer2017neural', fileWith('other-name.pdf', '%PDF-1.4 fake')], { library: lib, tty })
    expect(again.code).toBe(0)
    expect(again.err).toContain('Already attached: My-Paper-v2.pdf')
    expect(readFileSync(lib, 'utf8')).toBe(before)
    expect(readdirSync(join(files(lib), 'gilmer2017neural'))).toEqual(['My-Paper-v2.pdf'])
  })

  it('gives a second file of the same name -2, and never overwrites a file left in the folder', async () => {
    const lib = libraryFileOf(library())
    mkdirSync(join(files(lib), 'gilmer2017neural'), { recursive: true })
    writeFileSync(join(files(lib), 'gilmer2017neural', 'a-2.pdf'), 'left here')
    expect((await run(['attach', 'gilmer', fileWith('a.pdf', 'one')], { library: lib, tty })).code).toBe(0)
    expect((await run(['attach', 'gilmer', fileWith('a.pdf', 'two')], { library: lib, tty })).code).toBe(0)
    expect(read(lib).papers[0]!.attachments!.map((a) => (a.kind === 'file' ? a.name : ''))).toEqual(['a.pdf', 'a-3.pdf'])
    expect(readFileSync(join(files(lib), 'gilmer2017neural', 'a-2.pdf'), 'utf8')).toBe('left here')
    expect(readFileSync(join(files(lib), 'gilmer2017neural', 'a-3.pdf'), 'utf8')).toBe('two')
  })

  it('stores an http(s) link once, refuses other schemes, and --json tells what happened', async () => {
    const lib = libraryFileOf(library())
    const added = await run(['attach', 'gilmer', 'https://example.org/code', '--json'], { library: lib, tty })
    expect(JSON.parse(added.out)).toEqual({
      key: 'gilmer2017neural',
      status: 'attached',
      attachment: { kind: 'link', url: 'https://example.org/code', added: '2026-11-26T12:00:00.000Z' },
    })
    const same = await run(['attach', 'gilmer', 'https://example.org/code', '--json'], { library: lib, tty })
    expect(JSON.parse(same.out).status).toBe('unchanged')
    for (const bad of ['file:///etc/passwd', 'javascript://alert(1)', 'ftp://example.org/x']) {
      const refused = await run(['attach', 'gilmer', bad], { library: lib, tty })
      expect(refused.code).toBe(2)
    }
    expect(read(lib).papers[0]!.attachments).toHaveLength(1)
  })

  it('detaches with --rm: the record and the copied file go', async () => {
    const lib = libraryFileOf(library())
    await run(['attach', 'gilmer', fileWith('a.pdf', 'one')], { library: lib, tty })
    await run(['attach', 'gilmer', 'https://example.org/code'], { library: lib, tty })
    const gone = await run(['attach', 'gilmer', 'a.pdf', '--rm'], { library: lib, tty })
    expect(gone.code).toBe(0)
    expect(existsSync(join(files(lib), 'gilmer2017neural'))).toBe(false)
    expect((await run(['attach', 'gilmer', 'https://EXAMPLE.org/code', '--rm'], { library: lib, tty })).code).toBe(0)
    expect(read(lib).papers[0]).not.toHaveProperty('attachments')
    const missing = await run(['attach', 'gilmer', 'nothing.pdf', '--rm'], { library: lib, tty })
    expect(missing.code).toBe(3)
  })

  it('refuses a summary without its paper, a missing file and a library held in memory', async () => {
    const lib = libraryFileOf(library())
    expect((await run(['attach', 'orphan', fileWith('a.pdf', 'x')], { library: lib, tty })).code).toBe(3)
    expect((await run(['attach', 'gilmer', '/nonexistent/a.pdf'], { library: lib, tty })).code).toBe(3)
    const ctx = testContext({ library: library(), tty })
    expect(await main(['attach', 'gilmer', fileWith('a.pdf', 'x')], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('this library has none')
  })
})

describe.each([false, true])('show lists attachments (tty: %s)', (tty) => {
  it('in the header and in --json', async () => {
    const lib = libraryFileOf(library())
    await run(['attach', 'gilmer', fileWith('a.pdf', 'x'.repeat(1500))], { library: lib, tty })
    await run(['attach', 'gilmer', 'https://example.org/code'], { library: lib, tty })
    const shown = await run(['show', 'gilmer'], { library: lib, tty })
    expect(shown.out).toMatch(/file a\.pdf \(1\.5 kB\)\nlink https:\/\/example\.org\/code\n/)
    const json = await run(['show', 'gilmer', '--json'], { library: lib, tty })
    expect(JSON.parse(json.out)[0].attachments).toEqual([
      expect.objectContaining({ kind: 'file', name: 'a.pdf', size: 1500 }),
      expect.objectContaining({ kind: 'link', url: 'https://example.org/code' }),
    ])
    const none = await run(['show', 'plain2020', '--json'], { library: lib, tty })
    expect(JSON.parse(none.out)[0].attachments).toEqual([])
  })
})

describe.each([false, true])('open (tty: %s)', (tty) => {
  it('opens the attached PDF, else the arXiv page, through PRECIS_OPENER, as one argument each', async () => {
    const lib = libraryFileOf(library())
    const { opener, recorded } = fakeOpener()
    const env = { PRECIS_OPENER: opener }
    expect((await run(['open', 'gilmer'], { library: lib, tty, env })).code).toBe(0)
    expect((await run(['open', 'gilmer', '--url'], { library: lib, tty, env })).code).toBe(0)
    await run(['attach', 'gilmer', fileWith('notes.txt', 'n')], { library: lib, tty })
    await run(['attach', 'gilmer', fileWith('x&$(touch pwned);.pdf', 'p')], { library: lib, tty })
    expect((await run(['open', 'gilmer'], { library: lib, tty, env })).code).toBe(0)
    expect((await run(['open', 'gilmer', '--pdf'], { library: lib, tty, env })).code).toBe(0)
    const pdf = join(files(lib), 'gilmer2017neural', 'x-touch-pwned.pdf')
    expect(recorded()).toEqual(['https://arxiv.org/abs/1704.01212', 'https://arxiv.org/abs/1704.01212', pdf, pdf])
  })

  it('prints instead with --print, says what it would open with --json, and fails clearly', async () => {
    const lib = libraryFileOf(library())
    const printed = await run(['open', 'gilmer', '--print'], { library: lib, tty })
    expect(printed.out).toBe('https://arxiv.org/abs/1704.01212\n')
    const json = await run(['open', 'gilmer', '--print', '--json'], { library: lib, tty })
    expect(JSON.parse(json.out)).toEqual({ key: 'gilmer2017neural', kind: 'url', target: 'https://arxiv.org/abs/1704.01212' })
    expect((await run(['open', 'gilmer', '--pdf'], { library: lib, tty })).code).toBe(3)
    const nothing = await run(['open', 'plain2020'], { library: lib, tty })
    expect(nothing.code).toBe(3)
    expect(nothing.err).toContain('Attach its PDF with: precis attach plain2020 <file>')
    expect(nothing.err).toContain('Give it a web page with: precis edit plain2020 --url <url>, or precis attach plain2020 <url>')
    await run(['attach', 'plain2020', fileWith('notes.pdf', 'p')], { library: lib, tty })
    const noPage = await run(['open', 'plain2020', '--url'], { library: lib, tty })
    expect(noPage.code).toBe(3)
    expect(noPage.err).toContain('precis: plain2020 has no arXiv id, DOI or http(s) link to open\nGive it a web page with')
    expect((await run(['open', 'gilmer', '--pdf', '--url'], { library: lib, tty })).code).toBe(2)
    const failing = fakeOpener(7)
    const failed = await run(['open', 'gilmer'], { library: lib, tty, env: { PRECIS_OPENER: failing.opener } })
    expect(failed.code).toBe(1)
    expect(failed.err).toContain('failed with exit code 7')
    const absent = await run(['open', 'gilmer'], { library: lib, tty, env: { PRECIS_OPENER: '/nonexistent/opener' } })
    expect(absent.code).toBe(1)
    expect(absent.err).toContain('/nonexistent/opener was not found')
  })

  it('refuses to open an attached file that is missing', async () => {
    const lib = libraryFileOf(library())
    await run(['attach', 'gilmer', fileWith('a.pdf', 'p')], { library: lib, tty })
    rmSync(join(files(lib), 'gilmer2017neural', 'a.pdf'))
    const { opener, recorded } = fakeOpener()
    const missing = await run(['open', 'gilmer'], { library: lib, tty, env: { PRECIS_OPENER: opener } })
    expect(missing.code).toBe(3)
    expect(recorded()).toEqual([])
  })
})

describe('hostile attachments', () => {
  it('refuses a symlinked attachment folder, for attaching and opening', async () => {
    const lib = libraryFileOf(library())
    const elsewhere = tempDir('precis-elsewhere-')
    mkdirSync(files(lib))
    symlinkSync(elsewhere, join(files(lib), 'gilmer2017neural'))
    const attached = await run(['attach', 'gilmer', fileWith('a.pdf', 'p')], { library: lib })
    expect(attached.code).toBe(4)
    expect(attached.err).toContain('symbolic link')
    expect(readdirSync(elsewhere)).toEqual([])
    rmSync(files(lib), { recursive: true })
    symlinkSync(elsewhere, files(lib))
    expect((await run(['attach', 'gilmer', fileWith('a.pdf', 'p')], { library: lib })).code).toBe(4)
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it('never opens through a stored name that leaves the folder: such a library is refused whole', async () => {
    const hostile = library()
    hostile.papers[0]!.attachments = [
      { kind: 'file', name: '../../../etc/passwd', sha256: 'a'.repeat(64), size: 1, added: '2026-01-01T00:00:00Z' },
    ]
    const lib = libraryFileOf(library())
    writeFileSync(lib, JSON.stringify(hostile))
    const { opener, recorded } = fakeOpener()
    const opened = await run(['open', 'gilmer'], { library: lib, env: { PRECIS_OPENER: opener } })
    expect(opened.code).toBe(4)
    expect(opened.err).toContain('unsafe file name')
    expect(recorded()).toEqual([])
  })

  it('refuses a FIFO and a file over the size limit without reading them', async () => {
    const lib = libraryFileOf(library())
    const dir = tempDir('precis-special-')
    const { execFileSync } = await import('node:child_process')
    execFileSync('mkfifo', [join(dir, 'pipe.pdf')])
    const fifo = await run(['attach', 'gilmer', join(dir, 'pipe.pdf')], { library: lib })
    expect(fifo.code).toBe(2)
    expect(fifo.err).toContain('named pipe')
    const { truncateSync } = await import('node:fs')
    writeFileSync(join(dir, 'huge.pdf'), '')
    truncateSync(join(dir, 'huge.pdf'), 256 * 1024 * 1024 + 1) // sparse: no disk used
    const huge = await run(['attach', 'gilmer', join(dir, 'huge.pdf')], { library: lib })
    expect(huge.code).toBe(2)
    expect(huge.err).toContain('at most 256 MiB can be attached')
    expect(existsSync(files(lib)) ? readdirSync(join(files(lib), 'gilmer2017neural')) : []).toEqual([])
    expect(read(lib).papers[0]).not.toHaveProperty('attachments')
  })
})

describe('attached files follow their paper', () => {
  it('rekey moves the folder; rm keeps the files in the trash and restore finds them; emptying the trash deletes them', async () => {
    const lib = libraryFileOf(library())
    await run(['attach', 'gilmer', fileWith('a.pdf', 'p')], { library: lib })
    expect((await run(['rekey', 'gilmer2017neural', 'Mpnn:2017'], { library: lib })).code).toBe(0)
    expect(readdirSync(files(lib))).toEqual(['+mpnn%3A2017'])
    expect(readFileSync(join(files(lib), '+mpnn%3A2017', 'a.pdf'), 'utf8')).toBe('p')
    const { opener, recorded } = fakeOpener()
    expect((await run(['open', 'Mpnn:2017'], { library: lib, env: { PRECIS_OPENER: opener } })).code).toBe(0)
    expect(recorded()).toEqual([join(files(lib), '+mpnn%3A2017', 'a.pdf')])

    expect((await run(['rm', 'Mpnn:2017', '--yes'], { library: lib })).code).toBe(0)
    expect(read(lib).trash[0]!.paper!.attachments).toHaveLength(1)
    expect(readdirSync(join(files(lib), '+mpnn%3A2017'))).toEqual(['a.pdf'])
    expect((await run(['doctor'], { library: lib })).out).not.toContain('attachment')
    expect((await run(['restore', 'Mpnn:2017'], { library: lib })).code).toBe(0)
    expect(read(lib).papers.find((p) => p.key === 'Mpnn:2017')!.attachments).toHaveLength(1)

    expect((await run(['rm', 'Mpnn:2017', '--yes'], { library: lib })).code).toBe(0)
    const emptied = await run(['trash', '--empty', '--yes'], { library: lib })
    expect(emptied.err).toContain('and 1 attached file for good')
    expect(readdirSync(files(lib))).toEqual([])
  })

  it('rekey refuses to mix two papers’ files', async () => {
    const lib = libraryFileOf(library())
    await run(['attach', 'gilmer', fileWith('a.pdf', 'p')], { library: lib })
    mkdirSync(join(files(lib), 'new2020'))
    const refused = await run(['rekey', 'gilmer2017neural', 'new2020'], { library: lib })
    expect(refused.code).toBe(4)
    expect(read(lib).papers[0]!.key).toBe('gilmer2017neural')
    expect(readdirSync(join(files(lib), 'gilmer2017neural'))).toEqual(['a.pdf'])
  })
})

describe('doctor on attached files', () => {
  it('reports a missing file, an orphaned file and a folder no paper owns', async () => {
    const lib = libraryFileOf(library())
    await run(['attach', 'gilmer', fileWith('a.pdf', 'p')], { library: lib })
    expect((await run(['doctor'], { library: lib })).out).not.toContain('attachment')
    rmSync(join(files(lib), 'gilmer2017neural', 'a.pdf'))
    writeFileSync(join(files(lib), 'gilmer2017neural', 'stray.pdf'), 's')
    mkdirSync(join(files(lib), 'nobody'))
    const doctor = await run(['doctor', '--json'], { library: lib })
    expect(doctor.code).toBe(4)
    const findings = (JSON.parse(doctor.out).findings as { kind: string; subjects: string[] }[]).filter((f) =>
      f.kind.endsWith('attachment'),
    )
    expect(findings.map((f) => [f.kind, f.subjects.at(-1)])).toEqual([
      ['missing-attachment', join(files(lib), 'gilmer2017neural', 'a.pdf')],
      ['orphaned-attachment', join(files(lib), 'gilmer2017neural', 'stray.pdf')],
      ['orphaned-attachment', join(files(lib), 'nobody')],
    ])
  })

  it('reports a symlinked attachment folder without calling the library unreadable', async () => {
    const lib = libraryFileOf(library())
    symlinkSync(tempDir('precis-elsewhere-'), files(lib))
    const doctor = await run(['doctor', '--json'], { library: lib })
    expect(JSON.parse(doctor.out).findings.map((f: { kind: string }) => f.kind)).toEqual(['missing-paper', 'orphaned-attachment'])
  })
})

describe('doctor --fix and duplicate papers with attachments', () => {
  it('leaves a duplicate holding attachments to identify, which moves them', async () => {
    const lib = libraryFileOf(
      libraryOf([
        paper({ key: 'gilmer2017neural', arxiv: '1704.01212', title: 'Neural Message Passing' }),
        paper({ key: 'gilmer2017neuralb', arxiv: '1704.01212', title: 'Neural Message Passing' }),
      ]),
    )
    await run(['attach', 'gilmer2017neuralb', fileWith('a.pdf', 'p')], { library: lib })
    const fixed = await run(['doctor', '--fix', '--json'], { library: lib })
    const finding = JSON.parse(fixed.out).findings.find((f: { kind: string }) => f.kind === 'duplicate-paper')
    expect(finding).toMatchObject({ fixable: false, fix: expect.stringContaining('precis identify gilmer2017neuralb') })
    expect(read(lib).papers.map((p) => p.key)).toEqual(['gilmer2017neural', 'gilmer2017neuralb'])
  })
})
