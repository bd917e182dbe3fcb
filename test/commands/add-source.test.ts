import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CancelError } from '../../src/core/errors.js'
import { main } from '../../src/main.js'
import type { Question } from '../../src/terminal/prompts.js'
import { fixture } from '../unit/sources/fixtures.js'
import { closedOrigin, startServer, type Reply, type TestServer } from '../unit/sources/server.js'
import { libraryOf, paper } from '../support/library.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'

let server: TestServer
let reply: (url: URL) => Reply
let cacheDir: string

beforeEach(async () => {
  cacheDir = tempDir('precis-cache-')
  reply = (url) => (url.pathname === '/api/query' ? { body: fixture('arxiv/entry.xml') } : { body: fixture('doi/article.json') })
  server = await startServer((url) => reply(url))
})
afterEach(() => server.close())

/** A test context whose metadata services are the local server. */
function context(options: TestContextOptions = {}) {
  return testContext({
    ...options,
    env: {
      PRECIS_ARXIV_URL: `${server.origin}/api/query`,
      PRECIS_DOI_URL: `${server.origin}/doi`,
      PRECIS_CACHE_DIR: cacheDir,
      ...options.env,
    },
  })
}

/** Answers in turn for a question asked more than once. */
function inTurn(...answers: unknown[]) {
  let n = 0
  return (_q: Question) => answers[Math.min(n++, answers.length - 1)]
}

const TITLE = 'Pretraining Text Encoders as Discriminators: Replaced Token Detection for Sample-Efficient Learning'

describe('add <source> without a terminal', () => {
  it('fills the paper from arXiv and prints only the id', async () => {
    const ctx = context()
    expect(await main(['add', 'arXiv:2003.10555v2', '--body', 'Notes.'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('ashworth2020pretraining\n')
    expect(ctx.asked).toEqual([])
    const lib = await ctx.store.read()
    expect(lib.papers).toEqual([
      {
        key: 'ashworth2020pretraining',
        title: TITLE,
        authors: ['Kim Ashworth', 'Jan van der Berg', 'Zoë Ångström'],
        year: 2020,
        venue: 'Proceedings of the Example Conference on Learning (2020)',
        arxiv: '2003.10555',
        category: 'cs.CL',
        doi: '10.5555/example.2020.17',
        url: 'https://arxiv.org/abs/2003.10555',
        abstract: expect.stringMatching(/^Masked language models corrupt/),
        added: '2026-11-26T12:00:00.000Z',
      },
    ])
    expect(server.requests.map((r) => r.url)).toEqual(['/api/query?id_list=2003.10555v2'])
  })

  it('fills the paper from a DOI', async () => {
    const ctx = context()
    expect(await main(['add', 'https://doi.org/10.5555/Example.2020.17', '--body', 'Notes.'], ctx)).toBe(0)
    const [stored] = (await ctx.store.read()).papers
    expect(stored).toMatchObject({
      key: 'ashworth2020learned',
      venue: 'Journal of Worked Examples',
      doi: '10.5555/example.2020.17',
      arxiv: null,
    })
  })

  it('lets flags override the metadata', async () => {
    const ctx = context()
    expect(await main(['add', '2003.10555', '--title', 'ELECTRA', '--year', '2019', '--venue', 'Workshop', '--body', 'x'], ctx)).toBe(0)
    expect((await ctx.store.read()).papers[0]).toMatchObject({
      key: 'ashworth2019electra',
      title: 'ELECTRA',
      year: 2019,
      venue: 'Workshop',
      authors: ['Kim Ashworth', 'Jan van der Berg', 'Zoë Ångström'],
    })
  })

  it('stores hostile metadata cleaned', async () => {
    reply = () => ({ body: fixture('doi/hostile.json') })
    const ctx = context()
    expect(await main(['add', '10.5555/evil', '--body', 'x'], ctx)).toBe(0)
    const [stored] = (await ctx.store.read()).papers
    expect(stored?.title).toBe('Evil[2J]8;;https://attacker.examplelink]8;; txt.exe title')
    expect(stored?.url).toBe('https://doi.org/10.5555/evil')
    expect(JSON.stringify(stored)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
  })

  it('an unknown id is exit 3 and saves nothing', async () => {
    reply = () => ({ body: fixture('arxiv/error.xml') })
    const ctx = context()
    expect(await main(['add', '2003.10555', '--body', 'x'], ctx)).toBe(3)
    expect(ctx.stderr()).toContain('arXiv has no paper 2003.10555')
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('unreachable: exit 1 with the reason and how to go on without metadata', async () => {
    const ctx = context({ env: { PRECIS_ARXIV_URL: `${await closedOrigin()}/api/query` } })
    expect(await main(['add', '2003.10555', '--body', 'x'], ctx)).toBe(1)
    expect(ctx.stderr()).toBe(
      'precis: No metadata for arXiv:2003.10555: could not reach arXiv (connection refused)\n' +
        'To add it without metadata, pass --title and --author (and --year).\n',
    )
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('unreachable but the flags suffice: says so and saves from the flags', async () => {
    const ctx = context({ env: { PRECIS_ARXIV_URL: `${await closedOrigin()}/api/query` } })
    expect(await main(['add', '2003.10555', '--title', 'ELECTRA', '--author', 'Kim Ashworth', '--body', 'x'], ctx)).toBe(0)
    expect(ctx.stderr()).toContain('No metadata for arXiv:2003.10555: could not reach arXiv (connection refused)')
    expect((await ctx.store.read()).papers[0]).toMatchObject({ key: 'ashworthndelectra', arxiv: '2003.10555', year: null })
  })

  it('--offline uses the cache filled by an earlier add, and never the network', async () => {
    await main(['add', '2003.10555', '--body', 'x'], context())
    const before = server.requests.length
    const ctx = context()
    expect(await main(['add', 'https://arxiv.org/abs/2003.10555', '--offline', '--body', 'again'], ctx)).toBe(0)
    expect((await ctx.store.read()).papers[0]?.title).toBe(TITLE)
    expect(server.requests.length).toBe(before)
  })

  it('--offline with nothing cached names the problem', async () => {
    const ctx = context()
    expect(await main(['add', '10.5555/nothing', '--offline', '--body', 'x'], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('DOI 10.5555/nothing is not in the metadata cache, and --offline keeps precis off the network')
    expect(server.requests).toEqual([])
  })
})

describe('add <source> in a terminal', () => {
  it('shows the record and saves it when accepted', async () => {
    const ctx = context({ tty: true, answers: { preview: 'save', tags: 'nlp' }, editor: (t) => t + 'Notes.\n' })
    expect(await main(['add', '2003.10555'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['preview', 'tags'])
    expect(ctx.stderr()).toContain(
      'From arXiv:2003.10555:\n' +
        `  title    ${TITLE}\n` +
        '  authors  Kim Ashworth; Jan van der Berg; Zoë Ångström\n' +
        '  year     2020\n' +
        '  venue    Proceedings of the Example Conference on Learning (2020)\n' +
        '  arXiv    2003.10555\n' +
        '  DOI      10.5555/example.2020.17\n' +
        '  URL      https://arxiv.org/abs/2003.10555\n' +
        '  abstract Masked language models',
    )
    expect((await ctx.store.read()).papers[0]?.key).toBe('ashworth2020pretraining')
  })

  it('lets the person edit the fields, shows the result again, then saves', async () => {
    const ctx = context({
      tty: true,
      answers: {
        preview: inTurn('edit', 'save'),
        'edit-title': 'ELECTRA: Pre-training Text Encoders',
        'edit-authors': 'Kim Ashworth; Jan van der Berg',
        'edit-year': '2020',
        'edit-venue': 'ICLR 2020',
        tags: '',
      },
      editor: (t) => t + 'Notes.\n',
    })
    expect(await main(['add', '2003.10555'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['preview', 'edit-title', 'edit-authors', 'edit-year', 'edit-venue', 'preview', 'tags'])
    expect(ctx.stderr()).toContain('  venue    ICLR 2020\n')
    expect((await ctx.store.read()).papers[0]).toMatchObject({
      key: 'ashworth2020electra',
      title: 'ELECTRA: Pre-training Text Encoders',
      authors: ['Kim Ashworth', 'Jan van der Berg'],
      venue: 'ICLR 2020',
      arxiv: '2003.10555',
    })
  })

  it('cancel saves nothing (exit 130)', async () => {
    const ctx = context({ tty: true, answers: { preview: 'cancel' } })
    expect(await main(['add', '2003.10555'], ctx)).toBe(130)
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('Ctrl-C at the preview saves nothing (exit 130)', async () => {
    const ctx = context({ tty: true, answers: { preview: new CancelError() } })
    expect(await main(['add', '2003.10555'], ctx)).toBe(130)
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('--yes skips the preview', async () => {
    const ctx = context({ tty: true, answers: { tags: '' }, editor: (t) => t + 'Notes.\n' })
    expect(await main(['add', '2003.10555', '--yes'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['tags'])
  })

  it('shows hostile metadata escaped in the preview', async () => {
    reply = () => ({ body: fixture('doi/hostile.json') })
    const ctx = context({ tty: true, answers: { preview: 'cancel' }, env: {} })
    await main(['add', '10.5555/evil', '--title', 'Flag \u009b31mtitle'], ctx)
    expect(ctx.stderr()).toContain('  title    Flag \\u009B31mtitle\n')
  })

  it('unreachable: says so, then asks for the fields', async () => {
    const ctx = context({
      tty: true,
      env: { PRECIS_DOI_URL: await closedOrigin() },
      answers: { title: 'Learned Messages', authors: 'Kim Ashworth', year: '2020', tags: '' },
      editor: (t) => t + 'Notes.\n',
    })
    expect(await main(['add', '10.5555/example.2020.17'], ctx)).toBe(0)
    expect(ctx.stderr()).toContain('No metadata for DOI 10.5555/example.2020.17: could not reach doi.org (connection refused)')
    expect(ctx.asked).toEqual(['title', 'authors', 'year', 'tags'])
    expect((await ctx.store.read()).papers[0]).toMatchObject({ key: 'ashworth2020learned', doi: '10.5555/example.2020.17' })
  })
})

describe('add <source> for a paper the library has', () => {
  it('attaches to the paper with that id without asking the network', async () => {
    const ctx = context({ library: libraryOf([paper({ key: 'ashworth2020pretraining', arxiv: '2003.10555' })]) })
    expect(await main(['add', 'arXiv:2003.10555v1', '--body', 'Second view.'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('ashworth2020pretraining\n')
    expect(server.requests).toEqual([])
  })

  it('an arXiv preprint whose DOI the library has joins that paper and lends it the arXiv id', async () => {
    const published = paper({
      key: 'ashworth2020learned',
      title: 'Pretraining text encoders as discriminators (journal version)',
      doi: '10.5555/EXAMPLE.2020.17',
    })
    const ctx = context({ library: libraryOf([published]) })
    expect(await main(['add', '2003.10555', '--body', 'Preprint notes.'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('ashworth2020learned\n')
    expect(ctx.stderr()).toContain('Added summary ashworth2020learned to the existing paper')
    expect(ctx.stderr()).toContain('ashworth2020learned now also records arXiv:2003.10555')
    const lib = await ctx.store.read()
    expect(lib.papers).toHaveLength(1)
    expect(lib.papers[0]).toMatchObject({
      arxiv: '2003.10555',
      doi: '10.5555/EXAMPLE.2020.17',
      title: 'Pretraining text encoders as discriminators (journal version)',
    })
  })

  it('a published version of a preprint in the library (same title, a year later) becomes one paper', async () => {
    const preprint = paper({ key: 'ashworth2019learned', title: 'Learned messages for small molecules', year: 2019, arxiv: '1905.00001' })
    const ctx = context({ tty: true, library: libraryOf([preprint]), answers: { tags: '' }, editor: (t) => t + 'Journal version.\n' })
    expect(await main(['add', '10.5555/example.2020.17'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['tags'])
    expect(ctx.stdout()).toBe('ashworth2019learned\n')
    const lib = await ctx.store.read()
    expect(lib.papers).toEqual([{ ...preprint, doi: '10.5555/example.2020.17' }])
    expect(lib.summaries.map((s) => s.paper)).toEqual(['ashworth2019learned'])
  })
})
