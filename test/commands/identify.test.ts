import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Command } from 'commander'
import { parseIdentifyOptions, registerIdentify } from '../../src/commands/identify/command.js'
import type { IdentifyOptions } from '../../src/commands/identify/run.js'
import { CancelError } from '../../src/core/errors.js'
import { main } from '../../src/main.js'
import { writeLibraryFile } from '../hostile/support/files.js'
import { libraryOf, paper, smallLibrary, summary } from '../support/library.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'
import { IDENTIFY_CASES } from '../unit/identify/identify-fixtures.js'
import { startIdentifyServer, type Outage } from '../unit/identify/identify-server.js'

const page = fileURLToPath(new URL('../fixtures/identify/shortscience-page.txt', import.meta.url))
const outage: Outage = {}
let server: Awaited<ReturnType<typeof startIdentifyServer>>
let cacheDir: string
let library: string

beforeEach(async () => {
  outage.arxiv = outage.crossref = false
  server = await startIdentifyServer(outage)
  cacheDir = tempDir('precis-cache-')
  library = join(tempDir(), 'library.json')
})
afterEach(() => server.close())

function context(options: TestContextOptions = {}) {
  return testContext({ library, ...options, env: { ...server.env(cacheDir), ...options.env } })
}

/** The keys the five papers of the page get, in page order. */
const keys = IDENTIFY_CASES.map((c) => c.untitled)

/** Import the real page into the library. */
async function importPage(): Promise<void> {
  const ctx = context()
  expect(await main(['--json', 'import', page], ctx)).toBe(0)
  expect((await ctx.store.read()).papers.map((p) => p.key).sort()).toEqual([...keys].sort())
}

describe('identify: argv → options', () => {
  it.each([
    [{}, { query: null, pick: null, yes: false }],
    [
      { query: ' neural  message ', pick: '2', yes: true },
      { query: ['neural', 'message'], pick: 2, yes: true },
    ],
  ])('%j', (raw, expected) => {
    expect(parseIdentifyOptions('k', raw)).toEqual({ handle: 'k', ...expected })
  })

  it.each([[{ pick: '0' }], [{ pick: 'first' }], [{ pick: '-1' }], [{ query: '  ' }]])('refuses %j', (raw) => {
    expect(() => parseIdentifyOptions('k', raw)).toThrow(/--pick|--query/)
  })

  it('passes the handle and flags to run', async () => {
    const run = vi.fn(async (_opts: IdentifyOptions) => undefined)
    const program = new Command().exitOverride()
    registerIdentify(program, testContext(), run)
    await program.parseAsync(['identify', 'untitled-1', '--query', 'gaussian process', '--pick', '1', '--yes'], { from: 'user' })
    expect(run.mock.calls[0]![0]).toEqual({ handle: 'untitled-1', query: ['gaussian', 'process'], pick: 1, yes: true })
  })
})

describe('identify without a terminal', () => {
  it('identifies each summary of the real page as its paper, first candidate each time', async () => {
    await importPage()
    const found: string[] = []
    for (const key of keys) {
      const ctx = context()
      expect(await main(['identify', key, '--pick', '1', '--yes'], ctx)).toBe(0)
      found.push(ctx.stdout().trim())
    }
    expect(found).toEqual([
      'gilmer2017neural',
      'neyshabur2020transferred',
      'oh2020discovering',
      'clark2020electra',
      'rasmussen2004gaussian',
    ])
    const lib = await context().store.read()
    expect(lib.summaries.map((s) => s.id).sort()).toEqual([...found].sort())
    expect(lib.papers.find((p) => p.key === 'rasmussen2004gaussian')).toMatchObject({
      title: 'Gaussian Processes in Machine Learning',
      authors: ['Carl Edward Rasmussen'],
      year: 2004,
      doi: '10.1007/978-3-540-28650-9_4',
      venue: 'Lecture Notes in Computer Science',
    })
    expect(lib.papers.find((p) => p.key === 'gilmer2017neural')).toMatchObject({
      arxiv: '1704.01212',
      category: 'cs.LG',
      url: 'https://arxiv.org/abs/1704.01212',
    })
  })

  it('lists the candidates, numbered, and changes nothing', async () => {
    await importPage()
    const key = keys[0]!
    const ctx = context()
    expect(await main(['identify', key], ctx)).toBe(0)
    expect(ctx.stdout()).toMatch(
      /^1\. Neural Message Passing for Quantum Chemistry\n {3}Justin Gilmer, Samuel S\. Schoenholz, Patrick F\. Riley et al\. · 2017\n {3}arXiv:1704\.01212 \(arXiv\)\n\n2\. /,
    )
    expect(ctx.stderr()).toContain('Searching arXiv and Crossref for: message node graph molecule')
    expect(ctx.stderr()).toContain(`To apply one: precis identify ${key} --pick <n> --yes`)
    expect((await ctx.store.read()).papers.map((p) => p.key)).toContain(key)
  })

  it('--json prints the ranked candidates as data', async () => {
    await importPage()
    const ctx = context()
    expect(await main(['--json', 'identify', keys[4]!], ctx)).toBe(0)
    const [first, second] = JSON.parse(ctx.stdout()) as Record<string, unknown>[]
    expect(first).toMatchObject({
      n: 1,
      title: 'Gaussian Processes in Machine Learning',
      doi: '10.1007/978-3-540-28650-9_4',
      services: ['Crossref'],
      authorNamed: true,
    })
    expect(second).toMatchObject({ n: 2, title: 'Gaussian Processes for Machine Learning' })
  })

  it('--pick without --yes is a usage error; so is a number past the list', async () => {
    await importPage()
    const key = keys[0]!
    const ctx = context()
    expect(await main(['identify', key, '--pick', '1'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('pass --yes')
    const past = context()
    expect(await main(['identify', key, '--pick', '99', '--yes'], past)).toBe(2)
    expect(past.stderr()).toMatch(/--pick 99: there are \d+ candidates/)
  })

  it('keys the identified paper by PRECIS_KEY_PATTERN, as add does', async () => {
    await importPage()
    const ctx = context({ env: { PRECIS_KEY_PATTERN: '{Author}_{year}' } })
    expect(await main(['identify', keys[0]!, '--pick', '1', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('Gilmer_2017\n')
  })

  it('takes the paper’s attached files along to its new key', async () => {
    await importPage()
    const pdf = join(tempDir(), 'notes.pdf')
    writeFileSync(pdf, 'p')
    expect(await main(['attach', keys[0]!, pdf], context())).toBe(0)
    expect(await main(['identify', keys[0]!, '--pick', '1', '--yes'], context())).toBe(0)
    expect(readdirSync(join(dirname(library), 'library.files'))).toEqual(['gilmer2017neural'])
    const doctor = context()
    await main(['doctor', '--json'], doctor)
    expect(JSON.parse(doctor.stdout()).findings.filter((f: { kind: string }) => f.kind.endsWith('attachment'))).toEqual([])
  })

  it('joining a paper the library has, its attached files move into that paper’s folder', async () => {
    const lib = smallLibrary()
    lib.papers.push(paper({ key: 'untitled-0a1b2c3d', title: 'Untitled ShortScience summary 0a1b2c3d', authors: [], year: null }))
    lib.summaries.push(summary({ id: 'untitled-0a1b2c3d', paper: 'untitled-0a1b2c3d', body: IDENTIFY_CASES[0]!.summary }))
    writeLibraryFile(library, lib)
    const dir = tempDir()
    writeFileSync(join(dir, 'a.pdf'), 'same')
    writeFileSync(join(dir, 'b.pdf'), 'other')
    expect(await main(['attach', 'gilmer2017neural', join(dir, 'a.pdf')], context())).toBe(0)
    expect(await main(['attach', 'untitled-0a1b2c3d', join(dir, 'a.pdf')], context())).toBe(0)
    mkdirSync(join(dir, 'other'))
    writeFileSync(join(dir, 'other', 'a.pdf'), 'other bytes') // the same name, other bytes
    expect(await main(['attach', 'untitled-0a1b2c3d', join(dir, 'other', 'a.pdf')], context())).toBe(0)
    expect(await main(['attach', 'untitled-0a1b2c3d', join(dir, 'b.pdf')], context())).toBe(0)
    const ctx = context()
    expect(await main(['identify', 'untitled-0a1b2c3d', '--pick', '1', '--yes'], ctx)).toBe(0)
    const files = join(dirname(library), 'library.files')
    expect(readdirSync(files)).toEqual(['gilmer2017neural'])
    expect(readdirSync(join(files, 'gilmer2017neural')).sort()).toEqual(['a-2.pdf', 'a.pdf', 'b.pdf'])
    const gilmer = (await ctx.store.read()).papers.find((p) => p.key === 'gilmer2017neural')!
    expect(gilmer.attachments!.map((a) => (a.kind === 'file' ? a.name : ''))).toEqual(['a.pdf', 'a-2.pdf', 'b.pdf'])
  })

  it('searches the words of --query', async () => {
    await importPage()
    const key = keys[0]!
    const ctx = context()
    expect(await main(['identify', key, '--query', 'ELECTRA pre-training', '--pick', '1', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('clark2020electra\n')
    expect(server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('search_query')).filter(Boolean)).toEqual([
      'all:ELECTRA OR all:pre OR all:training',
    ])
  })

  it("with one service down, shows the other's candidates with a note", async () => {
    await importPage()
    outage.crossref = true
    const ctx = context()
    expect(await main(['identify', keys[0]!, '--pick', '1', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural\n')
    expect(ctx.stderr()).toMatch(
      /Note: Crossref could not be used \(Crossref answered HTTP 503 \(tried 3 times\)[^)]*\); these candidates are from the other service only/,
    )
  })

  it('with both down, says so and exits 1, changing nothing', async () => {
    await importPage()
    const key = keys[0]!
    outage.arxiv = outage.crossref = true
    const ctx = context()
    expect(await main(['identify', key], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('Neither arXiv nor Crossref could be searched')
    expect((await ctx.store.read()).papers.map((p) => p.key)).toContain(key)
  })

  it('uses the cached answers when the services are down later', async () => {
    await importPage()
    const key = keys[0]!
    expect(await main(['identify', key], context())).toBe(0)
    outage.arxiv = outage.crossref = true
    const ctx = context()
    expect(await main(['identify', key, '--pick', '1', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural\n')
    expect(ctx.stderr()).toContain("using arXiv's answer cached on 2026-11-26")
  })

  it('moves the summaries to the paper the library already has, and rewrites citations of the old key as citations of the paper', async () => {
    const lib = smallLibrary()
    lib.papers.push(paper({ key: 'untitled-0a1b2c3d', title: 'Untitled ShortScience summary 0a1b2c3d', authors: [], year: null }))
    lib.summaries.push(
      summary({
        id: 'untitled-0a1b2c3d',
        paper: 'untitled-0a1b2c3d',
        body: `${IDENTIFY_CASES[0]!.summary} See \\cite{untitled-0a1b2c3d}.`,
      }),
    )
    lib.summaries[2]!.body = 'Compare [@untitled-0a1b2c3d].\n'
    writeLibraryFile(library, lib)
    const ctx = context()
    expect(await main(['identify', 'untitled-0a1b2c3d', '--pick', '1', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural\n')
    const after = await ctx.store.read()
    expect(after.papers.map((p) => p.key).sort()).toEqual(['gilmer2017neural', 'rasmussen2004gaussian'])
    expect(after.summaries.find((s) => s.id === 'gilmer2017neural-3')).toMatchObject({
      paper: 'gilmer2017neural',
      body: `${IDENTIFY_CASES[0]!.summary} See \\cite{gilmer2017neural}.`,
    })
    expect(after.summaries.find((s) => s.id === 'rasmussen2004gaussian')!.body).toBe('Compare [@gilmer2017neural].\n')
    expect(ctx.stderr()).toContain('Moved the summaries of untitled-0a1b2c3d to gilmer2017neural')
  })

  it('renames every summary of the paper and the trash with it; --json reports the renames', async () => {
    const body = IDENTIFY_CASES[3]!.summary
    const lib = libraryOf(
      [paper({ key: 'untitled-00c0ffee', title: 'Untitled ShortScience summary 00c0ffee', authors: [], year: null })],
      [
        summary({ id: 'untitled-00c0ffee', paper: 'untitled-00c0ffee', body }),
        summary({ id: 'untitled-00c0ffee-2', paper: 'untitled-00c0ffee', body: 'Second reader. ELECTRA again.' }),
      ],
    )
    lib.trash.push({
      summary: summary({ id: 'untitled-00c0ffee-3', paper: 'untitled-00c0ffee', body: 'Trashed; see @untitled-00c0ffee-2.' }),
      paper: null,
      deleted: '2026-01-01T00:00:00.000Z',
    })
    writeLibraryFile(library, lib)
    const ctx = context()
    expect(await main(['--json', 'identify', 'untitled-00c0ffee', '--pick', '1', '--yes'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual({
      key: 'untitled-00c0ffee',
      newKey: 'clark2020electra',
      merged: false,
      ids: [
        { from: 'untitled-00c0ffee', to: 'clark2020electra' },
        { from: 'untitled-00c0ffee-2', to: 'clark2020electra-2' },
        { from: 'untitled-00c0ffee-3', to: 'clark2020electra-3' },
      ],
      citationsRewritten: ['clark2020electra-3'],
    })
    const after = await ctx.store.read()
    expect(after.summaries.map((s) => [s.id, s.paper])).toEqual([
      ['clark2020electra', 'clark2020electra'],
      ['clark2020electra-2', 'clark2020electra'],
    ])
    expect(after.trash[0]!.summary).toMatchObject({
      id: 'clark2020electra-3',
      paper: 'clark2020electra',
      body: 'Trashed; see @clark2020electra-2.',
    })
    expect(after.papers[0]).toMatchObject({
      key: 'clark2020electra',
      title: 'ELECTRA: Pre-training Text Encoders as Discriminators Rather Than Generators',
      year: 2020,
      arxiv: '2003.10555',
    })
  })

  it('when nothing is found, says so (exit 0), and --pick is exit 3', async () => {
    await importPage()
    const ctx = context()
    expect(await main(['identify', keys[0]!, '--query', 'zzyzx'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toContain('Neither arXiv nor Crossref found a paper for these words.')
    expect(await main(['identify', keys[0]!, '--query', 'zzyzx', '--pick', '1', '--yes'], context())).toBe(3)
  })

  it('an unknown handle is exit 3', async () => {
    writeLibraryFile(library, libraryOf([]))
    expect(await main(['identify', 'nobody'], context())).toBe(3)
  })
})

describe('identify in a terminal', () => {
  it('offers the candidates in a picker, shows the record, and applies after confirmation', async () => {
    await importPage()
    let offered: string[] = []
    const ctx = context({
      tty: true,
      answers: {
        candidate: (q: { choices: { name: string; value: string }[] }) => {
          offered = q.choices.map((c) => c.name)
          return '0'
        },
        confirm: true,
      },
    })
    expect(await main(['identify', keys[3]!], ctx)).toBe(0)
    expect(offered[0]).toMatch(
      /^1\. ELECTRA: Pre-training Text Encoders as Discriminators Rather Than Generators — Kevin Clark, Minh-Thang Luong, Quoc V\. Le et al\. · 2020 — arXiv:2003\.10555 \(arXiv\)$/,
    )
    expect(offered.at(-1)).toBe('None of these')
    expect(ctx.asked).toEqual(['candidate', 'confirm'])
    expect(ctx.stderr()).toContain(`${keys[3]}: ${keys[3]} becomes clark2020electra`)
    expect(ctx.stdout()).toBe('clark2020electra\n')
  })

  it('"None of these" changes nothing and exits 130', async () => {
    await importPage()
    const ctx = context({ tty: true, answers: { candidate: 'none' } })
    expect(await main(['identify', keys[3]!], ctx)).toBe(130)
    expect(ctx.stderr()).toContain('--query')
    expect((await ctx.store.read()).papers.map((p) => p.key).sort()).toEqual([...keys].sort())
  })

  it('"no" to the confirmation changes nothing', async () => {
    await importPage()
    const ctx = context({ tty: true, answers: { candidate: '0', confirm: new CancelError() } })
    expect(await main(['identify', keys[3]!], ctx)).toBe(130)
    expect((await ctx.store.read()).papers.map((p) => p.key).sort()).toEqual([...keys].sort())
  })
})

describe('identify of a paper that records an arXiv id', () => {
  it('takes the paper the id names, without searching', async () => {
    writeLibraryFile(
      library,
      libraryOf(
        [
          paper({
            key: 'untitled-1234abcd',
            title: 'Untitled ShortScience paper 2003.10555',
            authors: [],
            year: null,
            arxiv: '2003.10555',
            url: 'https://www.shortscience.org/paper?bibtexKey=2003.10555',
          }),
        ],
        [summary({ id: 'untitled-1234abcd', paper: 'untitled-1234abcd', body: 'Short.' })],
      ),
    )
    const { fixture } = await import('../unit/sources/fixtures.js')
    const { startServer } = await import('../unit/sources/server.js')
    const arxiv = await startServer(() => ({ body: fixture('arxiv/entry.xml') }))
    try {
      const ctx = context({ env: { PRECIS_ARXIV_URL: `${arxiv.origin}/api/query` } })
      expect(await main(['identify', 'untitled-1234abcd', '--pick', '1', '--yes'], ctx)).toBe(0)
      expect(ctx.stdout()).toBe('ashworth2020pretraining\n')
      expect(arxiv.requests.map((r) => r.url)).toEqual(['/api/query?id_list=2003.10555'])
      expect(ctx.stderr()).not.toContain('Searching')
      const [stored] = (await ctx.store.read()).papers
      expect(stored).toMatchObject({
        key: 'ashworth2020pretraining',
        arxiv: '2003.10555',
        year: 2020,
        url: 'https://arxiv.org/abs/2003.10555',
      })
    } finally {
      await arxiv.close()
    }
  })
})
