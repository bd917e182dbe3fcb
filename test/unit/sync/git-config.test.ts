import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Git } from '../../../src/sync/git.js'
import { GitConfig } from '../../../src/sync/git-config.js'
import { tempDir } from '../../support/context.js'
import { git, gitSandbox } from './git-sandbox.js'

const env = gitSandbox()

/** A repository whose own config ends with `lines`, and what `git config -z --list` of it reads. */
function repositoryWith(lines: string): { dir: string; config: GitConfig } {
  const dir = tempDir('precis-git-config-')
  git(env, dir, 'init', '--quiet', '--initial-branch=main')
  appendFileSync(join(dir, '.git', 'config'), lines)
  const listed = git(env, dir, 'config', '-z', '--list', '--show-scope', '--show-origin')
  return { dir, config: GitConfig.parse(listed) }
}

/** What `git config <options> --get key` prints there, trimmed; '' when it fails. */
function gitSays(dir: string, ...args: string[]): string {
  try {
    return git(env, dir, 'config', ...args)
  } catch {
    return ''
  }
}

describe('GitConfig reads one listing as git config --get reads each value', () => {
  const booleans = [
    'true',
    'TRUE',
    'yes',
    'On',
    'false',
    'no',
    'off',
    '""',
    '1',
    '0',
    '-1',
    '+7',
    '0x1f',
    '0x0',
    '017',
    '00',
    '08',
    '2k',
    '3M',
    '1g',
    '2g',
    '2147483647',
    '2147483648',
    '5x',
    'maybe',
    '" 1"',
  ]
  it.each([
    ['as written', ''],
    ['a second value after the first', '\tv = false\n'],
  ])('booleans (--bool): %s', (_, after) => {
    const lines = booleans.map((value, i) => `[b${i}]\n\tv = ${value}\n${after}`).join('') + '[bare]\n\tv\n'
    const { dir, config } = repositoryWith(lines)
    for (const key of [...booleans.map((_, i) => `b${i}.v`), 'bare.v', 'unset.v']) {
      expect(config.isTrue(key), `${key} = ${lines.split('\n')[1]}`).toBe(gitSays(dir, '--bool', '--get', key) === 'true')
    }
  })

  it('strings: the last value, keys in any case but the subsection, a bare key as empty', () => {
    const { dir, config } = repositoryWith(
      '[Branch "Main"]\n\tRemote = first\n\tremote = " second "\n[branch "main"]\n\tremote = other\n[bare]\n\tv\n',
    )
    for (const key of ['branch.Main.remote', 'BRANCH.Main.REMOTE', 'branch.main.remote', 'branch.MAIN.remote', 'bare.v', 'unset.v']) {
      expect(config.get(key), key).toBe(gitSays(dir, '--get', key))
    }
    expect(config.get('branch.Main.remote')).toBe('second')
  })

  it('--local: the repository’s own file before and after an include, not the file it includes', () => {
    const included = join(tempDir('precis-git-include-'), 'included')
    writeFileSync(included, '[merge "precis"]\n\tdriver = from the include\n[own]\n\tafter = included\n')
    const { dir, config } = repositoryWith(`[own]\n\tbefore = yes\n[include]\n\tpath = ${included}\n[own]\n\tlast = yes\n`)
    for (const key of ['merge.precis.driver', 'own.before', 'own.after', 'own.last']) {
      expect(config.get(key, 'local'), key).toBe(gitSays(dir, '--local', '--get', key))
      expect(config.get(key), key).toBe(gitSays(dir, '--get', key))
    }
    expect(config.get('merge.precis.driver', 'local')).toBe('')
    expect(config.get('own.last', 'local')).toBe('yes')
  })

  it('a value is given: not by a bare key (as git config --get-regexp shows it)', () => {
    const { config } = repositoryWith('[user]\n\tname\n\temail = \n')
    expect([config.hasValue('user.name'), config.hasValue('USER.Email'), config.hasValue('user.signingkey')]).toEqual([false, true, false])
  })
})

describe('Git.config', () => {
  it('is read once, and again after a run that may change it (a config write, a commit), not after a read', async () => {
    const { dir } = repositoryWith('')
    const repository = new Git(dir, env)
    const first = await repository.config()
    await repository.run(['rev-parse', '--git-dir'])
    expect(await repository.config()).toBe(first)
    await repository.run(['config', 'precis.files', 'true'])
    const second = await repository.config()
    expect(second).not.toBe(first)
    expect([first.isTrue('precis.files'), second.isTrue('precis.files')]).toEqual([false, true])
    await repository.run(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '--allow-empty', '-m', 'hook-free'])
    expect(await repository.config()).not.toBe(second)
  })
})
