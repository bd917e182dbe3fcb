import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { parseAddOptions } from '../../src/commands/add/command.js'
import type { Library } from '../../src/core/model.js'
import { fixture } from '../unit/sources/fixtures.js'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { identifyReply } from '../unit/identify/identify-server.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'
import { makePdf } from '../support/pdf.js'

let server: TestServer
let cacheDir: string
let library: string

beforeEach(async () => {
  cacheDir = tempDir('precis-cache-')
  library = join(tempDir('precis-lib-'), 'library.json')
  // arXiv's and doi.org's recorded answers for lookups; the identify fixtures for title searches.
  server = await startServer((url) => {
    if (url.pathname === '/api/query') return { body: fixture('arxiv/entry.xml') }
    if (url.pathname.startsWith('/doi')) return { body: fixture('doi/article.json') }
    return identifyReply(url)
  })
})
afterEach(() => server.close())

function context(options: TestContextOptions = {}) {
  return testContext({
    library,
    ...options,
    env: {
      PRECIS_ARXIV_URL: `${server.origin}/api/query`,
      PRECIS_DOI_URL: `${server.origin}/doi`,
      PRECIS_CROSSREF_URL: `${server.origin}/crossref`,
      PRECIS_CACHE_DIR: cacheDir,
      ...options.env,
    },
  })
}

/** A PDF of one page holding `lines`, in a fresh folder, named `name`. */
function pdfWith(lines: string[], name = 'paper.pdf', title?: string): string {
  const file = join(tempDir('precis-pdf-'), name)
  writeFileSync(file, makePdf({ pages: [lines, ['2 Related work', 'See doi:10.9999/not-this-one.']], title }))
  return file
}

const read = () => JSON.parse(readFileSync(library, 'utf8')) as Library
const attachedIn = (key: string) => readdirSync(join(dirname(library), 'library.files', key))

describe('add paper.pdf: argv → options', () => {
  it.each([
    ['paper.pdf', 'paper.pdf'],
    ['~/Downloads/1704.01212v2.PDF', '~/Downloads/1704.01212v2.PDF'],
    ['doi:10.1000/x.pdf', null],
    ['https://arxiv.org/pdf/1704.01212.pdf', null],
    ['1704.01212', null],
  ])('%s → pdf %s', (arg, pdf) => {
    const options = parseAddOptions(arg, {})
    expect(options.pdf).toBe(pdf)
    if (pdf !== null) expect([options.source, options.paperHandle]).toEqual([null, null])
  })
})

describe('add paper.pdf without a terminal', () => {
  it('finds the arXiv stamp, fetches the paper as add <id> does, and attaches the PDF', async () => {
    const file = pdfWith(['Pretraining Text Encoders as Discriminators', 'arXiv:2003.10555v2 [cs.CL] 23 Mar 2020'])
    const ctx = context()
    expect(await main(['add', file, '--body', 'Notes.'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('ashworth2020pretraining\n')
    expect(ctx.stderr()).toContain('Found arXiv:2003.10555v2 in')
    expect(ctx.stderr()).toContain('Attached paper.pdf')
    const [paper] = read().papers
    expect(paper).toMatchObject({ key: 'ashworth2020pretraining', arxiv: '2003.10555' })
    expect(paper!.attachments).toEqual([expect.objectContaining({ kind: 'file', name: 'paper.pdf', size: readFileSync(file).length })])
    expect(attachedIn('ashworth2020pretraining')).toEqual(['paper.pdf'])
    expect(read().summaries.map((s) => s.body)).toEqual(['Notes.'])
  })

  it('finds a DOI on the first page (not the one cited on the second) and adds the paper alone when no summary is given', async () => {
    const file = pdfWith(['Learned Messages for Small Molecules', 'https://doi.org/10.5555/example.2020.17.'], 'messages.pdf')
    const ctx = context()
    expect(await main(['add', file], ctx)).toBe(0)
    expect(read().papers[0]).toMatchObject({ doi: '10.5555/example.2020.17' })
    expect(read().summaries).toEqual([])
    expect(read().papers[0]!.attachments).toHaveLength(1)
    expect(server.requests.some((r) => r.url.includes('not-this-one'))).toBe(false)
  })

  it('refuses a PDF without an identifier unless the flags give the paper; never searches unseen', async () => {
    const file = pdfWith(['Message passing for molecule property prediction', 'Anonymous Authors'])
    const refused = context()
    expect(await main(['add', file], refused)).toBe(2)
    expect(refused.stderr()).toContain('No arXiv id or DOI in the first pages of')
    expect(existsSync(library)).toBe(false)
    expect(server.requests).toEqual([])
    const ctx = context()
    expect(await main(['add', file, '--title', 'Message passing', '--author', 'Ada Lovelace', '--year', '2020'], ctx)).toBe(0)
    expect(read().papers[0]).toMatchObject({ key: 'lovelace2020message', title: 'Message passing' })
    expect(attachedIn('lovelace2020message')).toEqual(['paper.pdf'])
  })

  it('adding the same PDF twice keeps one paper and one attachment', async () => {
    const file = pdfWith(['arXiv:2003.10555'])
    expect(await main(['add', file], context())).toBe(0)
    const again = context()
    expect(await main(['add', file], again)).toBe(0)
    expect(again.stderr()).toContain('already in the library')
    expect(again.stderr()).toContain('Already attached: paper.pdf')
    expect(read().papers).toHaveLength(1)
    expect(read().papers[0]!.attachments).toHaveLength(1)
  })

  it('with --json, stdout is the entry alone and stderr still names the file the paper got', async () => {
    const file = pdfWith(['arXiv:2003.10555'], 'My Paper (v2).pdf')
    const ctx = context()
    expect(await main(['add', file, '--json'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toMatchObject({ key: 'ashworth2020pretraining', newPaper: true })
    expect(ctx.stderr()).toContain('Attached My-Paper-v2.pdf (')
  })

  it('refuses a file that is no PDF, writing nothing', async () => {
    const file = join(tempDir('precis-pdf-'), 'fake.pdf')
    writeFileSync(file, 'not a pdf at all')
    const ctx = context()
    expect(await main(['add', file], ctx)).toBe(4)
    expect(ctx.stderr()).toContain('is not a PDF precis can read')
    expect(existsSync(library)).toBe(false)
  })
})

describe('add paper.pdf in a terminal', () => {
  it('searches for the title of a PDF without an identifier, the person picks, and the editor opens for the summary', async () => {
    const file = pdfWith(['Message passing for molecule property prediction', 'Anonymous Authors'], 'mpnn.pdf')
    const offered: string[] = []
    const ctx = context({
      tty: true,
      answers: {
        candidate: (q: { choices: { name: string; value: string }[] }) => {
          offered.push(...q.choices.map((c) => c.name))
          return q.choices.find((c) => c.name.startsWith('Message Passing Neural Networks — Justin Gilmer'))!.value
        },
        tags: [],
      },
      editor: () => 'My notes on message passing.\n',
    })
    expect(await main(['add', file], ctx), ctx.stderr()).toBe(0)
    expect(ctx.asked).toContain('candidate')
    expect(offered.at(-1)).toBe('None of these: type its fields')
    expect(ctx.edited).toHaveLength(1)
    const [paper] = read().papers
    expect(paper).toMatchObject({ title: 'Message Passing Neural Networks', authors: expect.arrayContaining(['Justin Gilmer']) })
    expect(paper!.attachments).toEqual([expect.objectContaining({ name: 'mpnn.pdf' })])
    expect(read().summaries[0]!.body).toBe('My notes on message passing.\n')
  })

  it('falls back to the prompts when none of the candidates is it', async () => {
    const file = pdfWith(['Message passing for molecule property prediction'], 'mpnn.pdf')
    const ctx = context({
      tty: true,
      answers: { candidate: 'none', title: 'My own title', authors: 'Ada Lovelace', year: '2021', tags: [] },
      editor: () => 'Notes.\n',
    })
    expect(await main(['add', file], ctx)).toBe(0)
    expect(read().papers[0]).toMatchObject({ key: 'lovelace2021my', title: 'My own title' })
    expect(attachedIn('lovelace2021my')).toEqual(['mpnn.pdf'])
  })
})
