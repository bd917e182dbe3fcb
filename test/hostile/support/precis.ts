import { spawnSync } from 'node:child_process'
import { BIN, runCommand, runPrecis, type RunOptions, type RunResult } from '../../support/cli.js'

export { BIN, runCommand, runPrecis, type RunOptions, type RunResult }

/** Run precis on the library at `library`. */
export function precisOn(library: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runPrecis(['--library', library, ...args], options)
}

let commands: Set<string> | undefined

/**
 * The commands this build registers, read from `precis --help`. Several commands land in parallel
 * (tag, import, search, stats); the suites add them to their mix as soon as the binary has them.
 */
export function builtCommands(): Set<string> {
  if (commands) return commands
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } })
  const section = help.stdout.split(/^Commands:$/m)[1] ?? ''
  commands = new Set([...section.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!))
  if (!commands.has('add')) throw new Error(`Cannot read the command list from precis --help:\n${help.stdout}${help.stderr}`)
  return commands
}

/**
 * Run precis under a file size limit (`ulimit -f`, RLIMIT_FSIZE) of `kilobytes`: writes past it fail
 * with EFBIG (node ignores SIGXFSZ), which is how a full disk looks to a writer, with no root needed.
 */
export function precisWithFileSizeLimit(
  kilobytes: number,
  library: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const quoted = ['--library', library, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  // POSIX sh counts ulimit -f in 512-byte blocks.
  const script = `ulimit -f ${kilobytes * 2} && exec '${process.execPath}' '${BIN}' ${quoted}`
  return runCommand('/bin/sh', ['-c', script], options)
}
