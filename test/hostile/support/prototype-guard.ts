import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tempDir } from '../../support/context.js'
import { BIN, runCommand, type RunOptions, type RunResult } from './precis.js'

/**
 * A wrapper that runs precis's main() in its own process, then reports which properties the
 * built-in prototypes gained: what `({}).polluted === undefined` checks, for every name at once.
 */
const GUARD = `
import { writeFileSync } from 'node:fs'
const prototypes = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype }
const names = (p) => Reflect.ownKeys(p).map(String)
const before = Object.fromEntries(Object.entries(prototypes).map(([n, p]) => [n, names(p)]))
const dist = new URL('../dist/', ${JSON.stringify(pathToFileURL(BIN).href)})
const { createProcessContext, main } = await import(new URL('cli.js', dist))
process.exitCode = await main(process.argv.slice(2), createProcessContext())
const gained = Object.entries(prototypes).flatMap(([n, p]) => names(p).filter((k) => !before[n].includes(k)).map((k) => n + '.prototype.' + k))
writeFileSync(process.env.PRECIS_GUARD_REPORT, JSON.stringify({ gained, polluted: ({}).polluted === undefined ? null : String(({}).polluted) }))
`

let guard: string | undefined

/** What the guarded run found on the prototypes after precis finished. */
export interface PrototypeReport {
  gained: string[]
  polluted: string | null
}

/** Run precis with `args` under the guard; the result with what the prototypes gained. */
export async function runGuarded(args: readonly string[], options: RunOptions = {}): Promise<RunResult & { prototypes: PrototypeReport }> {
  const dir = tempDir('precis-guard-')
  if (!guard) {
    guard = join(dir, 'guard.mjs')
    writeFileSync(guard, GUARD)
  }
  const report = join(dir, 'report.json')
  const result = await runCommand(process.execPath, [guard, ...args], { ...options, env: { ...options.env, PRECIS_GUARD_REPORT: report } })
  return { ...result, prototypes: JSON.parse(readFileSync(report, 'utf8')) as PrototypeReport }
}
