import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process'
import { closeSync, mkdtempSync, openSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

/** The built command-line entry point (vitest builds dist/ before any test runs: build-dist.ts). */
export const BIN = fileURLToPath(new URL('../../bin/precis.js', import.meta.url))

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  env?: Record<string, string>
  input?: string | Buffer
  /** A file to write standard output to instead of capturing it (stdout is then ''): keeps a huge output out of the test's heap. */
  stdoutFile?: string
  cwd?: string
  /** Called with the child as soon as it starts (to kill it, for instance). */
  onSpawn?: (child: ChildProcess) => void
}

/**
 * The cache folder of spawned runs (the index lives there): one per test file, inside the system's temp
 * folder, so that no run writes below the HOME it is given (which does not exist). The files of a worker
 * share this module (vitest.config.ts: isolate false), not their caches: what one file's runs cached never
 * answers another file's.
 */
const cacheDirs = new Map<string, string>()
function testCacheDir(): string {
  const file = expect.getState().testPath ?? ''
  let dir = cacheDirs.get(file)
  if (dir === undefined) cacheDirs.set(file, (dir = mkdtempSync(join(tmpdir(), 'precis-cache-'))))
  return dir
}

/** Spawn `file args...` with a clean environment (no colour, no user library), output captured. */
export function runCommand(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const stdoutFd = options.stdoutFile === undefined ? undefined : openSync(options.stdoutFile, 'w')
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', PRECIS_CACHE_DIR: testCacheDir(), NO_COLOR: '1', ...options.env },
      stdio: ['pipe', stdoutFd ?? 'pipe', 'pipe'],
    }) as ChildProcessByStdio<Writable, Readable | null, Readable>
    if (stdoutFd !== undefined) closeSync(stdoutFd) // the child holds its own copy
    let stdout = ''
    let stderr = ''
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
    options.onSpawn?.(child)
  })
}

/** Spawn `node bin/precis.js ...args` (see runCommand). */
export function runPrecis(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runCommand(process.execPath, [BIN, ...args], options)
}
