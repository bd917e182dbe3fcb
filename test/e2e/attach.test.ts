import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, runCommand, runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { fakeOpener } from '../support/attachments.js'
import { makePdf } from '../support/pdf.js'

describe('attach, show, open and add paper.pdf (spawned)', () => {
  it('a PDF with a DOI-less first page is added from flags, attached, listed, opened; a hostile name never reaches a shell', async () => {
    const dir = tempDir('precis-e2e-attach-')
    const library = join(dir, 'library.json')
    const { opener, recorded } = fakeOpener()
    const env = { PRECIS_OPENER: opener, PRECIS_ARXIV_URL: 'http://127.0.0.1:9', PRECIS_DOI_URL: 'http://127.0.0.1:9' }
    const precis = (...args: string[]) => runPrecis(['--library', library, ...args], { env, cwd: dir })

    const pdf = join(dir, "it's $(touch pwned) & `x`.pdf")
    writeFileSync(pdf, makePdf({ pages: [['A Paper Without Identifiers', 'Ada Lovelace']] }))
    const added = await precis('add', pdf, '--title', 'A Paper Without Identifiers', '--author', 'Ada Lovelace', '--year', '1843')
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toBe('lovelace1843paper\n')
    expect(added.stderr).toContain('Attached it-s-touch-pwned-x.pdf')

    const link = await precis('attach', 'lovelace', 'https://example.org/notes', '--json')
    expect(JSON.parse(link.stdout).status).toBe('attached')

    const shown = await precis('show', 'lovelace1843paper')
    expect(shown.stdout).toContain('file it-s-touch-pwned-x.pdf (')
    expect(shown.stdout).toContain('link https://example.org/notes')

    const opened = await precis('open', 'lovelace')
    expect(opened.code, opened.stderr).toBe(0)
    const stored = join(dir, 'library.files', 'lovelace1843paper', 'it-s-touch-pwned-x.pdf')
    expect(recorded()).toEqual([stored])
    expect(readFileSync(stored)).toEqual(readFileSync(pdf))
    expect((await precis('open', 'lovelace', '--url')).code).toBe(0)
    expect(recorded().at(-1)).toBe('https://example.org/notes')
    expect(() => readFileSync(join(dir, 'pwned'))).toThrow()

    const help = await precis('open', '--help')
    expect(help.stdout).toContain('PRECIS_OPENER=zathura precis open gilmer2017neural --pdf')
  })

  it('add paper.pdf finds the arXiv stamp and, offline with nothing cached, says so without writing', async () => {
    const dir = tempDir('precis-e2e-attach-')
    const library = join(dir, 'library.json')
    const pdf = join(dir, '1704.01212v2.pdf')
    writeFileSync(pdf, makePdf({ pages: [['Neural Message Passing for Quantum Chemistry', 'arXiv:1704.01212v2 [cs.LG] 12 Jun 2017']] }))
    const result = await runPrecis(['--library', library, 'add', pdf, '--offline'], { env: { PRECIS_CACHE_DIR: join(dir, 'cache') } })
    expect(result.stderr).toContain('Found arXiv:1704.01212v2 in')
    expect(result.code).toBe(1)
    expect(() => readFileSync(library)).toThrow()
  })
})

describe('restore under a new key (spawned)', () => {
  it('a paper whose key an import took while it was in the trash comes back with its attached files', async () => {
    const dir = tempDir('precis-e2e-attach-')
    const library = join(dir, 'library.json')
    const precis = (...args: string[]) => runPrecis(['--library', library, ...args], { cwd: dir })
    writeFileSync(join(dir, 'notes.pdf'), makePdf({ pages: [['Alpha Paper']] }))
    expect((await precis('add', '--title', 'Alpha Paper', '--author', 'Ann Bee', '--year', '2020', '--body', 'first')).stdout).toBe(
      'bee2020alpha\n',
    )
    expect((await precis('attach', 'bee2020alpha', 'notes.pdf')).code).toBe(0)
    expect((await precis('rm', 'bee2020alpha', '--yes')).code).toBe(0)
    writeFileSync(join(dir, 'other.bib'), '@article{bee2020alpha, title = {Another Paper}, author = {Bee, Ann}, year = {2020}}\n')
    expect((await precis('import', 'other.bib')).code).toBe(0)

    const restored = await precis('restore', 'bee2020alpha', '--json')
    expect(restored.code, restored.stderr).toBe(0)
    const key = JSON.parse(restored.stdout).restored[0].key
    expect(key).not.toBe('bee2020alpha')
    const opened = await precis('open', key, '--print')
    expect(opened.code, opened.stderr).toBe(0)
    expect(readFileSync(opened.stdout.trim())).toEqual(readFileSync(join(dir, 'notes.pdf')))
    const doctor = await precis('doctor')
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0)
  })
})

describe("doctor's advice for a file left in a paper's folder (spawned)", () => {
  it('attaching the file where it lies records it there: no copy beside it, doctor finds nothing', async () => {
    const dir = tempDir('precis-e2e-attach-')
    const library = join(dir, 'library.json')
    const precis = (...args: string[]) => runPrecis(['--library', library, ...args], { cwd: dir })
    writeFileSync(join(dir, 'a.pdf'), makePdf({ pages: [['A']] }))
    expect((await precis('add', '--title', 'Alpha Paper', '--author', 'Ann Bee', '--year', '2020', '--no-summary')).code).toBe(0)
    expect((await precis('attach', 'bee2020alpha', 'a.pdf')).code).toBe(0)
    const folder = join(dir, 'library.files', 'bee2020alpha')
    writeFileSync(join(folder, 'found.pdf'), makePdf({ pages: [['Found']] }))

    const found = await precis('doctor')
    expect(found.code).toBe(4)
    const advice = /precis attach (\S+) (\S+)\)/.exec(found.stdout)
    expect(advice?.slice(1)).toEqual(['bee2020alpha', join(folder, 'found.pdf')])
    const attached = await precis('attach', advice![1]!, advice![2]!, '--json')
    expect(attached.code, attached.stderr).toBe(0)
    expect(JSON.parse(attached.stdout).attachment.name).toBe('found.pdf')
    expect(readdirSync(folder).sort()).toEqual(['a.pdf', 'found.pdf'])
    const doctor = await precis('doctor')
    expect(doctor.code, doctor.stdout).toBe(0)
  })
})

describe("doctor's advice for a file with a name attach would not make (spawned)", () => {
  it('followed as printed, through a shell: the file is attached under its safe name, the stray name goes, doctor finds nothing', async () => {
    const dir = tempDir('precis-e2e-attach-')
    const library = join(dir, 'library.json')
    const precis = (...args: string[]) => runPrecis(['--library', library, ...args], { cwd: dir })
    expect((await precis('add', '--title', 'Alpha Paper', '--author', 'Ann Bee', '--year', '2020', '--no-summary')).code).toBe(0)
    writeFileSync(join(dir, 'a.pdf'), makePdf({ pages: [['A']] }))
    expect((await precis('attach', 'bee2020alpha', 'a.pdf')).code).toBe(0)
    const folder = join(dir, 'library.files', 'bee2020alpha')
    const unsafe = "it's (v2) $HOME.pdf"
    writeFileSync(join(folder, unsafe), makePdf({ pages: [['Found']] }))

    const found = await precis('doctor')
    expect(found.code).toBe(4)
    const advice = /\((precis attach .+)\), or delete it/.exec(found.stdout)?.[1]
    expect(advice).toBeDefined()
    // The advice run as a person would paste it: a `precis` on the PATH, and the shell's word splitting.
    const bin = tempDir('precis-bin-')
    writeFileSync(join(bin, 'precis'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' --library '${library}' "$@"\n`, { mode: 0o755 })
    const followed = await runCommand('/bin/sh', ['-c', advice!], { cwd: dir, env: { PATH: `${bin}:${process.env.PATH ?? ''}` } })
    expect(followed.code, followed.stderr).toBe(0)
    expect(readdirSync(folder).sort()).toEqual(['a.pdf', 'it-s-v2-HOME.pdf'])
    const doctor = await precis('doctor')
    expect(doctor.code, doctor.stdout).toBe(0)
  })
})

describe('restore into the record of a paper added again meanwhile (spawned)', () => {
  it('that record takes the files it lacks (one copy of the same bytes), and nothing is left orphaned', async () => {
    const dir = tempDir('precis-e2e-attach-')
    const library = join(dir, 'library.json')
    const precis = (...args: string[]) => runPrecis(['--library', library, ...args], { cwd: dir })
    writeFileSync(join(dir, 'paper.pdf'), makePdf({ pages: [['Alpha Paper']] }))
    writeFileSync(join(dir, 'slides.pdf'), makePdf({ pages: [['Slides']] }))
    const paper = ['--title', 'Alpha Paper', '--author', 'Ann Bee', '--year', '2020', '--doi', '10.5555/alpha']
    expect((await precis('add', ...paper, '--body', 'first reading')).stdout).toBe('bee2020alpha\n')
    expect((await precis('attach', 'bee2020alpha', 'paper.pdf')).code).toBe(0)
    expect((await precis('attach', 'bee2020alpha', 'slides.pdf')).code).toBe(0)
    expect((await precis('rm', 'bee2020alpha', '--yes')).code).toBe(0)
    const again = await precis('add', ...paper, '--no-summary')
    expect(again.code, again.stderr).toBe(0)
    const key = again.stdout.trim()
    expect((await precis('attach', key, 'paper.pdf')).code).toBe(0)

    const restored = await precis('restore', 'bee2020alpha', '--json')
    expect(restored.code, restored.stderr).toBe(0)
    expect(JSON.parse(restored.stdout).restored[0].key).toBe(key)
    const shown = JSON.parse((await precis('show', key, '--json')).stdout) as { attachments: { name: string }[] }[]
    expect(shown[0]!.attachments.map((a) => a.name).sort()).toEqual(['paper.pdf', 'slides.pdf'])
    expect(readdirSync(join(dir, 'library.files'))).toEqual([key])
    expect(readdirSync(join(dir, 'library.files', key)).sort()).toEqual(['paper.pdf', 'slides.pdf'])
    const doctor = await precis('doctor')
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0)
  })
})

describe('add paper.pdf on a damaged file (spawned)', () => {
  it('a file pdf.js would repair by building strings without end is refused under a memory limit, not a crash', async () => {
    const dir = tempDir('precis-e2e-attach-')
    const library = join(dir, 'library.json')
    // A header, an object, and 16 MB of NUL bytes after it: pdf.js's repair takes about 40 bytes of
    // memory a byte. The process itself gets less than that (256 MB); the PDF reader's own limit
    // (512 MB) stops it. (Without the object, precis refuses the file before pdf.js reads it.)
    writeFileSync(join(dir, 'zeros.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), Buffer.alloc(16_000_000)]))
    const result = await runPrecis(['--library', library, 'add', 'zeros.pdf'], {
      cwd: dir,
      env: { NODE_OPTIONS: '--max-old-space-size=256' },
    })
    expect(result.stderr).toContain('precis: zeros.pdf is not a PDF precis can read: reading it took more than 512 MiB of memory')
    expect(result.code).toBe(4)
    expect(readdirSync(dir)).toEqual(['zeros.pdf'])
  })
})
