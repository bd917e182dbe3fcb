/**
 * Every command that changes the library, with someone else changing it between the command's read
 * and its locked update (MeddlingStore): the command's change is applied to the records as they are
 * then, field by field, and a field changed on both sides is refused with the person's input kept.
 */
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { BusyError } from '../../src/core/errors.js'
import type { Library, Summary } from '../../src/core/model.js'
import { fixture } from '../unit/sources/fixtures.js'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { tempDir, type TestContextOptions } from '../support/context.js'
import { libraryOf, paper, smallLibrary, summary } from '../support/library.js'
import { meddledContext } from '../support/meddling-store.js'

const ID = 'gilmer2017neural'
const summaryIn = (lib: Library, id = ID): Summary => lib.summaries.find((s) => s.id === id)!
const paperIn = (lib: Library, key = ID) => lib.papers.find((p) => p.key === key)!

const addTag =
  (tag: string, id = ID) =>
  (lib: Library) =>
    void summaryIn(lib, id).tags.push(tag)
const setBody =
  (body: string, id = ID) =>
  (lib: Library) =>
    void (summaryIn(lib, id).body = body)
const setTitle =
  (title: string, key = ID) =>
  (lib: Library) =>
    void (paperIn(lib, key).title = title)

function context(meddle: (lib: Library) => void, options: TestContextOptions = {}) {
  return meddledContext({ library: smallLibrary(), env: { HOME: tempDir('precis-home-') }, ...options }, meddle)
}

/** The file named by "Your text is kept at ...", read. */
function keptText(stderr: string): string {
  const path = /Your text is kept at (.+\.md)/.exec(stderr)?.[1]
  expect(path, stderr).toBeDefined()
  return readFileSync(path!, 'utf8')
}

describe('edit with field flags', () => {
  it('issue 16: edit --file - keeps a tag added while it read standard input', async () => {
    const ctx = context(addTag('important'), { stdin: 'new body\n' })
    expect(await main(['edit', ID, '--file', '-'], ctx)).toBe(0)
    expect(ctx.store.meddled).toBe(1)
    expect(summaryIn(await ctx.store.read())).toMatchObject({ body: 'new body\n', tags: ['gnn', 'chemistry', 'important'] })
  })

  it('--title keeps a body and tags changed meanwhile', async () => {
    const ctx = context((lib) => (setBody('theirs\n')(lib), addTag('theirs')(lib)))
    expect(await main(['edit', ID, '--title', 'Mine'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(paperIn(lib).title).toBe('Mine')
    expect(summaryIn(lib)).toMatchObject({ body: 'theirs\n', tags: ['gnn', 'chemistry', 'theirs'] })
  })

  it('--tag and --untag combine with tags changed meanwhile', async () => {
    const ctx = context((lib) => void (summaryIn(lib).tags = ['gnn', 'theirs']))
    expect(await main(['edit', ID, '--tag', 'mine', '--untag', 'gnn'], ctx)).toBe(0)
    expect(summaryIn(await ctx.store.read()).tags).toEqual(['theirs', 'mine'])
  })

  it('a body changed on both sides is refused (exit 1), the library keeps theirs, the text read from stdin is kept', async () => {
    const ctx = context(setBody('theirs\n'), { stdin: 'mine\n' })
    expect(await main(['edit', ID, '--file', '-', '--by', 'Me'], ctx)).toBe(1)
    expect(ctx.stderr()).toContain(`precis: "${ID}" was changed by someone else while you were editing (body); your edit was not applied\n`)
    expect(keptText(ctx.stderr())).toBe('mine\n')
    expect(summaryIn(await ctx.store.read())).toMatchObject({ body: 'theirs\n', by: 'Reader' })
  })

  it('a title changed on both sides is refused and nothing of the edit is applied', async () => {
    const ctx = context(setTitle('Theirs'))
    expect(await main(['edit', ID, '--title', 'Mine', '--tag', 'mine'], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('(title); your edit was not applied')
    const lib = await ctx.store.read()
    expect(paperIn(lib).title).toBe('Theirs')
    expect(summaryIn(lib).tags).toEqual(['gnn', 'chemistry'])
  })
})

describe('edit in the editor', () => {
  const editor = (text: string) => text.replace(/^title: .*$/m, 'title: Mine').replace('  - gnn\n', '  - gnn\n  - mine\n')

  it('keeps a body and a tag changed while the editor was open, and applies the fields edited', async () => {
    const ctx = context((lib) => (setBody('theirs\n')(lib), addTag('theirs')(lib)), { tty: true, editor })
    expect(await main(['edit', ID], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(paperIn(lib).title).toBe('Mine')
    expect(summaryIn(lib)).toMatchObject({ body: 'theirs\n', tags: ['gnn', 'chemistry', 'theirs', 'mine'] })
  })

  it('a field edited on both sides is refused, with the whole edited document kept', async () => {
    const ctx = context(setTitle('Theirs'), { tty: true, editor })
    expect(await main(['edit', ID], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('(title); your edit was not applied')
    expect(keptText(ctx.stderr())).toBe(editor(ctx.edited[0]!))
    expect(paperIn(await ctx.store.read()).title).toBe('Theirs')
  })
})

describe('tag', () => {
  it('adds its tag to the summary as it is now: a body edited meanwhile stays', async () => {
    const ctx = context(setBody('theirs\n'))
    expect(await main(['tag', ID, '+important'], ctx)).toBe(0)
    expect(summaryIn(await ctx.store.read())).toMatchObject({ body: 'theirs\n', tags: ['gnn', 'chemistry', 'important'] })
  })

  it('--query changes the summaries it planned, each as it is now', async () => {
    const ctx = context((lib) => (addTag('theirs')(lib), addTag('theirs', 'rasmussen2004gaussian')(lib)))
    expect(await main(['tag', '--query', 'tag:gnn', '--yes', '+mine', '-chemistry'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(summaryIn(lib).tags).toEqual(['gnn', 'theirs', 'mine'])
    expect(summaryIn(lib, 'rasmussen2004gaussian').tags).toEqual(['bayesian', 'theirs'])
  })
})

describe('tags rename and tags rm', () => {
  it('rename works on the tags as they are inside the lock, a tag given meanwhile included', async () => {
    const ctx = context((lib) => (addTag('gnn', 'rasmussen2004gaussian')(lib), setBody('theirs\n')(lib)))
    expect(await main(['tags', 'rename', 'gnn', 'graph'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(summaryIn(lib)).toMatchObject({ tags: ['graph', 'chemistry'], body: 'theirs\n' })
    expect(summaryIn(lib, 'rasmussen2004gaussian').tags).toEqual(['bayesian', 'graph'])
  })

  it('rm keeps a body edited meanwhile', async () => {
    const ctx = context(setBody('theirs\n'))
    expect(await main(['tags', 'rm', 'chemistry', '--yes'], ctx)).toBe(0)
    expect(summaryIn(await ctx.store.read())).toMatchObject({ tags: ['gnn'], body: 'theirs\n' })
  })
})

describe('rm, restore and trash --empty', () => {
  it('rm trashes the summary as it is now: a body edited meanwhile is what restore brings back', async () => {
    const ctx = context(setBody('theirs\n'))
    expect(await main(['rm', ID, '--yes'], ctx)).toBe(0)
    expect(await main(['restore', ID], ctx)).toBe(0)
    expect(summaryIn(await ctx.store.read()).body).toBe('theirs\n')
  })

  it('trash --empty deletes what was confirmed; a summary trashed meanwhile stays restorable', async () => {
    const lib = smallLibrary()
    const [trashed] = lib.summaries.splice(1, 1)
    lib.trash.push({ summary: trashed!, paper: null, deleted: '2026-11-01T00:00:00.000Z' })
    const ctx = meddledContext({ library: lib }, (l) => {
      const [gone] = l.summaries.splice(0, 1)
      l.trash.push({ summary: gone!, paper: null, deleted: '2026-11-26T11:00:00.000Z' })
    })
    expect(await main(['trash', '--empty', '--yes'], ctx)).toBe(0)
    expect(ctx.stderr()).toBe(
      'Deleted 1 summary for good\nKept 1 summary trashed since you confirmed (run precis trash --empty again to delete it)\n',
    )
    expect((await ctx.store.read()).trash.map((e) => e.summary?.id)).toEqual([ID])
  })
})

describe('add', () => {
  it('attaches to the paper it found even when that paper was retitled meanwhile (no duplicate paper)', async () => {
    const known = paper({ key: 'lovelace1843notes', title: 'Notes on the Engine', authors: ['Ada Lovelace'], year: 1843 })
    const ctx = meddledContext(
      { library: libraryOf([known], [summary({ id: known.key, paper: known.key })]) },
      setTitle('Notes on the Analytical Engine', known.key),
    )
    expect(await main(['add', '--title', 'Notes on the Engine', '--author', 'Ada Lovelace', '--year', '1843', '--body', 'b'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(lib.papers.map((p) => [p.key, p.title])).toEqual([['lovelace1843notes', 'Notes on the Analytical Engine']])
    expect(lib.summaries.map((s) => s.id)).toEqual(['lovelace1843notes', 'lovelace1843notes-2'])
  })
})

describe('add <source>', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer(() => ({ body: fixture('arxiv/entry.xml') }))
  })
  afterEach(() => server.close())

  it('attaches to the paper the DOI named even when its DOI and title were corrected while metadata was fetched', async () => {
    const published = paper({
      key: 'ashworth2020learned',
      title: 'Pretraining Text Encoders as Discriminators',
      doi: '10.5555/example.2020.17',
    })
    const ctx = meddledContext(
      {
        library: libraryOf([published]),
        env: { PRECIS_ARXIV_URL: `${server.origin}/api/query`, PRECIS_CACHE_DIR: tempDir('precis-cache-') },
      },
      (lib) =>
        void Object.assign(paperIn(lib, published.key), {
          title: 'Pretraining Text Encoders as Discriminators, Corrected',
          doi: '10.5555/example.2020.18',
        }),
    )
    expect(await main(['add', '2003.10555', '--body', 'Preprint notes.'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(lib.papers).toEqual([
      {
        ...published,
        title: 'Pretraining Text Encoders as Discriminators, Corrected',
        doi: '10.5555/example.2020.18',
        arxiv: '2003.10555',
      },
    ])
    expect(lib.summaries.map((s) => s.id)).toEqual(['ashworth2020learned'])
  })
})

describe('text that cannot be saved is kept', () => {
  const busy = () => {
    throw new BusyError('Library busy: locked by another precis')
  }

  it.each([
    ['add --file -', ['add', '--title', 'A Paper', '--author', 'Ann Author', '--year', '2020', '--file', '-']],
    ['edit --file -', ['edit', ID, '--file', '-']],
  ])('%s: a library that stays busy (exit 5) keeps the text read from standard input', async (_name, args) => {
    const ctx = context(busy, { stdin: 'Written with care.\n' })
    expect(await main(args, ctx)).toBe(5)
    expect(keptText(ctx.stderr())).toBe('Written with care.\n')
    expect(await ctx.store.read()).toEqual(smallLibrary())
  })

  it('text given with --body is on the command line still: not copied', async () => {
    const ctx = context(busy)
    expect(await main(['edit', ID, '--body', 'Typed in the shell.'], ctx)).toBe(5)
    expect(ctx.stderr()).not.toContain('kept')
  })

  it('text that cannot be kept either (no room, no folder) does not hide why nothing was saved', async () => {
    const ctx = context(busy, { stdin: 'Written with care.\n', env: { HOME: '/dev/null' } })
    expect(await main(['add', '--title', 'A Paper', '--author', 'Ann Author', '--file', '-'], ctx)).toBe(5)
    expect(ctx.stderr()).toBe(
      'precis: Library busy: locked by another precis\nYour text could not be kept in /dev/null/.local/share/precis/recovered either\n',
    )
  })
})

describe('import and doctor --fix', () => {
  it('import merges into the library as it is now: a body edited meanwhile stays', async () => {
    const note = '---\ntitle: Imported Paper\nauthors: [Ann Importer]\nyear: 2021\n---\nimported\n'
    const ctx = context(setBody('theirs\n'), { stdin: note })
    expect(await main(['import', '-', '--format', 'md'], ctx), ctx.stderr()).toBe(0)
    const lib = await ctx.store.read()
    expect(summaryIn(lib).body).toBe('theirs\n')
    expect(lib.papers.map((p) => p.title)).toContain('Imported Paper')
  })

  it('doctor --fix repairs the library as it is now: a body edited meanwhile stays', async () => {
    // A second record of the Gaussian-process paper (same DOI): a repair doctor --fix makes in a library that reads.
    const lib = smallLibrary()
    lib.papers.push({ ...lib.papers[1]!, key: 'rasmussen2004gaussiana' })
    lib.summaries.push({ ...summaryIn(lib, 'rasmussen2004gaussian'), id: 'rasmussen2004gaussiana', paper: 'rasmussen2004gaussiana' })
    const ctx = meddledContext({ library: lib }, setBody('theirs\n'))
    await main(['doctor', '--fix'], ctx)
    expect(ctx.store.meddled).toBe(1)
    const after = await ctx.store.read()
    expect(after.papers.map((p) => p.key)).not.toContain('rasmussen2004gaussiana') // the repair was made
    expect(summaryIn(after).body).toBe('theirs\n')
  })
})

describe('refresh', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer(() => ({ body: fixture('arxiv/old-style.xml') }))
  })
  afterEach(() => server.close())

  const stale = paper({
    key: 'cruz2005count',
    title: 'On the count of lattice  points',
    authors: ['S. de la Cruz'],
    year: 2005,
    arxiv: 'math/0501234',
    venue: 'My notes',
  })
  const refreshContext = (meddle: (lib: Library) => void) =>
    meddledContext(
      {
        library: libraryOf([stale], [summary({ id: stale.key, paper: stale.key })]),
        env: { PRECIS_ARXIV_URL: `${server.origin}/api/query`, PRECIS_CACHE_DIR: tempDir('precis-cache-') },
      },
      meddle,
    )

  it('applies its changes and keeps a field it does not change, edited while it fetched', async () => {
    const ctx = refreshContext((lib) => void (lib.papers[0]!.venue = 'Edited meanwhile'))
    expect(await main(['refresh', stale.key, '--yes'], ctx)).toBe(0)
    expect((await ctx.store.read()).papers[0]).toMatchObject({
      title: 'On the Count of Lattice Points',
      authors: ['Sofía de la Cruz'],
      venue: 'Edited meanwhile',
    })
  })

  it('a field it would change, edited while it fetched, refuses the refresh (exit 1) and changes nothing', async () => {
    const ctx = refreshContext(setTitle('Edited meanwhile', stale.key))
    expect(await main(['refresh', stale.key, '--yes'], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('precis: "cruz2005count" was changed by someone else while refreshing (title); nothing was changed\n')
    expect((await ctx.store.read()).papers[0]).toEqual({ ...stale, title: 'Edited meanwhile' })
  })
})
