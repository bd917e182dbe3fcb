import { main } from '../../../src/main.js'
import { testContext, type TestContextOptions } from '../../support/context.js'
import { precisOn, type RunOptions, type RunResult } from './precis.js'
import type { PrototypeReport } from './prototype-guard.js'

/** What one in-process run of precis gave: as a spawned run's result, with what the prototypes gained. */
export interface InProcessResult {
  code: number
  stdout: string
  stderr: string
  prototypes: PrototypeReport
}

const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype }
const ownNames = (prototype: object) => Reflect.ownKeys(prototype).map(String)

/**
 * Run precis's main() in this process on the real library file at `library` (a FileStore, through the
 * fake Context, not a TTY), and report what the built-in prototypes gained, as the spawned guard does
 * (prototype-guard.ts). For the checks of what precis does with the data, where the process boundary is
 * not what is tested: each hostile file keeps spawned runs of the built binary for that.
 */
export async function precisInProcess(
  library: string,
  args: readonly string[],
  options: Omit<TestContextOptions, 'library'> = {},
): Promise<InProcessResult> {
  const before = Object.fromEntries(Object.entries(PROTOTYPES).map(([name, prototype]) => [name, ownNames(prototype)]))
  const ctx = testContext({ ...options, library })
  const code = await main(args, ctx)
  const gained = Object.entries(PROTOTYPES).flatMap(([name, prototype]) =>
    ownNames(prototype)
      .filter((key) => !before[name]!.includes(key))
      .map((key) => `${name}.prototype.${key}`),
  )
  // Any value a hostile write left there, shown as JSON (the guard shows it with String()): null means none.
  const polluted: unknown = ({} as Record<string, unknown>).polluted
  return {
    code,
    stdout: ctx.stdout(),
    stderr: ctx.stderr(),
    prototypes: { gained, polluted: polluted === undefined ? null : JSON.stringify(polluted) },
  }
}

/**
 * Run precis on the library at `library` as precisOn does, the result shaped alike: the built binary
 * in its own process when `spawned`, main() in this one otherwise (at `now` on the fake clock, when
 * given: a spawned run reads the real one). A file's many validation cases run in-process; at least
 * one case of each group stays spawned, so exit codes and output bytes are still checked across the
 * process boundary.
 */
export async function precisRun(
  library: string,
  args: readonly string[],
  options: Omit<RunOptions, 'cwd'> & { spawned?: boolean; now?: string } = {},
): Promise<RunResult> {
  const { spawned, now, ...spawnOptions } = options
  if (spawned) return precisOn(library, args, spawnOptions)
  const { code, stdout, stderr } = await precisInProcess(library, args, { env: options.env, stdin: options.input, now })
  return { code, signal: null, stdout, stderr }
}
