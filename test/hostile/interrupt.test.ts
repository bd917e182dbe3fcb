import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../src/core/model.js'
import { tempDir } from '../support/context.js'
import { seeded, seedFromEnv } from '../support/random.js'
import { leftoverTempFiles, paddedLibrary, writeLibraryFile } from './support/files.js'
import { libraryReader } from './support/library-reads.js'
import { precisOn, type RunResult } from './support/precis.js'

const env = { PRECIS_LOCK_TIMEOUT_MS: '200' }
/** Interruptions per command, spread over the time the command takes uninterrupted. */
const INTERRUPTS = 4

interface Case {
  name: string
  args: (dir: string) => string[]
  /** What must hold of the library after an interruption: the change is all or nothing. */
  allOrNothing: (before: Library, after: Library) => void
  /** Files the command writes besides the library, checked for leftovers and half-written files. */
  outputs?: (dir: string) => void
  /**
   * The files a run makes and removes in the phase the case is about, in a folder that exists before
   * it starts: a write's temp file (or folder), from its first appearance to its last rename.
   */
  phase: (dir: string) => Phase
}

interface Phase {
  folder: string
  marks: (name: string) => boolean
}

/** The library's temp file written and renamed into place (the lock held). */
const LIBRARY_WRITTEN = (dir: string): Phase => ({ folder: dir, marks: (name) => name.startsWith('.library.json.tmp-') })

const tagged = (lib: Library) => lib.summaries.filter((s) => s.tags.includes('interrupted')).length

/**
 * A library of about `bytes` whose keys, titles and bodies start with `prefix`, so two of them share no
 * record (an import finds a paper by its title, authors and year, a summary by its text, not by key).
 */
function fillerLibrary(bytes: number, prefix: string): Library {
  const lib = paddedLibrary(bytes)
  const named = (text: string) => text.replace(/^filler/i, prefix)
  return {
    ...lib,
    papers: lib.papers.map((p) => ({ ...p, key: named(p.key), title: named(p.title) })),
    summaries: lib.summaries.map((s) => ({ ...s, id: named(s.id), paper: named(s.paper), body: named(s.body) })),
  }
}

/** Made once: the Markdown files every exported file must equal, and the number of summaries to import. */
let reference: Map<string, string>
let incomingCount: number

const CASES: Case[] = [
  {
    name: 'bulk tag',
    args: () => ['tag', '--query', 'tag:filler', '+interrupted', '--yes'],
    allOrNothing: (before, after) => expect([0, before.summaries.length]).toContain(tagged(after)),
    phase: LIBRARY_WRITTEN,
  },
  {
    name: 'import',
    args: (dir) => ['import', join(dir, 'incoming')],
    allOrNothing: (before, after) =>
      expect([before.summaries.length, before.summaries.length + incomingCount]).toContain(after.summaries.length),
    phase: LIBRARY_WRITTEN,
  },
  {
    name: 'export to a new folder',
    args: (dir) => ['export', '--out', join(dir, 'new') + '/'],
    allOrNothing: (before, after) => expect(after).toEqual(before),
    outputs: (dir) => {
      expect(readdirSync(dir).filter((n) => n.startsWith('.new.'))).toEqual([]) // no temp folder left
      // Whole or absent: the folder appears only once every file is in it.
      if (existsSync(join(dir, 'new'))) expect(readdirSync(join(dir, 'new')).sort()).toEqual([...reference.keys()].sort())
      rmSync(join(dir, 'new'), { recursive: true, force: true })
    },
    phase: (dir) => ({ folder: dir, marks: (name) => name.startsWith('.new.') }),
  },
  {
    name: 'export over an existing folder',
    args: (dir) => ['export', '--out', join(dir, 'out') + '/', '--force'],
    allOrNothing: (before, after) => expect(after).toEqual(before),
    outputs: (dir) => {
      const names = readdirSync(join(dir, 'out'))
      expect(names.filter((n) => n.startsWith('.'))).toEqual([]) // no temp file left
      for (const name of names) expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe(reference.get(name)) // none half-written
    },
    phase: (dir) => ({ folder: join(dir, 'out'), marks: (name) => name.startsWith('.') }),
  },
]

/** Export the library at `library` to `folder` (uninterrupted). */
async function exportTo(library: string, folder: string): Promise<void> {
  const made = await precisOn(library, ['export', '--out', folder + '/'])
  expect(made.code, made.stderr).toBe(0)
}

/**
 * Made once: the library and Markdown files of other summaries to import. At 2 MB a command spends about
 * half its time in start-up and half holding the lock (reading, writing, the temp file, the index): the
 * interruptions spread over its whole time land in both halves (8 MB cost 2.5 times the CPU for no
 * phase more).
 */
let template: Promise<string> | undefined

async function makeTemplate(): Promise<string> {
  const dir = tempDir('precis-interrupt-template-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, fillerLibrary(2 * 1024 * 1024, 'filler'))
  const incoming = fillerLibrary(512 * 1024, 'incoming')
  writeLibraryFile(join(dir, 'incoming.json'), incoming)
  await exportTo(join(dir, 'incoming.json'), join(dir, 'incoming'))
  incomingCount = incoming.summaries.length
  // The export overwritten: there before the first run, so that every run writes over it.
  await exportTo(library, join(dir, 'out'))
  reference = new Map(readdirSync(join(dir, 'out')).map((name) => [name, readFileSync(join(dir, 'out', name), 'utf8')]))
  return dir
}

/** A folder of its own for a case: a copy of the template. */
async function setUp(): Promise<{ dir: string; library: string }> {
  const dir = tempDir('precis-interrupt-')
  cpSync(await (template ??= makeTemplate()), dir, { recursive: true })
  return { dir, library: join(dir, 'library.json') }
}

/** When to send SIGINT: `delayMs` after the spawn, or after the phase began (never, if it does not). */
interface Signal {
  delayMs: number
  fromPhase: boolean
}

/** How a run went: its result, how long it took, and the phase's first and last event (ms after the spawn), if it had one. */
interface Watched {
  result: RunResult
  took: number
  phase: { from: number; to: number } | undefined
}

/** Run the command, sending SIGINT as `signal` says unless it has ended by then; resolves when it has exited. */
async function watched(library: string, args: string[], { folder, marks }: Phase, signal?: Signal): Promise<Watched> {
  let child: ChildProcess | undefined
  let timer: NodeJS.Timeout | undefined
  let phase: Watched['phase']
  const started = Date.now()
  const interrupt = () => (timer = setTimeout(() => child!.kill('SIGINT'), signal!.delayMs))
  const watcher = watch(folder, (_, name) => {
    if (name === null || !marks(name)) return
    const at = Date.now() - started
    if (phase) return void (phase.to = at)
    phase = { from: at, to: at }
    if (signal?.fromPhase) interrupt()
  })
  const result = await precisOn(library, args, {
    env,
    onSpawn: (spawned) => {
      child = spawned
      if (signal && !signal.fromPhase) interrupt()
    },
  })
  const took = Date.now() - started
  watcher.close()
  clearTimeout(timer)
  return { result, took, phase }
}

describe('Ctrl-C (SIGINT) at any moment of a long command', () => {
  it.each(CASES)(
    '$name: the library stays valid, the change is all or nothing, nothing is left behind, the next command runs at once',
    async (c) => {
      const { dir, library } = await setUp()
      const pristine = join(dir, 'pristine.json')
      copyFileSync(library, pristine)
      // Parses the library again only when a run changed it: most runs leave the pristine bytes.
      const readLibrary = libraryReader()
      const before = readLibrary(library)

      const phase = c.phase(dir)
      const whole = await watched(library, c.args(dir), phase)
      expect(whole.result.code, whole.result.stderr).toBe(0)
      expect(whole.phase, 'the command writes what the case is about').toBeDefined()
      let { took: duration, phase: written } = whole
      // Its outputs hold too, and an export's new folder goes: each interrupted run starts without it
      // (else the export refuses to overwrite it, sooner than a quick read can be interrupted).
      c.outputs?.(dir)

      // Half the interruptions land in the first half of the time the command takes uninterrupted
      // (start-up, mostly), the others while it writes: interruption i in the i-th half of one or the
      // other. (After the write's rename, a command's last stretch never turns the event loop, where a
      // signal is handled: one landing there is not seen before the command has finished.) A run that
      // finished before its interruption counts as none (its checks still hold, no next command
      // follows) and is the new measure of those times: the loop ends by the count of interruptions
      // that landed, however busy the machine.
      const random = seeded(seedFromEnv(20261126))
      const HALF = INTERRUPTS / 2
      let landed = 0
      while (landed < INTERRUPTS) {
        copyFileSync(pristine, library)
        const fromPhase = landed >= HALF && written !== undefined
        const share = (landed % HALF) + random()
        const delayMs = Math.round(fromPhase ? (share / HALF) * (written!.to - written!.from) : (share / INTERRUPTS) * duration)
        const run = await watched(library, c.args(dir), phase, { delayMs, fromPhase })
        const { result } = run
        // Ended by the signal (after our handler's clean-up, or before it was installed), or finished first.
        expect(result.signal === 'SIGINT' || result.code === 0, `${result.code} ${result.signal} ${result.stderr}`).toBe(true)
        c.allOrNothing(before, readLibrary(library))
        expect(leftoverTempFiles(dir)).toEqual([])
        expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([])
        c.outputs?.(dir)
        if (result.signal !== 'SIGINT') {
          duration = run.took
          written = run.phase
          continue // no interruption for a next command to follow
        }
        landed++
        const next = await precisOn(library, ['tag', before.summaries[0]!.id, '+next'], { env })
        expect(next.code, next.stderr).toBe(0)
      }
    },
    600_000,
  )
})
