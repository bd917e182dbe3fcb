// The page cache (store/page-cache.ts) is a folder other precis runs write at the same time: runs
// showing the same and different pages at once print what they print without a cache, and leave
// only whole pages, each one a later run reads, and no temp file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checksum } from '../../src/store/index/checksum.js'
import { pageCachePath } from '../../src/store/page-cache.js'
import { runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

const COUNT = 4
function libraryFile(): string {
  const papers = Array.from({ length: COUNT }, (_, i) => paper({ key: `paper${i}2020kernel`, title: `Kernel paper ${i}` }))
  const summaries = papers.map((p, i) =>
    summary({ id: p.key, paper: p.key, body: `A kernel $k_{${i}}(x, y)$ and **bold** text.\n\nHostile text too: \u001b[2J${i}.\n` }),
  )
  const file = join(tempDir(), 'library.json')
  writeFileSync(file, JSON.stringify(libraryOf(papers, summaries)))
  return file
}

const RUNS = Array.from({ length: COUNT }, (_, i) => ['show', `paper${i}2020kernel`])

async function printed(library: string, cache: string, args: string[]): Promise<string> {
  const result = await runPrecis(['--library', library, ...args], { env: { PRECIS_CACHE_DIR: cache } })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return result.stdout
}

/** Whether a page file is whole as precis writes it: its header's lengths and checksum fit what follows. */
function wellFormed(path: string): boolean {
  const bytes = readFileSync(path)
  const end = bytes.indexOf(10)
  const fields = /^precis page cache 1 (\S+) (\d+) (\d+) ([0-9a-f]{16})$/.exec(bytes.toString('utf8', 0, end))
  if (!fields) return false
  const [, build, inputBytes, pageBytes, sum] = fields
  const input = bytes.subarray(end + 1, end + 1 + Number(inputBytes))
  const page = bytes.subarray(end + 1 + Number(inputBytes))
  const expected = checksum(Buffer.concat([Buffer.from(`${build}\n`), input, Buffer.from('\n'), page]))
  return page.length === Number(pageBytes) && sum === expected
}

describe('the page cache, written by runs at once', () => {
  it('keeps whole pages only, and every run prints what it prints without one', async () => {
    const library = libraryFile()
    const none = tempDir()
    writeFileSync(pageCachePath(none), '')
    const expected = await Promise.all(RUNS.map((args) => printed(library, none, args)))
    expect(expected.join('')).toContain('k₀(x, y)') // rendered: a test that could fail
    expect(expected.join('')).not.toContain('\u001b[2J')
    const cache = tempDir()
    for (let round = 0; round < 3; round++) {
      // Every page shown by three runs at once: each renders it and saves it under the same name.
      const outputs = await Promise.all([...RUNS, ...RUNS, ...RUNS].map((args) => printed(library, cache, args)))
      expect(outputs).toEqual([...expected, ...expected, ...expected])
      const names = readdirSync(pageCachePath(cache))
      expect(names).toHaveLength(COUNT) // no temp file left, one page each
      for (const name of names) expect(wellFormed(join(pageCachePath(cache), name)), name).toBe(true)
    }
  })
})
