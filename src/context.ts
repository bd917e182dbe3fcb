import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ProcessEditor, type Editor } from './terminal/editor.js'
import { DEMO_LIBRARY } from './package-files.js'
import type { IO } from './terminal/io.js'
import { InquirerPrompter, type Prompter } from './terminal/prompts.js'
import { sanitizeTerminal } from './core/text/sanitize.js'
import { DeferredFileStore } from './store/deferred-store.js'
import { lockTimeout } from './store/lock-timeout.js'
import { cacheDir, resolveLibraryPath, type Env } from './store/paths.js'
import { libraryFileBytes, sizeWarning } from './store/size-limit.js'
import type { Store } from './store/store.js'
import { TerminalIO } from './terminal/terminal-io.js'
import { configPath, FileConfig, type ConfigFile } from './store/config-file.js'
import type { LoadRecorder } from './store/recorder.js'
import { mayBeInRepository } from './sync/repository-nearby.js'

/**
 * Every change of a library with sync on becomes a git commit. git's code loads with the first change
 * of a library inside a repository: outside any, sync is off, and a change needs none of it.
 */
export function gitHistory(env: Env): LoadRecorder {
  return async () => ({
    async begin(file, before) {
      if (!mayBeInRepository(dirname(file))) return null
      return (await import('./sync/auto-commit.js')).gitAutoCommit(env).begin(file, before)
    },
  })
}

/** The global options (README, Commands), as parsed. */
export interface GlobalOptions {
  library?: string
  demo: boolean
  json: boolean
  color: boolean
  pager: boolean
  /** false with `--no-input`: never prompt. */
  input: boolean
  quiet: boolean
}

export const defaultGlobals: GlobalOptions = { demo: false, json: false, color: true, pager: true, input: true, quiet: false }

export interface Clock {
  now(): Date
  /** Wait `ms` milliseconds (before a network retry); tests pass time without waiting. */
  sleep(ms: number): Promise<void>
}

/** Everything a command may touch. Commands never use `process`, `console`, inquirer or chalk directly. */
export interface Context {
  io: IO
  prompter: Prompter
  editor: Editor
  clock: Clock
  env: Env
  /** Folder relative paths are resolved against. */
  cwd: string
  /** Set from the command line before an action runs. */
  globals: GlobalOptions
  /** The library, opened on first use according to `globals` and `env`. */
  readonly store: Store
  /** The config file (`$XDG_CONFIG_HOME/precis/config.toml`), read on first use. */
  readonly config: ConfigFile
  /** Run at exit: removes temporary files (the demo copy). */
  dispose(): Promise<void>
}

/** The real wiring on this process. */
export function createProcessContext(): Context {
  const env: Env = { ...process.env }
  const cleanups: (() => Promise<void>)[] = []
  let store: Store | undefined
  const warn = (message: string) => {
    if (!ctx.globals.quiet) ctx.io.err(ctx.io.errStyle.yellow(`precis: ${sanitizeTerminal(message)}\n`))
  }

  const ctx: Context = {
    io: new TerminalIO(env),
    prompter: new InquirerPrompter(),
    editor: new ProcessEditor(env),
    clock: { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    env,
    cwd: process.cwd(),
    globals: { ...defaultGlobals },
    config: new FileConfig(configPath(env), warn, lockTimeout(env)),
    get store(): Store {
      if (store) return store
      const path = ctx.globals.demo ? demoCopy(ctx, cleanups) : resolveLibraryPath(ctx.globals.library, env, ctx.cwd)
      const warn = (warning: string) => ctx.io.err(ctx.io.errStyle.yellow(`precis: ${sanitizeTerminal(warning)}\n`))
      // A progress line for people watching; not in a pipe or with --quiet.
      const note = (message: string) =>
        void (ctx.io.stderrIsTTY && !ctx.globals.quiet && ctx.io.err(ctx.io.errStyle.dim(`${sanitizeTerminal(message)}\n`)))
      // The demo copy lives for one command: an index of it would only be left behind in the cache.
      const index = ctx.globals.demo ? undefined : { cacheDir: cacheDir(env), note }
      store = new DeferredFileStore(path, lockTimeout(env), warn, gitHistory(env), index)
      warnNearSizeLimit(ctx, path)
      return store
    },
    async dispose() {
      for (const cleanup of cleanups.splice(0)) await cleanup()
    },
  }
  return ctx
}

/** Say so on stderr when the library file is nearing the largest size precis can read. */
function warnNearSizeLimit(ctx: Context, path: string): void {
  const bytes = libraryFileBytes(path)
  const warning = bytes === null ? null : sizeWarning(path, bytes)
  if (warning && !ctx.globals.quiet) ctx.io.err(ctx.io.errStyle.yellow(`${warning}\n`))
}

/** A temporary copy of the demo library, removed at exit. */
function demoCopy(ctx: Context, cleanups: (() => Promise<void>)[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'precis-demo-'))
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'library.json')
  copyFileSync(DEMO_LIBRARY, path)
  if (!ctx.globals.quiet) ctx.io.err(ctx.io.errStyle.dim('Using a temporary copy of the demo library; changes are not kept.\n'))
  return path
}
