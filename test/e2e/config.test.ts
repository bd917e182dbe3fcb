import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runPrecis } from '../support/cli.js'
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
})
