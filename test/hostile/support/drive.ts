/**
 * Drive several writer processes against one library at once, optionally killing each command at
 * a random moment, and check after every command that the file is a valid library holding exactly
 * what the writer's model says (see writers.ts).
 */
import { expect } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { libraryReader } from './library-reads.js'
import { builtCommands, precisOn } from './precis.js'
import { seeded } from '../../support/random.js'
import { describeState, ownedBy, planOp, type OwnedState } from './writers.js'

export interface DriveOptions {
  library: string
  /** How many writers run side by side; each runs one command at a time. */
  writers: number
  /** The number of the first writer (later rounds on one library take new numbers, hence new records). */
  firstWriter?: number
  seed: number
  /** Stop starting commands once this many have been killed (kill runs) ... */
  kills?: number
  /** ... or once each writer has run this many. */
  commandsPerWriter: number
  /**
   * Milliseconds after its start at which a command is killed, given how long this writer's
   * commands have been taking when left alone; null never kills.
   */
  killAfter: ((random: () => number, typicalMs: number) => number) | null
  env?: Record<string, string>
  /** Checked after every command: what else must still hold in the library. */
  invariant?: (library: Library) => void
}

export interface DriveResult {
  commands: number
  kills: number
  /** Commands that exited 0, and 5 (busy). */
  succeeded: number
  busy: number
}

/** Run the writers; rejects at the first broken promise with the command and both states. */
export async function driveWriters(options: DriveOptions): Promise<DriveResult> {
  const result: DriveResult = { commands: 0, kills: 0, succeeded: 0, busy: 0 }
  const commands = builtCommands()
  let failed = false
  // One reader for all writers: a killed command that wrote nothing leaves bytes already parsed.
  const readLibrary = libraryReader()
  const enoughKills = () => options.kills !== undefined && result.kills >= options.kills

  async function writer(n: number): Promise<OwnedState> {
    const random = seeded(options.seed * 31 + n)
    let state: OwnedState = new Map()
    let typicalMs = 0 // learnt from the commands left to finish: machines and loads differ
    for (let serial = 1; serial <= options.commandsPerWriter && !failed && !enoughKills(); serial++) {
      const op = planOp(state, n, serial, random, commands)
      // The first command runs to the end, to learn how long commands take here.
      const delay = serial > 1 ? options.killAfter?.(random, typicalMs) : undefined
      const started = Date.now()
      let timer: NodeJS.Timeout | undefined
      const run = await precisOn(options.library, op.args, {
        input: op.input,
        env: options.env,
        onSpawn: (child) => {
          if (delay !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), delay)
        },
      })
      clearTimeout(timer)
      if (run.signal === null) typicalMs = typicalMs === 0 ? Date.now() - started : 0.8 * typicalMs + 0.2 * (Date.now() - started)
      result.commands++
      const library = readLibrary(options.library) // throws when the file is not a valid library
      options.invariant?.(library)
      const after = ownedBy(library, n)
      const where = `writer ${n}, command ${serial}: precis ${op.name} (seed ${options.seed})`
      if (run.signal === 'SIGKILL') {
        result.kills++
        const landed = op.landed(state, after, null)
        expect([describeState(state), describeState(landed)], `${where} was killed: all or nothing`).toContain(describeState(after))
      } else if (run.code === 0) {
        result.succeeded++
        expect(describeState(after), `${where} reported success`).toBe(describeState(op.landed(state, after, run.stdout)))
      } else {
        expect(run.code, `${where} failed: ${run.stderr}`).toBe(5) // only "busy" is an acceptable failure
        result.busy++
        expect(describeState(after), `${where} failed, so it must change nothing`).toBe(describeState(state))
      }
      state = after
    }
    return state
  }

  const numbers = Array.from({ length: options.writers }, (_, i) => (options.firstWriter ?? 0) + i)
  const finals = await Promise.all(
    numbers.map((n) =>
      writer(n).catch((error: unknown) => {
        failed = true
        throw error
      }),
    ),
  )
  // Once everyone is done: no writer's later command lost another's earlier change.
  const library = readLibrary(options.library)
  for (const [i, state] of finals.entries())
    expect(describeState(ownedBy(library, numbers[i]!)), `writer ${numbers[i]} at the end`).toBe(describeState(state))
  return result
}
