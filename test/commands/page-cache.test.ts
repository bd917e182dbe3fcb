// The page cache (store/page-cache.ts) changes how fast show prints a page, never what it prints:
// the same bytes with the cache empty, warm or unusable, in a terminal and into a pipe; an edit, a
// width or a colour setting of its own gets a page of its own.
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Library } from '../../src/core/model.js'
import { pageCachePath } from '../../src/store/page-cache.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir, testContext } from '../support/context.js'

const BODY =
  'Kernel ridge regression with $\\alpha \\in (0, 1)$, **bold**, and [a link](https://example.org/) citing \\cite{vaswani2017attention}.\n'

const library = (body = BODY): Library =>
  libraryOf(
    [
      paper({ key: 'rasmussen2004gaussian', title: 'Gaussian Processes in Machine Learning' }),
      paper({ key: 'vaswani2017attention', title: 'Attention Is All You Need' }),
    ],
    [summary({ id: 'rasmussen2004gaussian', paper: 'rasmussen2004gaussian', body })],
  )

interface Mode {
  tty: boolean
  color: boolean
  columns?: number
}
const MODES: Mode[] = [
  { tty: false, color: false },
  { tty: true, color: false },
  { tty: true, color: true },
  { tty: true, color: true, columns: 50 },
]

async function show(cacheDir: string, mode: Mode, lib = library(), args: string[] = []): Promise<string> {
  const ctx = testContext({ ...mode, library: lib, env: { PRECIS_CACHE_DIR: cacheDir } })
  expect(await main(['--no-pager', 'show', 'rasmussen2004gaussian', ...args], ctx)).toBe(0)
  expect(ctx.stderr()).toBe('')
  return ctx.stdout()
}

/** A cache folder where no page can be kept: a file stands where its folder would be made. */
function noPages(): string {
  const dir = tempDir('precis-no-pages-')
  writeFileSync(pageCachePath(dir), '')
  return dir
}

const pages = (dir: string) => readdirSync(pageCachePath(dir)).length

describe('show with the page cache', () => {
  it.each(MODES)('prints what it prints without one, with the cache empty and warm (%o)', async (mode) => {
    const without = await show(noPages(), mode)
    expect(without).toContain('α ∈') // rendered: a test that could fail
    expect(without).toContain('Attention') // the citation's title
    const dir = tempDir('precis-cache-')
    expect(await show(dir, mode)).toBe(without)
    expect(pages(dir)).toBe(1)
    expect(await show(dir, mode)).toBe(without)
    expect(pages(dir)).toBe(1)
  })

  it('keeps a page of its own for each mode, width and edit, and prints each as without a cache', async () => {
    const dir = tempDir('precis-cache-')
    const seen = new Set<string>()
    for (const mode of MODES) seen.add(await show(dir, mode))
    // Into a pipe and on a terminal without colour the page is the same (same width, no escapes): one page for both.
    expect(seen.size).toBe(MODES.length - 1)
    expect(pages(dir)).toBe(seen.size)
    expect(await show(dir, MODES[2]!, library(), ['--width', '44'])).toBe(await show(noPages(), MODES[2]!, library(), ['--width', '44']))
    expect(pages(dir)).toBe(seen.size + 1)
    const edited = library(BODY.replace('bold', 'strong'))
    const after = await show(dir, MODES[2]!, edited)
    expect(after).toContain('strong')
    expect(after).toBe(await show(noPages(), MODES[2]!, edited))
    expect(pages(dir)).toBe(seen.size + 2)
    // A citation's title comes from the cited paper: renamed, the page is rendered anew.
    const renamed = library()
    renamed.papers[1]!.title = 'Attention Is Not All You Need'
    expect(await show(dir, MODES[2]!, renamed)).toContain('Attention Is Not All You Need')
  })

  it('prints the same when the kept page is damaged, and keeps it again', async () => {
    const dir = tempDir('precis-cache-')
    const mode = MODES[2]!
    const first = await show(dir, mode)
    const [name] = readdirSync(pageCachePath(dir))
    writeFileSync(join(pageCachePath(dir), name!), '\x1b[2J garbage')
    expect(await show(dir, mode)).toBe(first)
    expect(await show(dir, mode)).toBe(first)
  })
})
