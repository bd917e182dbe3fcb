import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { parseDoctorOptions, registerDoctor } from '../../src/commands/doctor/command.js'
import { Command } from 'commander'
import { CancelError } from '../../src/core/errors.js'
import { main } from '../../src/main.js'
import { writeLibraryFile } from '../hostile/support/files.js'
import { paper, smallLibrary, summary } from '../support/library.js'
import { lockPresent, tempDir, testContext } from '../support/context.js'

/** A library file with a duplicate paper, a leftover temp file and a stale lock beside it. */
function troubledFolder() {
  const dir = tempDir('precis-doctor-')
  const library = join(dir, 'library.json')
  const lib = smallLibrary()
  lib.papers.push(
    paper({
      key: 'again2017x',
      title: 'Neural Message Passing for Quantum Chemistry',
      year: 2017,
      authors: [],
      added: '2025-01-01T00:00:00.000Z',
    }),
  )
  lib.summaries.push(summary({ id: 'again2017x', paper: 'again2017x' }))
  writeLibraryFile(library, lib)
  writeFileSync(join(dir, '.library.json.tmp-4194305-abcdef012345'), 'half a library')
  writeFileSync(`${library}.lock`, JSON.stringify({ pid: 4194305, host: hostname(), nonce: 'gone' }))
  return { dir, library }
}

describe('doctor: parsing', () => {
  it('passes the flags on as options', async () => {
    const run = vi.fn(async () => undefined)
    const program = new Command().exitOverride()
    registerDoctor(program, testContext(), run)
    await program.parseAsync(['doctor', '--restore-backup', '-y'], { from: 'user' })
    expect(run).toHaveBeenCalledWith({ fix: false, restoreBackup: true, yes: true }, expect.anything())
  })

  it('--fix with --restore-backup is a usage error', () => {
    expect(() => parseDoctorOptions({ fix: true, restoreBackup: true })).toThrow('not both')
  })
})

describe('doctor: checking', () => {
  it.each([true, false])('a sound library: exit 0, nothing on stdout, "No problems" on stderr (tty: %s)', async (tty) => {
    const ctx = testContext({ tty, library: smallLibrary() })
    expect(await main(['doctor'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toBe('No problems found in (in memory)\n')
  })

  it('problems: each with its fix on stdout, exit 4, the count and the --fix hint on stderr', async () => {
    const { dir, library } = troubledFolder()
    const ctx = testContext({ library })
    expect(await main(['doctor'], ctx)).toBe(4)
    expect(ctx.stdout()).toBe(
      '[duplicate-paper] again2017x ("Neural Message Passing for Quantum Chemistry") and gilmer2017neural ("Neural Message Passing for Quantum Chemistry") are one paper: the same title and year\n' +
        '  fix: precis doctor --fix merges again2017x into gilmer2017neural: its summaries move over, and details only it has are kept\n' +
        `[stale-lock] ${library}.lock was left by process 4194305 on ${hostname()}, which is gone\n` +
        '  fix: precis doctor --fix removes it (the next precis that writes would also break it)\n' +
        '[leftover-temp-files] 1 temp file (14 B) left by precis processes that were killed while writing\n' +
        '  fix: precis doctor --fix removes them, holding the lock so that no running precis is writing one\n',
    )
    expect(ctx.stderr()).toBe(`precis: 3 problems found in ${library}\n3 of them can be repaired with: precis doctor --fix\n`)
    expect(readdirSync(dir)).toContain('.library.json.tmp-4194305-abcdef012345') // checking changes nothing
  })

  it('--json: the findings as data', async () => {
    const { library } = troubledFolder()
    const ctx = testContext({ library })
    expect(await main(['--json', 'doctor'], ctx)).toBe(4)
    const report = JSON.parse(ctx.stdout()) as {
      library: string
      fixed: string[]
      findings: { kind: string; fixable: boolean; subjects: string[] }[]
    }
    expect(report.library).toBe(library)
    expect(report.fixed).toEqual([])
    expect(report.findings.map((f) => [f.kind, f.fixable])).toEqual([
      ['duplicate-paper', true],
      ['stale-lock', true],
      ['leftover-temp-files', true],
    ])
    expect(report.findings[2]?.subjects).toEqual([join(library, '..', '.library.json.tmp-4194305-abcdef012345')])
  })

  it('a damaged library is a finding that names the backup, not a crash', async () => {
    const { library } = troubledFolder()
    writeLibraryFile(`${library}.bak`, smallLibrary())
    writeFileSync(library, '{"format": "precis-library", "version": 1, "papers": [')
    const ctx = testContext({ library })
    expect(await main(['doctor'], ctx)).toBe(4)
    expect(ctx.stdout()).toContain(`[unreadable-library] ${library} is not valid JSON`)
    expect(ctx.stdout()).toContain(`fix: precis doctor --restore-backup puts back ${library}.bak (saved `)
  })
})

describe('doctor --fix', () => {
  it('repairs the library in one write (backup kept) and removes leftovers; a second check is clean', async () => {
    const { dir, library } = troubledFolder()
    const before = readFileSync(library, 'utf8')
    const ctx = testContext({ library })
    expect(await main(['doctor', '--fix'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(
      `Fixed: Merged again2017x into gilmer2017neural\nFixed: Removed the stale lock ${library}.lock\nFixed: Removed 1 leftover temp file\n`,
    )
    expect(ctx.stderr()).toBe(`No problems found in ${library}\n`)
    expect(readFileSync(`${library}.bak`, 'utf8')).toBe(before)
    expect(readdirSync(dir).sort()).toEqual(['library.json', 'library.json.bak'])
    const lib = await ctx.store.read()
    expect(lib.summaries.find((s) => s.id === 'again2017x')?.paper).toBe('gilmer2017neural')
    expect(await main(['doctor'], testContext({ library }))).toBe(0)
  })

  it('what it cannot repair stays reported, exit 4, without the --fix hint', async () => {
    const lib = smallLibrary()
    lib.papers.push(
      paper({
        key: 'clash',
        title: 'Neural message passing, revisited',
        authors: [],
        arxiv: '1704.01212',
        venue: 'Somewhere else',
        year: 1999,
      }),
    )
    lib.papers[0]!.venue = 'ICML'
    const ctx = testContext({ library: lib })
    expect(await main(['doctor', '--fix'], ctx)).toBe(4)
    expect(ctx.stdout()).toContain('They disagree on title, year, venue')
    expect(ctx.stderr()).toBe('precis: 1 problem found in (in memory)\n')
  })
})

describe('doctor --restore-backup', () => {
  function damaged() {
    const dir = tempDir('precis-restore-')
    const library = join(dir, 'library.json')
    writeLibraryFile(`${library}.bak`, smallLibrary())
    writeFileSync(library, 'not json at all')
    return { dir, library, backup: readFileSync(`${library}.bak`) }
  }

  it('in a terminal asks, then puts the backup back and keeps the damaged file aside', async () => {
    const { dir, library, backup } = damaged()
    const ctx = testContext({ tty: true, library, answers: { confirm: true } })
    expect(await main(['doctor', '--restore-backup'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['confirm'])
    expect(readFileSync(library)).toEqual(backup)
    expect(readFileSync(`${library}.bak`)).toEqual(backup)
    const aside = readdirSync(dir).filter((f) => f.startsWith('library.json.damaged-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('not json at all')
    expect(ctx.stderr()).toContain(`The file it replaced is kept at ${join(dir, aside[0]!)}`)
  })

  it('"no" in a terminal changes nothing (exit 130)', async () => {
    const { dir, library } = damaged()
    const ctx = testContext({ tty: true, library, answers: { confirm: false } })
    expect(await main(['doctor', '--restore-backup'], ctx)).toBe(new CancelError().exitCode)
    expect(readFileSync(library, 'utf8')).toBe('not json at all')
    expect(readdirSync(dir).sort()).toEqual(['library.json', 'library.json.bak'])
  })

  it('without a terminal needs --yes (exit 2), then works', async () => {
    const { library, backup } = damaged()
    expect(await main(['doctor', '--restore-backup'], testContext({ library }))).toBe(2)
    expect(await main(['doctor', '--restore-backup', '--yes'], testContext({ library }))).toBe(0)
    expect(readFileSync(library)).toEqual(backup)
  })

  it.each([
    ['no backup', (bak: string) => void bak, 3, 'There is no backup to restore'],
    ['a damaged backup', (bak: string) => writeFileSync(bak, '[]'), 4, 'The backup is not a valid library either'],
  ])('%s: refused, nothing changed', async (_, prepare, code, message) => {
    const dir = tempDir('precis-restore-')
    const library = join(dir, 'library.json')
    writeFileSync(library, 'damaged')
    prepare(`${library}.bak`)
    const ctx = testContext({ library })
    expect(await main(['doctor', '--restore-backup', '--yes'], ctx)).toBe(code)
    expect(ctx.stderr()).toContain(message)
    expect(readFileSync(library, 'utf8')).toBe('damaged')
    expect(lockPresent(join(dir, 'library.json.lock'))).toBe(false)
  })
})
