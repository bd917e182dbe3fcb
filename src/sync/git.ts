import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { ExitCode, PrecisError } from '../core/errors.js'
import type { Env } from '../store/paths.js'
import { GitConfig } from './git-config.js'
import { ObjectReader, treeEntries, type TreeEntry } from './object-reader.js'

/** What a git run printed, and how it ended. */
export interface GitResult {
  code: number
  stdout: string
  stderr: string
}

/** The git command among `args`: the first that is not an option (nor the value of `-c`). */
function commandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') i++
    else if (!args[i]!.startsWith('-')) return args[i]!
  }
  return ''
}

// Commands that only read, or write no more than objects, the index and the fetched remote branches: the config
// read before them holds after. Any other (a commit, a merge, a checkout, a config write) may change it.
const LEAVE_CONFIG = new Set([
  ...['rev-parse', 'cat-file', 'status', 'ls-files', 'ls-tree', 'symbolic-ref', 'diff', 'log', 'show', 'check-attr', 'ls-remote'],
  'merge-base',
  ...['add', 'rm', 'read-tree', 'update-index', 'write-tree', 'commit-tree', 'hash-object', 'fetch'],
])

/** True when git run with `args` cannot change git's config. */
function leavesConfig(args: readonly string[]): boolean {
  const command = commandOf(args)
  if (command === 'config') return args.some((arg) => ['--get', '--get-all', '--get-regexp', '--list', '-l'].includes(arg))
  if (command === 'remote') return args.includes('get-url')
  return LEAVE_CONFIG.has(command)
}

/** A git command that failed; the message carries git's own words. */
export class GitError extends PrecisError {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    const said = result.stderr.trim() || result.stdout.trim()
    super(`git ${commandOf(args)} failed${said ? `: ${said.split('\n')[0]}` : ''}`, ExitCode.failure, said.split('\n').slice(1, 8))
  }
}

// Variables that would point git at some other repository than the library's (set when precis runs from a git hook).
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_PREFIX',
]

function gitEnvironment(env: Env, extra: Env): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env, GIT_TERMINAL_PROMPT: '0' } // never wait for a password nobody will type
  for (const name of REPOSITORY_VARIABLES) delete result[name]
  return { ...result, ...extra }
}

/** What a git run is given beside its arguments. */
export interface GitRunOptions {
  /**
   * Written to git's standard input: how long text reaches git (a commit message, a list of
   * paths), since one argument may not exceed the kernel's limit (128 KB on Linux: E2BIG).
   */
  input?: string
  /** Variables for this run only, set after the inherited ones are cleared (a temporary index). */
  env?: Env
}

/** git, run in one folder without a shell: arguments are never interpreted. */
export class Git {
  private identity: Promise<string[]> | undefined
  // git's config, read once until this command runs git in a way that may change it (a commit, a merge, a config write).
  private settings: Promise<GitConfig> | undefined
  // Files read from commits, by `<commit id>:<path>`: a sync reads HEAD's library before and after it merges and after it pushes.
  private readonly committedFiles = new Map<string, Promise<string | null>>()
  // Trees read with a commit, by `<commit id>:<folder>`.
  private readonly committedTrees = new Map<string, readonly TreeEntry[]>()

  constructor(
    readonly cwd: string,
    private readonly env: Env,
  ) {}

  /** Start git with piped streams (for output too large to hold, such as every version of the library). */
  spawn(args: readonly string[], extraEnv: Env = {}): ChildProcessWithoutNullStreams {
    const child = spawn('git', [...args], { cwd: this.cwd, env: gitEnvironment(this.env, extraEnv), stdio: ['pipe', 'pipe', 'pipe'] })
    if (!leavesConfig(args)) {
      // Forgotten as it starts and again as it ends: a config read while it ran may have seen the config before its change.
      this.settings = undefined
      child.on('close', () => (this.settings = undefined))
    }
    return child
  }

  /** Run git to the end; resolves whatever the exit code. */
  run(args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const child = this.spawn(args, options.env)
      const out: Buffer[] = []
      const err: Buffer[] = []
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
      child.on('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT'
            ? new PrecisError('Sync needs git, and git was not found on the PATH', ExitCode.failure, [
                'Install git, then run the command again.',
              ])
            : error,
        )
      })
      child.on('close', (code) =>
        resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      )
      child.stdin.on('error', () => undefined) // git that exits without reading its input: its exit code tells
      child.stdin.end(options.input ?? '')
    })
  }

  /** Run git and return its standard output; a failure throws GitError. */
  async ok(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
    const result = await this.run(args, options)
    if (result.code !== 0) throw new GitError(args, result)
    return result.stdout
  }

  /** The file at `path` in `commit`, or null when it has none. Asked once: a commit id names the same files for good. */
  fileAt(commit: string, path: string): Promise<string | null> {
    const object = `${commit}:${path}`
    let text = this.committedFiles.get(object)
    if (text === undefined) {
      text = this.run(['cat-file', 'blob', object]).then(({ code, stdout }) => (code === 0 ? stdout : null))
      this.committedFiles.set(object, text)
    }
    return text
  }

  /**
   * The commit `ref` names (its id), or null when it names none. Its file at `path` is read in the same git run
   * and kept for fileAt, and so is the tree of `folder` when given, for treeRead: one process where `rev-parse`,
   * `cat-file` and `ls-tree` took three.
   */
  async commitWithFile(ref: string, path: string, folder?: string): Promise<string | null> {
    if (!ObjectReader.canAsk(path) || (folder !== undefined && !ObjectReader.canAsk(folder))) return this.commitOf(ref)
    const reader = new ObjectReader(this.spawn(['cat-file', '--batch']))
    try {
      const commit = await reader.read(`${ref}^{commit}`)
      if (commit === null) return null
      const file = `${commit.id}:${path}`
      if (!this.committedFiles.has(file)) {
        const object = await reader.read(file)
        this.committedFiles.set(file, Promise.resolve(object?.type === 'blob' ? object.content.toString('utf8') : null))
      }
      const tree = `${commit.id}:${folder}`
      if (folder !== undefined && !this.committedTrees.has(tree)) {
        const object = await reader.read(tree)
        this.committedTrees.set(tree, object?.type === 'tree' ? treeEntries(object.content, commit.id.length / 2) : [])
      }
      return commit.id
    } finally {
      reader.close()
    }
  }

  /** The entries of the tree at `folder` in `commit` (none when it has no such tree), if commitWithFile read it. */
  treeRead(commit: string, folder: string): readonly TreeEntry[] | undefined {
    return this.committedTrees.get(`${commit}:${folder}`)
  }

  /** The commit `ref` names, or null when it names none. */
  async commitOf(ref: string): Promise<string | null> {
    const result = await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
    return result.code === 0 ? result.stdout.trim() : null
  }

  /**
   * All of git's config in one run, for the several values a command reads. A config git cannot read
   * reads as empty, as each `git config --get` of it gave nothing. (`--show-scope` needs git 2.26;
   * precis needs 2.28 already, for `git init --initial-branch`.)
   */
  config(): Promise<GitConfig> {
    this.settings ??= this.run(['config', '-z', '--list', '--show-scope', '--show-origin']).then(({ code, stdout }) =>
      GitConfig.parse(code === 0 ? stdout : ''),
    )
    return this.settings
  }

  /**
   * Options that give a command which records commits (commit, merge) an identity, only where the
   * person has configured none: precis must be able to commit on a fresh machine, and must not
   * speak for someone who has said who they are.
   */
  identityOptions(): Promise<string[]> {
    this.identity ??= this.config().then((config) => {
      const has = (key: string) => config.hasValue(key)
      const options: string[] = []
      if (!has('user.name') && !(this.env.GIT_AUTHOR_NAME && this.env.GIT_COMMITTER_NAME)) options.push('-c', 'user.name=precis')
      if (!has('user.email') && !(this.env.GIT_AUTHOR_EMAIL && this.env.GIT_COMMITTER_EMAIL) && !this.env.EMAIL)
        options.push('-c', 'user.email=precis@localhost')
      return options
    })
    return this.identity
  }

  /**
   * `-S` when the person has git sign their commits (`commit.gpgSign`), for `commit-tree`: `git commit`
   * and `git merge` read that setting, the plumbing does not, and a commit precis makes must be signed
   * as the person's own are (a remote may refuse an unsigned one).
   */
  async signOptions(): Promise<string[]> {
    return (await this.config()).isTrue('commit.gpgsign') ? ['-S'] : []
  }
}
