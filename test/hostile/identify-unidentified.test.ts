/**
 * Issue 17's reproducers for unidentified papers, run on the built binary: a copied ShortScience
 * page gave keys `anonnduntitled`, `anonnduntitleda`, doctor said "No problems", and nothing could
 * find the real papers. Now the keys say what they are, doctor names them, and `identify` (against
 * local arXiv and Crossref answering as the real ones do) gives each its real key.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { readFileSync } from 'node:fs'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { startServer } from '../unit/sources/server.js'
import { IDENTIFY_CASES } from '../unit/identify/identify-fixtures.js'
import { startIdentifyServer } from '../unit/identify/identify-server.js'
import { precisOn } from './support/precis.js'
import { expectTerminalSafe, HOSTILE } from './support/terminal.js'

const page = fileURLToPath(new URL('../fixtures/identify/shortscience-page.txt', import.meta.url))
let server: Awaited<ReturnType<typeof startIdentifyServer>>
beforeAll(async () => {
  server = await startIdentifyServer()
})
afterAll(() => server.close())

describe('a copied ShortScience page (spawned)', () => {
  it('gets untitled-<hash> keys, is listed by has:no-metadata and named by doctor; identify gives a paper its real key', async () => {
    const library = join(tempDir(), 'library.json')
    const env = server.env(tempDir('precis-cache-'))
    expect((await precisOn(library, ['import', page], { env })).code).toBe(0)
    const keys = parseLibrary(readFileSync(library, 'utf8'), library).papers.map((p) => p.key)
    expect(keys.sort()).toEqual(IDENTIFY_CASES.map((c) => c.untitled).sort())

    const listed = await precisOn(library, ['list', 'has:no-metadata'], { env })
    expect(
      listed.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t')[0])
        .sort(),
    ).toEqual([...keys].sort())

    const doctor = await precisOn(library, ['doctor'], { env })
    expect(doctor.code).toBe(0)
    expect(doctor.stdout).toContain('[to identify] 5 papers have no real metadata yet; precis identify <key> finds each:')

    const rasmussen = IDENTIFY_CASES[4]!
    const identified = await precisOn(library, ['identify', rasmussen.untitled, '--pick', '1', '--yes'], { env })
    expect([identified.code, identified.stdout]).toEqual([0, 'rasmussen2004gaussian\n'])
    expect(identified.stderr).toContain(`Identified ${rasmussen.untitled} as rasmussen2004gaussian: Gaussian Processes in Machine Learning`)
    const after = parseLibrary(readFileSync(library, 'utf8'), library)
    expect(after.summaries.find((s) => s.id === 'rasmussen2004gaussian')).toMatchObject({
      paper: 'rasmussen2004gaussian',
      body: rasmussen.summary,
    })
  })

  it('with both services unreachable, identify says so and exits 1', async () => {
    const library = join(tempDir(), 'library.json')
    const env = {
      PRECIS_ARXIV_URL: 'http://127.0.0.1:9/arxiv',
      PRECIS_CROSSREF_URL: 'http://127.0.0.1:9',
      PRECIS_CACHE_DIR: tempDir('precis-cache-'),
    }
    expect((await precisOn(library, ['import', page], { env })).code).toBe(0)
    const result = await precisOn(library, ['identify', IDENTIFY_CASES[0]!.untitled], { env })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Neither arXiv nor Crossref could be searched')
    expect(result.stderr).toMatch(/arXiv could not be used \(could not reach arXiv/)
    expect(result.stderr).toMatch(/Crossref could not be used \(could not reach Crossref/)
  })
})

/** A library file holding the imported page, and a context on it whose services are at `env`. */
async function pageLibrary(env: Record<string, string>) {
  const library = join(tempDir(), 'library.json')
  const run = async (...args: string[]) => {
    const ctx = testContext({ library, env })
    return { code: await main(args, ctx), out: ctx.stdout() + ctx.stderr() }
  }
  expect((await run('import', page)).code).toBe(0)
  return { library, run }
}

describe('what a service sends is only data', () => {
  it('a Crossref title with terminal escapes and bidi controls is shown inert, and stored clean', async () => {
    const hostile = await startServer((url) =>
      url.pathname === '/crossref/works'
        ? {
            body: JSON.stringify({
              status: 'ok',
              message: {
                items: [
                  {
                    DOI: '10.5555/evil',
                    title: ['Gaussian \u001b]8;;http://x\u0007processes\u202e in practice'],
                    author: [{ given: 'Eve', family: 'Rasmussen' }],
                  },
                ],
              },
            }),
          }
        : { body: '<feed xmlns="http://www.w3.org/2005/Atom"></feed>' },
    )
    try {
      const { library, run } = await pageLibrary({
        PRECIS_ARXIV_URL: `${hostile.origin}/arxiv`,
        PRECIS_CROSSREF_URL: `${hostile.origin}/crossref`,
        PRECIS_CACHE_DIR: tempDir('precis-cache-'),
      })
      const listed = await run('identify', IDENTIFY_CASES[4]!.untitled)
      expect(listed.code).toBe(0)
      expectTerminalSafe(listed.out, 'identify')
      expect(listed.out).toContain('Gaussian')
      expect((await run('identify', IDENTIFY_CASES[4]!.untitled, '--pick', '1', '--yes')).code).toBe(0)
      const stored = parseLibrary(readFileSync(library, 'utf8'), library).papers.find((p) => p.doi === '10.5555/evil')!
      expect(stored.title).not.toMatch(/[\u001b\u0007\u202e]/)
    } finally {
      await hostile.close()
    }
  })
})

describe('identify with hostile arguments', () => {
  it('an unknown handle, a bad --pick and empty --query are refused with their codes, and the terminal stays safe', async () => {
    const { run } = await pageLibrary(server.env(tempDir('precis-cache-')))
    const asked = server.requests.length
    const results = [
      await run('identify', HOSTILE),
      await run('identify', IDENTIFY_CASES[0]!.untitled, '--pick', HOSTILE),
      await run('identify', IDENTIFY_CASES[0]!.untitled, '--query', ' '),
    ]
    expect(results.map((r) => r.code)).toEqual([3, 2, 2])
    for (const result of results) expectTerminalSafe(result.out, 'identify')
    expect(server.requests.length).toBe(asked) // refused before any search
  })
})
