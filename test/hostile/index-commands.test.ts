// The reading commands through the index print exactly what they print reading the whole library:
// with the index just built by a save, rebuilt by the read itself, and with none at all.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listRun } from '../../src/commands/list/run.js'
import { showRun } from '../../src/commands/show/run.js'
import { statsRun } from '../../src/commands/stats/run.js'
import { tagsListRun } from '../../src/commands/tags/run.js'
import { completeRun } from '../../src/commands/completion/run.js'
import { queueListRun } from '../../src/commands/queue/run.js'
import { openRun } from '../../src/commands/open/run.js'
import { figuresRun } from '../../src/commands/figures/run.js'
import { trashRun } from '../../src/commands/trash/run.js'
import { searchRun } from '../../src/commands/search/run.js'
import { exportRun, type ExportFormat, type ExportOptions } from '../../src/commands/export/run.js'
import { parseQuery } from '../../src/core/search/query.js'
import { tempDir } from '../support/context.js'
import type { Context } from '../../src/context.js'
import type { Library } from '../../src/core/model.js'
import { libraryOutline } from '../../src/core/records/outline.js'
import { ShowCitations } from '../../src/render/citations.js'
import { testContext } from '../support/context.js'
import { connectedLibrary } from '../unit/connected/fixture.js'
import { indexedStore, indexFileName, indexIsCurrent, libraryWithCache } from './support/index.js'

/** The connected fixture (citations between summaries), with one paper left to summarise and a summary in the trash. */
function library(): Library {
  const lib = connectedLibrary()
  const [trashed] = lib.summaries.splice(lib.summaries.length - 1, 1)
  lib.trash.push({ summary: trashed!, paper: null, deleted: '2025-01-01T00:00:00.000Z' })
  // The reading queue's fields, which the index carries for the queue and show.
  Object.assign(lib.papers[0]!, { state: 'to-read', priority: 2 })
  Object.assign(lib.papers[1]!, { state: 'reading' })
  Object.assign(lib.papers[2]!, { state: 'read' })
  // Abstracts, searched only for a paper without summaries (a rebuild reads those again where they lie).
  lib.papers.forEach((paper, i) => void (paper.abstract = i % 2 === 0 ? `An abstract about zebrafish, number ${i}.` : null))
  return lib
}

/** `export` of what `query` selects as `format`, to stdout; with `files`, into a new folder whose files are then printed. */
function exporting(query: string, format: ExportFormat, files: Partial<ExportOptions> = {}): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const folder = tempDir()
    const options: ExportOptions = {
      query: query === '' ? null : parseQuery(query),
      queryText: query,
      format,
      force: false,
      title: null,
      remoteImages: false,
      withSummaries: true,
      flavor: 'plain',
      out: null,
      bib: null,
      ...files,
    }
    await exportRun(options, { ...ctx, cwd: folder }) // the files named relative to it, as the messages name them
    if (!files.out && !files.bib) return
    for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
      if (statSync(join(folder, name)).isFile()) ctx.io.out(`--- ${name}\n${readFileSync(join(folder, name), 'utf8')}`)
    }
  }
}

/** Each command, run on the library; those whose name says so read the whole library, not the index. */
const COMMANDS: [string, (ctx: Context, lib: Library) => Promise<void>][] = [
  ['list', (ctx) => listRun({ sort: 'added', limit: null, query: '' }, ctx)],
  ['list --sort title --limit 3', (ctx) => listRun({ sort: 'title', limit: 3, query: '' }, ctx)],
  ['list tag:ml', (ctx) => listRun({ sort: 'year', limit: null, query: 'tag:ml' }, ctx)],
  [
    'list -tag:ml year:>=2017 OR id:gilmer',
    (ctx) => listRun({ sort: 'title', limit: null, query: '-tag:ml year:>=2017 OR id:gilmer' }, ctx),
  ],
  ['list graph tag:ml (words: the whole library)', (ctx) => listRun({ sort: 'year', limit: null, query: 'graph tag:ml' }, ctx)],
  ['show <every paper key>', (ctx, lib) => showRun({ handles: lib.papers.map((p) => p.key), raw: false, width: 80, images: null }, ctx)],
  [
    'show <every summary id> --raw',
    (ctx, lib) => showRun({ handles: lib.summaries.map((s) => s.id), raw: true, width: null, images: null }, ctx),
  ],
  ['queue', (ctx) => queueListRun({ limit: null }, ctx)],
  ['list state:to-read', (ctx) => listRun({ sort: 'added', limit: null, query: 'state:to-read' }, ctx)],
  ['tags', (ctx) => tagsListRun({ sort: 'count', flat: false }, ctx)],
  ['tags --flat', (ctx) => tagsListRun({ sort: 'name', flat: true }, ctx)],
  ['stats', (ctx) => statsRun({ top: 5 }, ctx)],
  ['__complete handles', (ctx) => completeRun({ source: 'handles', prefix: '' }, ctx)],
  ['__complete trash', (ctx) => completeRun({ source: 'trash', prefix: '' }, ctx)],
  ['__complete query tag:', (ctx) => completeRun({ source: 'query', prefix: 'tag:' }, ctx)],
  [
    'open --print <every paper key>',
    async (ctx, lib) => {
      for (const paper of lib.papers)
        await openRun({ handle: paper.key, which: 'url', print: true }, ctx).catch((error: Error) => ctx.io.err(`${error.message}\n`))
    },
  ],
  ['trash', (ctx) => trashRun({ empty: false, yes: false }, ctx)],
  ['search zebrafish (words of abstracts)', (ctx) => searchRun({ query: 'zebrafish', limit: 20 }, ctx)],
  ['export tag:ml', exporting('tag:ml', 'md')],
  ['export -tag:ml year:>=2017 --format html', exporting('-tag:ml year:>=2017', 'html')],
  ...(['json', 'bibtex', 'csljson', 'ris'] as const).map((format): [string, (ctx: Context) => Promise<void>] => [
    `export state:read OR tag:ml --format ${format} --with-summaries`,
    exporting('state:read OR tag:ml', format),
  ]),
  ['export id:gilmer --out list.md --bib refs.bib', exporting('id:gilmer', 'md', { out: 'list.md', bib: 'refs.bib' })],
  ['export tag:ml --out notes/ --flavor obsidian', exporting('tag:ml', 'md', { out: 'notes', flavor: 'obsidian' })],
  ['export --format json (everything)', exporting('', 'json')],
  ['export --format bibtex --out refs.bib (everything)', exporting('', 'bibtex', { out: 'refs.bib' })],
  ['export graph (words: the entries the postings name)', exporting('graph', 'md')],
  ['export zebrafish --format json (words of abstracts)', exporting('zebrafish', 'json')],
  ['export -graph tag:ml --format bibtex (a negation: every entry read a part at a time)', exporting('-graph tag:ml', 'bibtex')],
  ['export citationz --out notes/ (a typo)', exporting('citationz', 'md', { out: 'notes' })],
  [
    'figures <every summary id>',
    async (ctx, lib) => {
      for (const summary of lib.summaries) await figuresRun({ handle: summary.id, download: false }, ctx)
    },
  ],
]

/** A terminal, a pipe, and --json. */
const MODES = [
  [true, false],
  [false, false],
  [false, true],
] as const

async function output(
  ctx: Context & { stdout(): string; stderr(): string },
  run: (ctx: Context, lib: Library) => Promise<void>,
): Promise<string> {
  await run(ctx, library())
  return `${ctx.stdout()}\n--- stderr\n${ctx.stderr()}`
}

describe('reading commands through the index', () => {
  it.each(COMMANDS.flatMap(([name, run]) => MODES.map(([tty, json]) => [name, tty, json, run] as const)))(
    '%s (terminal: %s, --json: %s) prints what a whole read prints',
    async (name, tty, json, run) => {
      const { library: path, cache } = libraryWithCache()
      await indexedStore(path, cache).update((lib) => Object.assign(lib, library()))
      const reference = await output(testContext({ library: path, tty, globals: { json } }), run)
      const withIndex = () => ({ ...testContext({ library: path, tty, globals: { json } }), store: indexedStore(path, cache) })
      expect(indexIsCurrent(path, cache)).toBe(true)
      expect(await output(withIndex(), run)).toBe(reference) // from the index a save wrote
      await indexedStore(path, cache).update((lib) => void lib.papers.push({ ...lib.papers[0]!, key: 'zz-extra2020' })) // a paper to summarise
      const changed = await output(testContext({ library: path, tty, globals: { json } }), run)
      writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, 'utf8')))) // by hand: stale, rebuilt by the read
      expect(indexIsCurrent(path, cache)).toBe(false)
      expect(await output(withIndex(), run)).toBe(changed)
      expect(indexIsCurrent(path, cache)).toBe(!name.includes('the whole library'))
    },
  )
})

describe('exports written a part at a time', () => {
  /** More papers than a part holds, their summaries far from them in the file, keys that become the same citation key. */
  function manyPapers(): Library {
    const lib = library()
    for (let i = 0; i < 700; i++) {
      const key = i % 50 === 0 ? `odd key ${i}` : `p${i}x${i % 7}`
      lib.papers.push({ ...lib.papers[i % 3]!, key, title: `Paper ${i}`, tags: i % 3 === 0 ? ['own/tag'] : undefined })
    }
    for (let i = 699; i >= 0; i -= 3) {
      const paper = lib.papers[lib.papers.length - 700 + i]!.key
      lib.summaries.push({
        ...lib.summaries[0]!,
        id: `s${i}`,
        paper,
        tags: [`t${i % 5}`],
        body: `Notes ${i}, citing [@${lib.papers[0]!.key}].`,
      })
      if (i % 9 === 0) lib.summaries.push({ ...lib.summaries[0]!, id: `s${i}-2`, paper, body: `More on ${i}.` })
    }
    return lib
  }

  /** The library written by precis once for every case (an export only reads it), with where its index is. */
  let written: { library: string; cache: string; index: string }
  beforeAll(async () => {
    const { library, cache } = libraryWithCache()
    await indexedStore(library, cache).update((lib) => Object.assign(lib, manyPapers()))
    written = { library, cache, index: indexFileName(library, cache) }
  })
  // A search leaves postings beside the index: each case starts from what the save left, the index alone.
  beforeEach(() => {
    const folder = dirname(written.index)
    for (const name of readdirSync(folder)) if (name !== basename(written.index)) rmSync(join(folder, name), { recursive: true })
  })

  it.each([
    ['json', '', {}],
    ['bibtex', '-tag:t1 OR tag:own/tag', {}],
    ['csljson', '', {}],
    ['ris', '-tag:t2', {}],
    ['md', '', {}],
    ['md', '-tag:t3', { out: 'list.md', bib: 'refs.bib' }],
    ['md', '-tag:t1', { bib: 'refs.json' }],
    ['html', '', { out: 'page.html' }],
    ['md', '', { out: 'notes', bib: 'notes/refs.bib' }],
    ['md', '-tag:t4', { out: 'vault', flavor: 'obsidian' }],
    ['md', 'notes', {}],
    ['json', '"more on"', {}],
    ['bibtex', 'title:paper -more', {}],
    ['md', '-notes', { out: 'notes' }],
    ['ris', 'citng OR more', {}],
  ] as const)('export --format %s %s %j gives what a whole read gives', async (format, query, files) => {
    const { library: path, cache } = written
    const run = exporting(query, format, files)
    const reference = await output(testContext({ library: path, tty: false }), run)
    if (query === '' || query.startsWith('-tag')) expect(reference.match(/Paper \d+/g)!.length).toBeGreaterThan(300) // more than a part
    expect(await output({ ...testContext({ library: path, tty: false }), store: indexedStore(path, cache) }, run)).toBe(reference)
    expect(indexIsCurrent(path, cache)).toBe(true)
  })
})

describe('show through the index, for records resolveHandle treats apart', () => {
  it.each([
    ['a summary whose paper is missing (a stand-in paper)', 'orphan2020', '(missing paper orphan2020)'],
    ['a paper without summaries', 'lonely2020', 'A Lonely Paper'],
    ['a prefix reaching one paper', 'lone', 'A Lonely Paper'],
  ])('%s prints what a whole read prints', async (_, handle, shown) => {
    const { library: path, cache } = libraryWithCache()
    const lib = library()
    lib.papers.push({ ...lib.papers[0]!, key: 'lonely2020', title: 'A Lonely Paper' })
    lib.summaries.push({ ...lib.summaries[0]!, id: 'orphan2020', paper: 'orphan2020' })
    writeFileSync(path, JSON.stringify(lib)) // by hand: the write gate would refuse the orphan
    const run = (ctx: Context) => showRun({ handles: [handle], raw: false, width: 80, images: null }, ctx)
    const reference = await output(testContext({ library: path, tty: false }), run)
    expect(reference).toContain(shown)
    for (let read = 0; read < 2; read++) {
      expect(await output({ ...testContext({ library: path, tty: false }), store: indexedStore(path, cache) }, run)).toBe(reference)
      expect(indexIsCurrent(path, cache)).toBe(true) // the second read is from the index the first built
    }
  })
})

describe('"Cited by" from an outline', () => {
  it('lists what backlinks finds reading every body', () => {
    const lib = library()
    const options = { width: 80, color: false, hyperlinks: false }
    const keys = lib.papers.map((p) => p.key)
    const fromBodies = new ShowCitations(lib, keys, options)
    const fromOutline = new ShowCitations(libraryOutline(lib), keys, options)
    const citedBy = (show: ShowCitations) => lib.papers.map((p) => show.citedBy(p))
    expect(citedBy(fromOutline)).toEqual(citedBy(fromBodies))
    expect(citedBy(fromBodies).filter((text) => text !== '').length).toBeGreaterThan(1)
  })
})

describe('the orders and statistics the index keeps', () => {
  /** Records that sort apart only by the collation: equal dates and years, case, accents, punctuation, offsets. */
  function awkwardLibrary(): Library {
    const lib = library()
    const titles = ['Élan vital', 'elan Vital', 'Zebra', 'zebra', '_under', '10 things', '2 things', 'a-b', 'ab', 'Äpfel']
    const ids = ['Alpha2020x', 'alpha2020x-2', 'b_c2020', 'b-c2020', 'b.c2020', 'B2020c', 'z9', 'z10', 'a:b2020', 'ab2020']
    const times = ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00+01:00', '2024-01-01T00:00:00Z']
    ids.forEach((id, i) => {
      lib.papers.push({ ...lib.papers[0]!, key: id, title: titles[i]!, year: 2000 + (i % 3), added: times[i % times.length]! })
      if (i % 3 !== 0) lib.summaries.push({ ...lib.summaries[0]!, id, paper: id, created: times[(i + 1) % times.length]! })
    })
    return lib
  }

  it.each([['added'], ['year'], ['title']] as const)('list --sort %s gives what a whole read gives', async (sort) => {
    const { library: path, cache } = libraryWithCache()
    writeFileSync(path, JSON.stringify(awkwardLibrary()))
    const run = (ctx: Context) => listRun({ sort, limit: null, query: '' }, ctx)
    const reference = await output(testContext({ library: path, tty: false }), run)
    for (let read = 0; read < 2; read++) {
      expect(await output({ ...testContext({ library: path, tty: false }), store: indexedStore(path, cache) }, run)).toBe(reference)
      expect(indexIsCurrent(path, cache)).toBe(true)
    }
  })

  it.each([[1], [100], [101], [1000]])('stats --top %d gives what a whole read gives (past the rows kept, computed)', async (top) => {
    const { library: path, cache } = libraryWithCache()
    writeFileSync(path, JSON.stringify(awkwardLibrary()))
    const run = (ctx: Context) => statsRun({ top }, ctx)
    const reference = await output(testContext({ library: path, tty: false, globals: { json: true } }), run)
    for (let read = 0; read < 2; read++)
      expect(
        await output({ ...testContext({ library: path, tty: false, globals: { json: true } }), store: indexedStore(path, cache) }, run),
      ).toBe(reference)
  })
})
