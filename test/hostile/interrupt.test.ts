import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
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
}

const tagged = (lib: Library) => lib.summaries.filter((s) => s.tags.includes('interrupted')).length

/** A library of about `bytes` whose keys start with `prefix`, so two of them share no record. */
function fillerLibrary(bytes: number, prefix: string): Library {
  const lib = paddedLibrary(bytes)
  const key = (k: string) => k.replace(/^filler/, prefix)
  return {
    ...lib,
    papers: lib.papers.map((p) => ({ ...p, key: key(p.key) })),
    summaries: lib.summaries.map((s) => ({ ...s, id: key(s.id), paper: key(s.paper) })),
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
  },
  {
    name: 'import',
    args: (dir) => ['import', join(dir, 'incoming')],
    allOrNothing: (before, after) =>
      expect([before.summaries.length, before.summaries.length + incomingCount]).toContain(after.summaries.length),
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
  const referenceDir = tempDir('precis-interrupt-reference-')
  await exportTo(library, referenceDir)
  reference = new Map(readdirSync(referenceDir).map((name) => [name, readFileSync(join(referenceDir, name), 'utf8')]))
  return dir
}

/** A folder of its own for a case: a copy of the template. */
async function setUp(): Promise<{ dir: string; library: string }> {
  const dir = tempDir('precis-interrupt-')
  cpSync(await (template ??= makeTemplate()), dir, { recursive: true })
  return { dir, library: join(dir, 'library.json') }
}

/** Run the command, sending SIGINT after `delayMs` unless it has ended by then; resolves when it has exited. */
async function interrupted(library: string, args: string[], delayMs: number): Promise<RunResult> {
  let timer: NodeJS.Timeout | undefined
  const result = await precisOn(library, args, { env, onSpawn: (child) => void (timer = setTimeout(() => child.kill('SIGINT'), delayMs)) })
  clearTimeout(timer)
  return result
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

      let started = Date.now()
      const whole = await precisOn(library, c.args(dir), { env })
      expect(whole.code, whole.stderr).toBe(0)
      let duration = Date.now() - started
      // Its outputs hold too, and an export's new folder goes: each interrupted run starts without it
      // (else the export refuses to overwrite it, sooner than a quick read can be interrupted).
      c.outputs?.(dir)

      // Interruption i lands in the i-th quarter of the time the command takes uninterrupted. A run that
      // finished before its interruption counts as none (its checks still hold, no next command follows)
      // and is the new measure of that time: the loop ends by the count of interruptions that landed,
      // however busy the machine.
      const random = seeded(seedFromEnv(20261126))
      let landed = 0
      while (landed < INTERRUPTS) {
        copyFileSync(pristine, library)
        const delay = Math.round(((landed + random()) / INTERRUPTS) * duration)
        started = Date.now()
        const result = await interrupted(library, c.args(dir), delay)
        const took = Date.now() - started
        // Ended by the signal (after our handler's clean-up, or before it was installed), or finished first.
        expect(result.signal === 'SIGINT' || result.code === 0, `${result.code} ${result.signal} ${result.stderr}`).toBe(true)
        c.allOrNothing(before, readLibrary(library))
        expect(leftoverTempFiles(dir)).toEqual([])
        expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([])
        c.outputs?.(dir)
        if (result.signal !== 'SIGINT') {
          duration = took
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
