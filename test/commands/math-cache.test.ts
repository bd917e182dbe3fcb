// The math cache (store/math-cache.ts) changes how fast formulas are shown, never what is shown:
// search and show print the same bytes with the cache empty, warm, damaged or forged, in a terminal
// and into a pipe, as they print with no cache at all.
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { SearchQuestion } from '../../src/terminal/prompts.js'
import { checksum } from '../../src/store/index/checksum.js'
import { cacheText as layOut, mathCachePath } from '../../src/store/math-cache.js'
import { pageCachePath } from '../../src/store/page-cache.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir, testContext } from '../support/context.js'

const BODY = [
  'Kernel ridge regression with $\\alpha \\in (0, 1)$ and $\\mathcal{O}(n^3)$ cost.',
  '',
  '$$\\hat{y} = \\sum_{i=1}^{N} \\alpha_i k(x_i, x) \\\\ \\mathcal{L}(\\theta) = \\|y - K\\alpha\\|^2$$',
  '',
  'A kernel with a macro of its own, $\\softmax(QK^\\top)$, and TeX that stays TeX: $\\frac{a}{$ and $\\begin{bad}$.',
].join('\n')

const library = () =>
  libraryOf(
    [paper({ key: 'rasmussen2004gaussian', title: 'Gaussian Processes in Machine Learning' })],
    [summary({ id: 'rasmussen2004gaussian', paper: 'rasmussen2004gaussian', body: BODY })],
  )

const RUNS = [
  ['show', ['show', 'rasmussen2004gaussian']],
  ['search', ['search', 'kernel']],
] as const
const MODES = [
  { tty: false, color: false },
  { tty: true, color: false },
  { tty: true, color: true },
]

/** What `argv` prints with the cache folder `cacheDir`, with no page kept (so that `show` renders, and converts its math, every time). */
async function output(argv: readonly string[], cacheDir: string, mode: { tty: boolean; color: boolean }): Promise<string> {
  rmSync(pageCachePath(cacheDir), { recursive: true, force: true })
  const ctx = testContext({ ...mode, library: library(), env: { PRECIS_CACHE_DIR: cacheDir } })
  expect(await main([...argv], ctx)).toBe(0)
  expect(ctx.stderr()).toBe('')
  return ctx.stdout()
}

/** A cache folder where no cache can be: a file stands where its folder would be made. */
function noCache(): string {
  const dir = tempDir('precis-no-cache-')
  writeFileSync(join(dir, 'math'), '')
  return dir
}

/** A cache folder whose cache the runs of every command and mode filled. */
async function warmCache(): Promise<string> {
  const dir = tempDir('precis-cache-')
  for (const [, argv] of RUNS) for (const mode of MODES) await output(argv, dir, mode)
  return dir
}

const cacheText = (dir: string) => readFileSync(mathCachePath(dir), 'utf8')
const lineFor = (build: string, json: string) => `${json}\t${checksum(Buffer.from(`${build}\n${json}`))}\n`

describe.each(RUNS)('%s with the math cache', (_, argv) => {
  it.each(MODES)('prints what it prints without one, with the cache empty and warm (%o)', async (mode) => {
    const without = await output(argv, noCache(), mode)
    expect(without).toContain('α ∈ (0, 1)') // math as Unicode: a test that could fail
    const dir = tempDir('precis-cache-')
    expect(await output(argv, dir, mode)).toBe(without)
    const kept = cacheText(dir)
    expect(kept).toContain('α ∈ (0, 1)')
    expect(await output(argv, dir, mode)).toBe(without)
    expect(cacheText(dir)).toBe(kept) // nothing new: not written again
  })

  const damages: [string, (path: string) => void][] = [
    ['cut short', (path) => truncateSync(path, Math.floor(readFileSync(path).length / 2))],
    ['cut to its header', (path) => writeFileSync(path, readFileSync(path, 'utf8').split('\n')[0]!)],
    [
      'with a byte flipped in every line',
      (path) => writeFileSync(path, readFileSync(path, 'utf8').replace(/α/g, 'β').replace(/𝒪/g, 'Ο').replace(/∑/g, 'Σ')),
    ],
    [
      'of another build',
      (path) => writeFileSync(path, readFileSync(path, 'utf8').replace(/^precis math cache 1 \S+/, 'precis math cache 1 other')),
    ],
    ['replaced by garbage', (path) => writeFileSync(path, '\u001b[2J'.repeat(100))],
  ]
  it.each(damages)('prints the same with the cache %s, and repairs it', async (_, damage) => {
    const dir = await warmCache()
    const kept = cacheText(dir)
    damage(mathCachePath(dir))
    for (const mode of MODES) expect(await output(argv, dir, mode)).toBe(await output(argv, noCache(), mode))
    expect(cacheText(dir)).toContain('α ∈ (0, 1)')
    expect(cacheText(dir).split('\n').length).toBeLessThanOrEqual(kept.split('\n').length)
  })

  it('never prints the escapes of a forged cache, checksums and all', async () => {
    const dir = await warmCache()
    const [header, ...lines] = cacheText(dir).split('\n')
    const build = header!.split(' ')[4]!
    // Every formula of the body claimed to be terminal escapes, each line checksummed and laid out as precis would.
    const forged = lines.filter(Boolean).map((line): [string, string] => {
      const [key, , use] = JSON.parse(line.slice(0, line.lastIndexOf('\t'))) as [string, unknown, number]
      return [key, lineFor(build, JSON.stringify([key, '\u001b]8;;http://evil\u0007x\u001b]8;;\u0007\u001b[2J\u202e', use]))]
    })
    writeFileSync(mathCachePath(dir), layOut(build, forged))
    for (const mode of MODES) {
      const shown = await output(argv, dir, mode)
      expect(shown).toBe(await output(argv, noCache(), mode))
      expect(shown).not.toMatch(/\u0007|\u202e|\u001b\]|\u001b\[2J/)
    }
  })
})

describe('the math cache', () => {
  it('lives in the cache folder, beside the index, as math/unicode', async () => {
    const dir = tempDir('precis-cache-')
    await output(['show', 'rasmussen2004gaussian'], dir, MODES[0]!)
    expect(mathCachePath(dir)).toBe(join(dir, 'math', 'unicode'))
    expect(cacheText(dir).split('\n')[0]).toMatch(/^precis math cache 1 sources [\d,]+$/)
  })

  it('serves browse too: the summary it opens reads the same with the cache empty and warm', async () => {
    const browse = async (dir: string) => {
      let asked = 0
      // Typed, so that browse lists it; opened; then Esc.
      const answers = {
        browse: async (q: SearchQuestion<string>) =>
          asked++ === 0 && (await q.source('gaussian')).length > 0 ? 'rasmussen2004gaussian' : null,
      }
      const ctx = testContext({ tty: true, library: library(), env: { PRECIS_CACHE_DIR: dir }, answers })
      expect(await main(['browse'], ctx)).toBe(0)
      return ctx.stdout()
    }
    const without = await browse(noCache())
    expect(without).toContain('α ∈ (0, 1)')
    const dir = tempDir('precis-cache-')
    expect(await browse(dir)).toBe(without)
    expect(cacheText(dir)).toContain('α ∈ (0, 1)')
    expect(await browse(dir)).toBe(without)
  })

  it('is neither read nor written by a show without math', async () => {
    const dir = tempDir('precis-cache-')
    mkdirSync(dirname(mathCachePath(dir)), { recursive: true })
    const ctx = testContext({
      library: libraryOf(
        [paper({ key: 'plain2020text' })],
        [summary({ id: 'plain2020text', paper: 'plain2020text', body: 'No math here.' })],
      ),
      env: { PRECIS_CACHE_DIR: dir },
    })
    expect(await main(['show', 'plain2020text'], ctx)).toBe(0)
    expect(() => readFileSync(mathCachePath(dir))).toThrow(/ENOENT/)
  })
})
