import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { signalAtDefault } from './support/default-signals.js'
import { precisOn } from './support/precis.js'

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
  const { watch, onSpawn } = signalAtDefault('SIGINT')
  const run = precisOn(library, ['import', bib], { onSpawn })
  const result = await run
  expect(watch.seenHandler).toBe(true)
  expect(watch.seenDefault).toBe(true)
  expect(result.signal).toBe('SIGINT')
  expect(existsSync(library)).toBe(false) // nothing was imported
})
