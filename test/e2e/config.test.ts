import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, runCommand, runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'

describe('the config file, through the real process', () => {
  it('config set writes $XDG_CONFIG_HOME/precis/config.toml, and add takes its author from it', async () => {
    const dir = tempDir('precis-config-e2e-')
    const env = { XDG_CONFIG_HOME: join(dir, 'config'), PRECIS_LIBRARY: join(dir, 'library.json') }
    const set = await runPrecis(['config', 'set', 'by', 'Ada Lovelace'], { env })
    expect(set.code).toBe(0)
    const path = join(dir, 'config', 'precis', 'config.toml')
    expect(readFileSync(path, 'utf8')).toBe('by = "Ada Lovelace"\n')
    expect((await runPrecis(['config', 'get', 'by'], { env })).stdout).toBe('Ada Lovelace\n')

    const add = await runPrecis(
      ['--json', 'add', '--title', 'Deep Sets', '--author', 'Manzil Zaheer', '--year', '2017', '--body', 'Sets.\n'],
      { env },
    )
    expect(add.code).toBe(0)
    expect(JSON.parse(add.stdout).record.by).toBe('Ada Lovelace')
  })

  it('a malformed config file: exit 4 naming file and line; --help and --version still work', async () => {
    const dir = tempDir('precis-config-e2e-')
    const env = { XDG_CONFIG_HOME: dir }
    const path = join(dir, 'precis', 'config.toml')
    expect((await runPrecis(['config', 'set', 'width', '80'], { env })).code).toBe(0)
    writeFileSync(path, '# settings\nwidth = [\n')
    const list = await runPrecis(['--demo', 'list'], { env })
    expect(list.code).toBe(4)
    expect(list.stderr).toContain(`precis: ${path}:3:`)
    expect((await runPrecis(['--help'], { env })).code).toBe(0)
    expect((await runPrecis(['--version'], { env })).code).toBe(0)
  })

  it('an unreadable config file: exit 4 saying so and what to check; help and config path still work', async () => {
    const dir = tempDir('precis-config-e2e-')
    const path = join(dir, 'precis', 'config.toml')
    mkdirSync(join(dir, 'precis'))
    writeFileSync(path, 'by = "Ada"\n', { mode: 0o000 })
    const env = { XDG_CONFIG_HOME: dir }
    // Root reads any file: as root, precis runs without the capabilities that let it (util-linux's setpriv).
    const asRoot = process.getuid?.() === 0
    const run = (argv: string[]) =>
      asRoot
        ? runCommand('setpriv', ['--bounding-set=-dac_override,-dac_read_search', '--', process.execPath, BIN, ...argv], { env })
        : runPrecis(argv, { env })
    const list = await run(['--demo', 'list'])
    expect(list.code).toBe(4)
    expect(list.stderr).toBe(
      `precis: Cannot read the config file ${path}: permission denied\n` +
        'Check its owner and permissions (ls -l), or move it away; precis does not run without the settings it holds.\n',
    )
    expect((await run(['config', 'set', 'by', 'Bob'])).stderr).toContain('permission denied')
    for (const argv of [['--help'], ['list', '--help'], ['config', 'path']]) expect((await run(argv)).code).toBe(0)
    chmodSync(path, 0o600)
    expect(readFileSync(path, 'utf8')).toBe('by = "Ada"\n')
  })

  it('config set and unset run at once lose no change: each edits the file under its lock', async () => {
    const dir = tempDir('precis-config-e2e-')
    const env = { XDG_CONFIG_HOME: dir }
    const path = join(dir, 'precis', 'config.toml')
    expect((await runPrecis(['config', 'set', 'images', 'off'], { env })).code).toBe(0)
    const sets = [
      ['by', 'Ada'],
      ['width', '88'],
      ['pager', 'false'],
      ['tags', 'inbox'],
      ['key_pattern', '{Author}{year}'],
      ['template', '## Problem'],
    ]
    const runs = await Promise.all([
      ...sets.map(([name, value]) => runPrecis(['config', 'set', name!, value!], { env })),
      runPrecis(['config', 'unset', 'images'], { env }),
    ])
    expect(runs.map((r) => r.code)).toEqual(runs.map(() => 0))
    const list = await runPrecis(['--json', 'config', 'list'], { env })
    const settings = JSON.parse(list.stdout).settings as Record<string, { source: string }>
    expect(Object.entries(settings).map(([name, { source }]) => `${name}:${source}`)).toEqual([
      'by:config',
      'key_pattern:config',
      'template:config',
      'tags:config',
      'pager:config',
      'width:config',
      'color:environment', // NO_COLOR, as every spawned run has
      'images:default',
    ])
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(sets.length + 1)
  })
})
