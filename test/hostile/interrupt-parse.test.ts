import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { precisOn } from './support/precis.js'

/** Whether process `pid` catches SIGINT now (its SigCgt mask in /proc), or null once it is gone. */
function catchesSigint(pid: number): boolean | null {
  try {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!
    return (BigInt(`0x${mask}`) & (1n << 1n)) !== 0n // SIGINT is signal 2: bit 1
  } catch {
    return null
  }
}

// A .bib within every expansion limit whose parse is one long synchronous call (LaTeX commands are
// read at tens of kB per second): the event loop never turns, so a handler would wait for its end.
function commandHeavyBib(entries: number): string {
  const note = Array.from({ length: 200 }, (_, i) => `\\emph{word${i}} \\textbf{more}`).join(' ')
  return Array.from(
    { length: entries },
    (_, i) => `@article{slow${i},\n  title = {Slow ${i}},\n  author = {Doe, Jane},\n  year = {2020},\n  note = {${note}}\n}\n`,
  ).join('\n')
}

it('Ctrl-C ends a BibTeX parse at once: during the long call SIGINT has its default action', async () => {
  const dir = tempDir()
  const library = join(dir, 'library.json')
  const bib = join(dir, 'slow.bib')
  writeFileSync(bib, commandHeavyBib(100))
  let seenHandler = false
  let seenDefault = false
  const run = precisOn(library, ['import', bib], {
    onSpawn: (child) => {
      void (async () => {
        // Polled by count, not by time: the state decides (handler installed, then stood aside).
        for (let poll = 0; poll < 20_000 && child.exitCode === null; poll++) {
          const catches = catchesSigint(child.pid!)
          seenHandler ||= catches === true
          if (catches === false && seenHandler) {
            seenDefault = true
            child.kill('SIGINT')
            return
          }
          await sleep(5)
        }
        child.kill('SIGKILL')
      })()
    },
  })
  const result = await run
  expect(seenHandler).toBe(true)
  expect(seenDefault).toBe(true)
  expect(result.signal).toBe('SIGINT')
  expect(existsSync(library)).toBe(false) // nothing was imported
})
