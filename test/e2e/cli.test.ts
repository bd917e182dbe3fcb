import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { tempDir } from '../support/context.js'
import { runPrecis } from '../support/cli.js'

const paperFlags = [
  '--title',
  'Neural Message Passing for Quantum Chemistry',
  '--author',
  'Justin Gilmer',
  '--year',
  '2017',
  '--tag',
  'gnn',
]

describe('precis (spawned)', () => {
  it('--version and --help exit 0 on stdout', async () => {
    const version = await runPrecis(['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    const help = await runPrecis(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Examples:')
    expect(help.stdout).toContain('add')
  })

  it('an unknown command is exit 2 with a suggestion', async () => {
    const result = await runPrecis(['lsit'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('list')
  })

  it('add → list → show --raw → rm → restore on a real file, under NODE_ENV=test too', async () => {
    const library = join(tempDir(), 'lib', 'library.json')
    const env = { NODE_ENV: 'test' }
    const add = await runPrecis(['--library', library, 'add', ...paperFlags, '--file', '-'], { env, input: 'Messages $m_v^{t+1}$.\n' })
    expect(add).toMatchObject({ code: 0, stdout: 'gilmer2017neural\n' })
    expect(parseLibrary(readFileSync(library, 'utf8'), library).summaries).toHaveLength(1) // on disk, not in memory

    const list = await runPrecis(['--library', library, 'list'], { env })
    expect(list.stdout).toBe('gilmer2017neural\t2017\tNeural Message Passing for Quantum Chemistry\tgnn\n')
    const raw = await runPrecis(['--library', library, 'show', 'gilmer', '--raw'])
    expect(raw.stdout).toBe('Messages $m_v^{t+1}$.\n')

    expect((await runPrecis(['--library', library, 'rm', 'gilmer2017neural'])).code).toBe(2)
    expect((await runPrecis(['--library', library, 'rm', 'gilmer2017neural', '--yes'])).code).toBe(0)
    expect((await runPrecis(['--library', library, 'list'])).stdout).toBe('')
    expect((await runPrecis(['--library', library, 'restore', 'gilmer2017neural'])).code).toBe(0)
    expect((await runPrecis(['--library', library, 'list'])).stdout).toContain('gilmer2017neural')
  })

  it('finds the library through PRECIS_LIBRARY, then XDG_DATA_HOME', async () => {
    const dir = tempDir()
    const viaEnv = join(dir, 'env.json')
    expect((await runPrecis(['add', ...paperFlags, '--body', 'x'], { env: { PRECIS_LIBRARY: viaEnv } })).code).toBe(0)
    expect(existsSync(viaEnv)).toBe(true)
    const xdg = join(dir, 'xdg')
    expect((await runPrecis(['add', ...paperFlags, '--body', 'x'], { env: { XDG_DATA_HOME: xdg } })).code).toBe(0)
    expect(existsSync(join(xdg, 'precis', 'library.json'))).toBe(true)
  })

  it('edits through $EDITOR without a terminal', async () => {
    const dir = tempDir()
    const library = join(dir, 'library.json')
    await runPrecis(['--library', library, 'add', ...paperFlags, '--body', 'old'])
    const editor = join(dir, 'editor.sh')
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/^old$/new text/; s/^year: 2017/year: 2018/" "$1"\n', { mode: 0o755 })
    const result = await runPrecis(['--library', library, 'edit', 'gilmer2017neural'], { env: { EDITOR: editor, HOME: dir } })
    expect(result.code).toBe(0)
    const lib = parseLibrary(readFileSync(library, 'utf8'), library)
    expect(lib.summaries[0]?.body).toBe('new text')
    expect(lib.papers[0]?.year).toBe(2018)
  })

  it('a damaged library is exit 4, names the backup, and stays byte-identical', async () => {
    const dir = tempDir()
    const library = join(dir, 'library.json')
    await runPrecis(['--library', library, 'add', ...paperFlags, '--body', 'x'])
    await runPrecis(['--library', library, 'add', ...paperFlags, '--body', 'y'])
    writeFileSync(library, readFileSync(library).subarray(0, 100))
    const before = readFileSync(library)
    const result = await runPrecis(['--library', library, 'add', ...paperFlags, '--body', 'z'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`${library}.bak`)
    expect(readFileSync(library)).toEqual(before)
    expect((await runPrecis(['--library', library, 'list'])).code).toBe(4)
  })

  it('--demo works on a temporary copy and says so on stderr', async () => {
    const result = await runPrecis(['--demo', 'list'])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('demo library')
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(6)
    const json = await runPrecis(['--demo', '--json', 'show', 'rasmussen2004gaussian'])
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ key: 'rasmussen2004gaussian', doi: '10.1007/978-3-540-28650-9_4' })
  })

  it('a busy library is exit 5', async () => {
    const dir = tempDir()
    const library = join(dir, 'library.json')
    await runPrecis(['--library', library, 'add', ...paperFlags, '--body', 'x'])
    // A lock held by this (live) test process.
    writeFileSync(`${library}.lock`, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), nonce: 'held' }))
    const result = await runPrecis(['--library', library, 'add', ...paperFlags, '--body', 'y'], { env: { PRECIS_LOCK_TIMEOUT_MS: '300' } })
    expect(result.code).toBe(5)
    expect(result.stderr).toContain('busy')
  })
})
