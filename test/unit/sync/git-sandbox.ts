import { execFileSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { tempDir } from '../../support/context.js'

/**
 * git's housekeeping after a commit, fetch, merge or push (`git maintenance run --auto`, a push's
 * `gc --auto`): a process each time that finds nothing to do in repositories this small, and never
 * changes what a repository holds. Off, a sync file starts about a tenth fewer processes.
 */
const NO_HOUSEKEEPING = '[maintenance]\n\tauto = false\n[receive]\n\tautogc = false\n'

/**
 * An environment in which git reads no configuration of the person running the tests: a global file
 * that only turns git's housekeeping off, no system file, a temporary HOME. No identity either, so
 * precis's fallback is used.
 */
export function gitSandbox(): Record<string, string> {
  const home = tempDir('precis-git-home-')
  writeFileSync(join(home, 'gitconfig'), NO_HOUSEKEEPING)
  return { PATH: process.env.PATH ?? '', HOME: home, GIT_CONFIG_GLOBAL: join(home, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1' }
}

/** For tests whose code runs git with this process's environment (the store's auto-commit): sandbox it for the file. */
export function sandboxProcessGit(): Record<string, string> {
  const env = gitSandbox()
  const saved = new Map(Object.keys(env).map((name) => [name, process.env[name]]))
  beforeAll(() => void Object.assign(process.env, env))
  afterAll(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })
  return env
}

/** Run git for a test's own setup and checks; its output, trimmed. */
export function git(env: Record<string, string>, cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

/**
 * A copy of `template`, a folder holding a bare `remote.git` and the repositories (paths relative to
 * it) that have it as origin, in a new temporary folder, each origin pointed at the copy's remote:
 * set up once per file, a sync setup costs each test a copy instead of many precis and git runs.
 */
export function copySyncSetup(template: string, repositories: readonly string[]): string {
  const dir = tempDir('precis-sync-copy-')
  cpSync(template, dir, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true })
  // The origin's URL written over in each config file, as `git remote set-url` would: a git process less per repository.
  const [from, to] = [join(template, 'remote.git'), join(dir, 'remote.git')]
  for (const repository of repositories) {
    const config = join(dir, repository, '.git', 'config')
    const text = readFileSync(config, 'utf8')
    if (!text.includes(`\turl = ${from}\n`)) throw new Error(`${config} has no origin at ${from}`)
    writeFileSync(config, text.replace(`\turl = ${from}\n`, `\turl = ${to}\n`))
  }
  return dir
}

/**
 * Shell lines for a `git` shim put ahead of the real one on the PATH: they set `command` to the git
 * command among the shim's arguments (the first that is not an option, nor the value of `-c`).
 */
export const SHIM_COMMAND = `command=''
skip=''
for arg in "$@"; do
  if [ -n "$skip" ]; then skip=''; continue; fi
  case "$arg" in -c) skip=1 ;; -*) ;; *) command=$arg; break ;; esac
done`
