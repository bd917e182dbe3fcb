// The math cache (store/math-cache.ts) is a file in the cache folder that other programs, other
// precis runs and other builds may have written. Whatever stands there (a link, a folder, a pipe,
// runs saving at once), search and show print what they print without a cache, exit 0, and leave
// a cache every line of which a later run can read.
import { execFileSync } from 'node:child_process'
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { checksum } from '../../src/store/index/checksum.js'
import { cacheText, mathCachePath } from '../../src/store/math-cache.js'
import { runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

/** Papers each with formulas of their own, so runs showing different ones add different lines. */
const COUNT = 6
function libraryFile(): string {
  const papers = Array.from({ length: COUNT }, (_, i) => paper({ key: `paper${i}2020kernel`, title: `Kernel paper ${i}` }))
  const summaries = papers.map((p, i) =>
    summary({
      id: p.key,
      paper: p.key,
      body: `A kernel $k_{${i}}(x, y) = \\exp(-\\|x - y\\|^2 / ${i + 2})$ with $\\alpha_{${i}} \\in (0, 1)$.\n\n$$\\sum_{j=1}^{${i + 3}} \\beta_j$$\n\nHostile TeX too: $\\text{\u001b[2J${i}}$ and $\\frac{${i}}{$.\n`,
    }),
  )
  const file = join(tempDir(), 'library.json')
  writeFileSync(file, JSON.stringify(libraryOf(papers, summaries)))
  return file
}

const RUNS = [['search', 'kernel'], ...Array.from({ length: COUNT }, (_, i) => ['show', `paper${i}2020kernel`])]
/**
 * The runs that read the math cache again in a cache folder where each show has run once: the search.
 * A show there prints the page it kept (store/page-cache.ts) and never opens the math cache, so showing
 * again would test the page cache (hostile/page-cache.test.ts does), not this.
 */
const AGAIN = RUNS.slice(0, 1)
/**
 * The runs that meet what is put in the cache's place: the first meets it, the second what the first
 * left there (and adds formulas of its own). The other shows would each meet what the second met.
 */
const PAST_A_PLANT = RUNS.slice(0, 2)

/** What precis prints for `args` with the cache folder `cache`; it must succeed quietly. */
async function printed(library: string, cache: string, args: string[]): Promise<string> {
  const result = await runPrecis(['--library', library, ...args], { env: { PRECIS_CACHE_DIR: cache } })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return result.stdout
}

/** Every run's output with no math cache at all: a file stands where its folder would be made. */
async function withoutCache(library: string): Promise<string[]> {
  const cache = tempDir()
  writeFileSync(join(cache, 'math'), '')
  return Promise.all(RUNS.map((args) => printed(library, cache, args)))
}

/** A cache text's build and the JSON of each line (before its tab and checksum); null without precis's header. */
function cacheLines(text: string): { build: string; jsons: string[] } | null {
  const [header, ...lines] = text.split('\n')
  const build = /^precis math cache 1 (\S+) [\d,]+$/.exec(header!)?.[1]
  if (!build || lines.pop() !== '') return null
  return { build, jsons: lines.map((line) => line.slice(0, line.lastIndexOf('\t'))) }
}

/** The cache text `build` writes for these lines' JSON: each line checksummed, laid out in its bucket. */
function cacheOf(build: string, jsons: string[]): string {
  const sumOf = (json: string) => checksum(Buffer.from(`${build}\n${json}`))
  return cacheText(
    build,
    jsons.map((json) => [(JSON.parse(json) as [string])[0], `${json}\t${sumOf(json)}\n`]),
  )
}

/**
 * Whether the cache file is one precis wrote: its build's header, then checksummed lines laid out
 * where the header says (the text this build writes for the same lines, checksums recomputed).
 */
function wellFormed(path: string): boolean {
  const text = readFileSync(path, 'utf8')
  const cache = cacheLines(text)
  return cache !== null && cacheOf(cache.build, cache.jsons) === text
}

/** A cache text precis would trust, with each line's JSON changed by `change`. */
function forged(text: string, change: (json: string) => string): string {
  const cache = cacheLines(text)!
  return cacheOf(cache.build, cache.jsons.map(change))
}

describe('the math cache, whatever is in its place', () => {
  // One library for the file, and what each run prints of it without a cache: every test only reads it
  // (each with a cache folder of its own), so that reference is spawned once, not once a test.
  let library: string
  let expected: string[]
  let expectedAgain: string[]
  beforeAll(async () => {
    library = libraryFile()
    expected = await withoutCache(library)
    expectedAgain = expected.slice(0, AGAIN.length)
    expect(expected.join('')).toContain('α₀ ∈ (0, 1)') // math as Unicode: a test that could fail
  })

  it('runs saving at once leave a cache every line of which reads, and print what they print without one', async () => {
    const cache = tempDir()
    for (let round = 0; round < 3; round++) {
      // Every run at once, twice over: each converts formulas the others convert too, and saves; then
      // the searches again, which convert what a lost save left out and save it.
      const runs = round === 0 ? RUNS : AGAIN
      const outputs = await Promise.all([...runs, ...runs].map((args) => printed(library, cache, args)))
      const outputsExpected = round === 0 ? expected : expectedAgain
      expect(outputs).toEqual([...outputsExpected, ...outputsExpected])
      expect(wellFormed(mathCachePath(cache))).toBe(true)
    }
    expect(readdirSync(dirname(mathCachePath(cache)))).toEqual(['unicode']) // no temp file left
    expect(await Promise.all(AGAIN.map((args) => printed(library, cache, args)))).toEqual(expectedAgain)
  })

  it('follows no link put in its place, and replaces the link, never its target', async () => {
    const cache = tempDir()
    const warm = tempDir()
    await Promise.all(PAST_A_PLANT.map((args) => printed(library, warm, args)))
    // The link's target is a cache this build would trust, but whose formulas (those of the runs that
    // meet the link) print `∉` for `∈`: read through the link, the output would show it.
    const target = join(tempDir(), 'elsewhere')
    const good = forged(readFileSync(mathCachePath(warm), 'utf8'), (json) => json.replaceAll('∈', '∉'))
    expect(good).toContain('∉') // the warm cache held `∈`
    writeFileSync(target, good)
    mkdirSync(dirname(mathCachePath(cache)), { recursive: true })
    symlinkSync(target, mathCachePath(cache))
    for (const [i, args] of PAST_A_PLANT.entries()) expect(await printed(library, cache, args)).toBe(expected[i])
    expect(lstatSync(mathCachePath(cache)).isFile()).toBe(true)
    expect(readFileSync(target, 'utf8')).toBe(good)
  })

  it.each([
    ['an empty folder', (path: string) => mkdirSync(path, { recursive: true })],
    [
      'a folder with a file in it',
      (path: string) => {
        mkdirSync(path, { recursive: true })
        writeFileSync(join(path, 'not-ours'), 'kept')
      },
    ],
    [
      'a named pipe',
      (path: string) => {
        mkdirSync(dirname(path), { recursive: true })
        execFileSync('mkfifo', [path])
      },
    ],
  ])('prints the same with %s in its place', async (_, plant) => {
    const cache = tempDir()
    plant(mathCachePath(cache))
    for (const [i, args] of PAST_A_PLANT.entries()) expect(await printed(library, cache, args)).toBe(expected[i])
    // Then with what those runs left there.
    for (const [i, args] of AGAIN.entries()) expect(await printed(library, cache, args)).toBe(expected[i])
  })
})
