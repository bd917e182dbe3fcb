// Ctrl-C while the search postings are built in segments (postings-segments.ts): the library is
// read with the signals' default action (runWithDefaultSignals), so SIGINT ends the process at once,
// before a handler could remove anything; the segments' temp file must not outlive it. A child
// process builds segments of a few words and sends itself SIGINT once one is written: decided by
// what the child has done and the files left, not by when the signal comes.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'

/** The child: builds segments of 64 words from entries of 40 words each, and interrupts itself once `segments` are written. */
const CHILD = `
import { writeSync } from 'node:fs'
import { join } from 'node:path'
import { libraryEntries } from './src/core/records/entries.ts'
import { SegmentedPostings } from './src/store/index/postings-segments.ts'
import { leaveCleanlyOnSignals, runWithDefaultSignals } from './src/platform/interrupt.ts'
import { tempNameBeside } from './src/store/temp-files.ts'
import { libraryOf, paper, summary } from './test/support/library.ts'

const [dir, how] = process.argv.slice(2)
leaveCleanlyOnSignals() // as bin/precis.js does
const words = 'graph neural network message passing quantum chemistry kernel attention model'.split(' ')
const body = (n) => Array.from({ length: 40 }, (_, i) => words[(n * 7 + i * 3) % words.length] + (i % 5 === 0 ? n : '')).join(' ')
const papers = Array.from({ length: 200 }, (_, n) => paper({ key: 'p' + n, title: 'Paper ' + n }))
const summaries = papers.map((p, n) => summary({ id: 'p' + n, paper: p.key, body: body(n) }))
const entries = libraryEntries(libraryOf(papers, summaries))
const segments = new SegmentedPostings(tempNameBeside(join(dir, 'index', 'l.postings'), 'tmp'), 64)
const interrupted = () => {
  writeSync(1, 'segmented\\n')
  process.kill(process.pid, 'SIGINT')
}
const add = () => {
  for (const entry of entries) {
    segments.add(entry)
    if (segments.segmented && how === 'default') interrupted() // the default action: the process ends here
  }
}
if (how === 'default') runWithDefaultSignals(add) // as indexed-postings.ts reads the library
else {
  add()
  interrupted() // the handler's turn comes once this returns
}
setTimeout(() => writeSync(1, 'not ended\\n'), 10_000)
`

let dir: string
let child: string

beforeAll(async () => {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  // Below the project's node_modules, where the packages left out of the bundle are found.
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
  dir = mkdtempSync(join(root, 'node_modules', '.cache', 'precis-test-'))
  child = join(dir, 'child.mjs')
  const options = { bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' } as const
  await build({ stdin: { contents: CHILD, resolveDir: root, loader: 'ts' }, outfile: child, ...options })
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('Ctrl-C during a segmented postings build', () => {
  for (const how of ['default', 'handled'] as const) {
    it(`leaves no segments' file (${how === 'default' ? 'the default action, while the library is read' : 'the handler, after it'})`, () => {
      const work = tempDir()
      const run = spawnSync(process.execPath, [child, work, how], { encoding: 'utf8' })
      expect(run.stderr).toBe('')
      expect(run.stdout).toBe('segmented\n') // a segment was written before the signal, and the signal ended the process
      expect(run.signal).toBe('SIGINT')
      expect(readdirSync(join(work, 'index'))).toEqual([])
    })
  }
})
