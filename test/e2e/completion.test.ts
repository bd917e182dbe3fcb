import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { connectedLibrary } from '../unit/connected/fixture.js'

/**
 * The whole chain with the built binary: the script `precis completion bash` prints, sourced in
 * bash, asking the real `precis __complete` (on PATH) for handles and tags from a library file.
 */
describe('bash completion with the real binary', () => {
  let dir: string
  let library: string

  beforeAll(async () => {
    dir = tempDir('precis-e2e-completion-')
    library = join(dir, 'library.json')
    writeFileSync(library, JSON.stringify(connectedLibrary()))
    const script = await runPrecis(['completion', 'bash'])
    expect(script.code).toBe(0)
    writeFileSync(join(dir, 'precis.bash'), script.stdout)
    const wrapper = join(dir, 'bin', 'precis')
    mkdirSync(join(dir, 'bin'))
    writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
    chmodSync(wrapper, 0o755)
  })

  function complete(line: string, env: Record<string, string> = {}): string[] {
    const program = 'source "$1"; COMP_LINE=$2; COMP_POINT=${#COMP_LINE}; _precis; printf "%s\\n" "${COMPREPLY[@]}"'
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program, 'probe', join(dir, 'precis.bash'), line], {
      encoding: 'utf8',
      env: { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, NO_COLOR: '1', ...env },
    })
    expect(result.status).toBe(0)
    return result.stdout.split('\n').filter(Boolean)
  }

  it('completes handles from the library named on the command line', () => {
    expect(complete(`precis --library ${library} show gi`)).toEqual(['gilmer2017neural', 'gilmer2017neural-2'])
  })

  it('completes tags from the library in PRECIS_LIBRARY', () => {
    expect(complete('precis tags rename ml', { PRECIS_LIBRARY: library })).toEqual(['ml', 'ml/graphs'])
    expect(complete('precis tag kipf2017semi +ba', { PRECIS_LIBRARY: library })).toEqual(['+bayesian'])
  })

  it('completes commands and flags without reading the library', () => {
    expect(complete('precis rel', { PRECIS_LIBRARY: join(dir, 'missing', 'library.json') })).toEqual(['related'])
    expect(complete('precis stats --t')).toEqual(['--top'])
  })

  it('completes nothing, quietly, when the library is damaged', () => {
    const damaged = join(dir, 'damaged.json')
    writeFileSync(damaged, '{"format": "precis-library", "version": 1, "papers": [')
    expect(complete(`precis --library ${damaged} show gi`)).toEqual([])
  })
})
