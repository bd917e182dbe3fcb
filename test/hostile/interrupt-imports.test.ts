/**
 * Every import's read of the file (CSL-JSON, RIS, a note's front matter) and the check of its
 * records are one synchronous call over text from outside: during it the signals have their
 * default action, so SIGTERM ends it at once and nothing is written.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { signalAtDefault } from './support/default-signals.js'
import { precisOn } from './support/precis.js'

const ITEMS = 60_000
const items = <T>(make: (i: number) => T) => Array.from({ length: ITEMS }, (_, i) => make(i))

it.each([
  [
    'CSL-JSON',
    'items.json',
    JSON.stringify(
      items((i) => ({ id: `item${i}`, type: 'article-journal', title: `Title ${i}`, author: [{ family: 'Doe', given: 'Jane' }] })),
    ),
  ],
  ['RIS', 'items.ris', items((i) => `TY  - JOUR\nTI  - Title ${i}\nAU  - Doe, Jane\nPY  - 2020\nER  - \n`).join('')],
  [
    'a note with a long front matter',
    'note.md',
    `---\ntitle: A note\ntags:\n${items((i) => `  - 'tag${i}'\n`).join('')}---\n\nThe body.\n`,
  ],
])('SIGTERM ends the read of %s at once', async (_, name, text) => {
  const dir = tempDir()
  const library = join(dir, 'library.json')
  const file = join(dir, name)
  writeFileSync(file, text)
  const { watch, onSpawn } = signalAtDefault('SIGTERM')
  const result = await precisOn(library, ['import', file], { onSpawn, env: { HOME: dir } })
  expect(watch.seenHandler).toBe(true)
  expect(watch.seenDefault).toBe(true)
  expect(result.signal).toBe('SIGTERM')
  expect(existsSync(library)).toBe(false) // nothing was imported
})
