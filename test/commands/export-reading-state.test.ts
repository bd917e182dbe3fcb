import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Library } from '../../src/core/model.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

// The reading queue travels with the exports that can hold it: the library's JSON and the Markdown
// front matter (plain and Obsidian). BibTeX, CSL-JSON and RIS have no field for it (README, export).

function queued(): Library {
  return libraryOf(
    [
      paper({ key: 'reading2021', title: 'Being Read', state: 'reading', priority: 1 }),
      paper({ key: 'queued2022', title: 'Still To Read', state: 'to-read', priority: 4 }),
      paper({ key: 'plain2020', title: 'Never Queued' }),
    ],
    [
      summary({ id: 'reading2021', paper: 'reading2021' }),
      summary({ id: 'queued2022', paper: 'queued2022' }),
      summary({ id: 'plain2020', paper: 'plain2020' }),
    ],
  )
}

const queueOf = (lib: Library) => lib.papers.map((p) => [p.key, p.state ?? null, p.priority ?? null])
const WANTED = [
  ['plain2020', null, null],
  ['queued2022', 'to-read', 4],
  ['reading2021', 'reading', 1],
]

async function exported(argv: string[]): Promise<string> {
  const ctx = testContext({ library: queued() })
  expect(await main(['export', ...argv], ctx), ctx.stderr()).toBe(0)
  return ctx.stdout()
}

describe('exports carry the reading state and priority where the format can', () => {
  it('the JSON export holds them as the library does', async () => {
    const lib = JSON.parse(await exported(['--format', 'json'])) as Library
    expect(queueOf(lib)).toEqual(WANTED)
  })

  it.each([[[]], [['--flavor', 'obsidian']]])(
    'Markdown front matter (%j) holds them, only when set, and an import reads them back',
    async (flavor) => {
      const folder = join(tempDir('precis-md-'), 'notes')
      expect(await main(['export', '--format', 'md', ...flavor, '--out', folder], testContext({ library: queued() }))).toBe(0)
      const text = (name: string) => readFileSync(join(folder, name), 'utf8')
      expect(text('queued2022.md')).toMatch(/\nstate: to-read\npriority: 4\n/)
      expect(text('plain2020.md')).not.toMatch(/\n(state|priority):/)
      expect(readdirSync(folder).sort()).toEqual(['plain2020.md', 'queued2022.md', 'reading2021.md'])

      const library = join(tempDir('precis-lib-'), 'library.json')
      const into = testContext({ library })
      expect(await main(['import', folder], into), into.stderr()).toBe(0)
      expect(queueOf(await into.store.read()).sort()).toEqual(WANTED)
    },
  )

  it('a bad state or priority in front matter is a problem of that file, named', async () => {
    const folder = join(tempDir('precis-md-'), 'notes')
    expect(await main(['export', '--format', 'md', '--out', folder], testContext({ library: queued() }))).toBe(0)
    const file = join(folder, 'queued2022.md')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(file, readFileSync(file, 'utf8').replace('priority: 4', 'priority: 9').replace('state: to-read', 'state: someday'))
    const into = testContext({ library: join(tempDir('precis-lib-'), 'library.json') })
    await main(['import', folder], into)
    expect(into.stderr()).toContain('state must be one of to-read, reading, read, not "someday"')
    expect(into.stderr()).toContain('priority must be a whole number from 1 to 5, not "9"')
  })

  it.each(['bibtex', 'csljson', 'ris'])('%s has no field for them: nothing of the queue is written', async (format) => {
    const text = await exported(['--format', format])
    expect(text).not.toMatch(/to-read|readstatus|"reading"|\bprio/i)
  })
})
