/**
 * `edit <key>` of a paper with no summary yet (queued, added alone): its fields and own tags, by
 * flags in a pipe and in the editor in a terminal, applied as a summary's edit is.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Library, Paper } from '../../src/core/model.js'
import { FileStore } from '../../src/store/file-store.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

const KEY = 'clark2020electra'

/** A queued paper tagged thesis, and a summarised paper with two summaries. */
function library(): Library {
  return libraryOf(
    [
      paper({ key: KEY, title: 'ELECTRA', authors: ['Kevin Clark'], year: 2019, state: 'to-read', priority: 2, tags: ['thesis'] }),
      paper({ key: 'delta2018nets', title: 'Nets', year: 2018 }),
    ],
    [
      summary({ id: 'delta2018nets', paper: 'delta2018nets', tags: ['thesis'] }),
      summary({ id: 'delta2018nets-2', paper: 'delta2018nets' }),
    ],
  )
}

const queued = async (ctx: ReturnType<typeof testContext>): Promise<Paper> => (await ctx.store.read()).papers.find((p) => p.key === KEY)!

/** A library file in a fresh folder (for edits that race a change to the file), and the folder. */
function libraryFile(): { dir: string; path: string } {
  const dir = tempDir('precis-edit-paper-')
  const path = join(dir, 'library.json')
  writeFileSync(path, JSON.stringify(library()))
  return { dir, path }
}

describe('edit <key> of a paper without summaries, by flags (pipe)', () => {
  it('changes its fields and own tags, prints its key, and writes no summary', async () => {
    const ctx = testContext({ library: library() })
    const argv = [
      'edit',
      KEY,
      '--year',
      '2020',
      '--venue',
      'ICLR',
      '--doi',
      'https://doi.org/10.5555/ABC',
      '--tag',
      'NLP',
      '--untag',
      'thesis',
    ]
    expect(await main(argv, ctx)).toBe(0)
    expect(ctx.stdout()).toBe(`${KEY}\n`)
    expect(ctx.stderr()).toBe(`Updated ${KEY}\n`)
    const lib = await ctx.store.read()
    expect(await queued(ctx)).toEqual({ ...library().papers[0], year: 2020, venue: 'ICLR', doi: '10.5555/abc', tags: ['nlp'] })
    expect(lib.summaries).toEqual(library().summaries)
  })

  it('--json prints {id, key, changed}; the same edit again changes nothing', async () => {
    const ctx = testContext({ library: library() })
    expect(
      await main(['--json', 'edit', KEY, '--title', 'ELECTRA: Pre-training', '--author', 'Kevin Clark', '--author', 'Quoc Le'], ctx),
    ).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual({ id: KEY, key: KEY, changed: true })
    expect(await queued(ctx)).toMatchObject({ title: 'ELECTRA: Pre-training', authors: ['Kevin Clark', 'Quoc Le'] })
    const again = testContext({ library: await ctx.store.read() })
    expect(await main(['--json', 'edit', KEY, '--title', 'ELECTRA: Pre-training', '--tag', 'thesis'], again)).toBe(0)
    expect(JSON.parse(again.stdout())).toEqual({ id: KEY, key: KEY, changed: false })
    expect(again.stderr()).toBe(`No changes to ${KEY}\n`)
  })

  it.each([
    ['--by', ['--by', 'Me']],
    ['--body', ['--body', 'My notes']],
    ['--body with field flags', ['--year', '2020', '--body', 'My notes']],
  ])('refuses %s with the add that writes a summary (exit 2), changing nothing', async (_, flags) => {
    const ctx = testContext({ library: library() })
    expect(await main(['edit', KEY, ...flags], ctx)).toBe(2)
    expect(ctx.stderr()).toContain(`"${KEY}" has no summary yet: --by and --body set a summary’s fields`)
    expect(ctx.stderr()).toContain(`Write its summary with: precis add ${KEY}`)
    expect(await ctx.store.read()).toEqual(library())
  })

  it('--file: a plain text is refused (exit 2); a document of its fields applies, the flags on top', async () => {
    const dir = tempDir()
    const plain = join(dir, 'notes.md')
    writeFileSync(plain, 'My notes.\n')
    const ctx = testContext({ library: library() })
    expect(await main(['edit', KEY, '--file', plain], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('--file gives a summary’s text')
    const document = join(dir, 'kept.md')
    writeFileSync(document, `---\ntitle: ELECTRA (kept)\nauthors: [Kevin Clark]\nyear: 2019\ntags: [thesis, nlp]\n---\n`)
    expect(await main(['edit', KEY, '--file', document, '--venue', 'ICLR'], ctx)).toBe(0)
    expect(await queued(ctx)).toMatchObject({ title: 'ELECTRA (kept)', venue: 'ICLR', tags: ['thesis', 'nlp'] })
  })

  it('without flags or an editor: exit 2; a key naming nothing: exit 3; a handle naming several summaries keeps its message', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['edit', KEY], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('Nothing to change')
    const missing = testContext({ library: library() })
    expect(await main(['edit', 'clark2021nothing', '--year', '2020'], missing)).toBe(3)
    const several = testContext({ library: library() })
    expect(await main(['edit', 'delt', '--year', '2020'], several)).toBe(2)
    expect(several.stderr()).toContain('"delt" names 2 summaries; edit one at a time')
    expect(several.stderr()).toContain('delta2018nets-2')
  })

  it('with $EDITOR in a pipe, text below the front matter is kept with the add that saves it as the summary (exit 4)', async () => {
    const home = tempDir()
    const ctx = testContext({ library: library(), env: { HOME: home, EDITOR: 'fake' }, editor: (text) => text + 'My notes.\n' })
    expect(await main(['edit', KEY], ctx)).toBe(4)
    expect(ctx.stderr()).toContain('The edited paper is not valid')
    expect(ctx.stderr()).toContain(`remove it, or save it as the summary with precis add ${KEY} --file <the file that holds it>`)
    const kept = /kept at (.+\.md)/.exec(ctx.stderr())?.[1]
    expect(readFileSync(kept!, 'utf8')).toContain('My notes.')
    expect(await ctx.store.read()).toEqual(library())
    // The advice works: add writes the kept text (without the note) as the summary, which takes the paper's tags over.
    const add = testContext({ library: await ctx.store.read(), env: { HOME: home } })
    expect(await main(['add', KEY, '--file', kept!], add)).toBe(0)
    const lib = await add.store.read()
    expect(lib.summaries.find((s) => s.paper === KEY)).toMatchObject({ tags: ['thesis'], body: 'My notes.\n' })
  })
})

describe('edit <key> of a paper without summaries, in the editor (terminal)', () => {
  it('opens its fields and own tags with a note, and applies the fields changed', async () => {
    const ctx = testContext({
      tty: true,
      library: library(),
      editor: (text) => text.replace('title: ELECTRA', 'title: "ELECTRA: Pre-training"').replace('  - thesis', '  - thesis\n  - nlp'),
    })
    expect(await main(['edit', KEY], ctx)).toBe(0)
    expect(ctx.edited[0]).toMatch(
      /^---\ntitle: ELECTRA\nauthors:\n {2}- Kevin Clark\nyear: 2019\n[\s\S]*tags:\n {2}- thesis\n---\n\n<!--\n/,
    )
    expect(ctx.edited[0]).toContain(`write the summary with: precis add ${KEY}`)
    expect(ctx.edited[0]).not.toMatch(/^by:/m)
    expect(ctx.stdout()).toBe(`${KEY}\n`)
    expect(await queued(ctx)).toEqual({ ...library().papers[0], title: 'ELECTRA: Pre-training', tags: ['thesis', 'nlp'] })
  })

  it('a text written below the front matter is refused; reopened, the fixed document applies', async () => {
    let round = 0
    const ctx = testContext({
      tty: true,
      library: library(),
      answers: { reopen: true },
      editor: (text) => (++round === 1 ? text.replace('year: 2019', 'year: 2020') + 'My notes.\n' : text.replace('My notes.\n', '')),
    })
    expect(await main(['edit', KEY], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['reopen'])
    expect(ctx.stderr()).toContain('The paper is not valid:')
    expect(ctx.stderr()).toContain(`the text below the front matter: ${KEY} has no summary yet`)
    expect((await queued(ctx)).year).toBe(2020)
    expect((await ctx.store.read()).summaries).toHaveLength(2)
  })

  it('a new tag like an existing one is offered the existing one', async () => {
    const ctx = testContext({
      tty: true,
      library: library(),
      answers: { similarTag: 'thesis' },
      editor: (text) => text.replace('  - thesis', '  - theses'),
    })
    expect(await main(['edit', KEY], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['similarTag'])
    expect((await queued(ctx)).tags).toEqual(['thesis'])
  })

  it('leaving the document as it was changes nothing', async () => {
    const ctx = testContext({ tty: true, library: library(), editor: (text) => text })
    expect(await main(['edit', KEY], ctx)).toBe(0)
    expect(ctx.stderr()).toBe(`No changes to ${KEY}\n`)
    expect(await ctx.store.read()).toEqual(library())
  })

  it('keeps a field and a tag changed meanwhile that the person left alone', async () => {
    const { dir, path } = libraryFile()
    const ctx = testContext({
      tty: true,
      library: path,
      env: { HOME: dir },
      editor: (text) => {
        const lib = JSON.parse(readFileSync(path, 'utf8')) as Library
        lib.papers[0]!.venue = 'Theirs'
        lib.papers[0]!.tags = ['thesis', 'theirs']
        writeFileSync(path, JSON.stringify(lib))
        return text.replace('year: 2019', 'year: 2020').replace('  - thesis', '  - mine')
      },
    })
    expect(await main(['edit', KEY], ctx)).toBe(0)
    expect((await new FileStore(path).read()).papers[0]).toMatchObject({ year: 2020, venue: 'Theirs', tags: ['theirs', 'mine'] })
  })

  it('a field changed meanwhile and by the person refuses the edit (exit 1), keeping the text', async () => {
    const { dir, path } = libraryFile()
    const ctx = testContext({
      tty: true,
      library: path,
      env: { HOME: dir },
      editor: (text) => {
        const lib = JSON.parse(readFileSync(path, 'utf8')) as Library
        lib.papers[0]!.title = 'Theirs'
        writeFileSync(path, JSON.stringify(lib))
        return text.replace('title: ELECTRA', 'title: Mine')
      },
    })
    expect(await main(['edit', KEY], ctx)).toBe(1)
    expect(ctx.stderr()).toContain(`"${KEY}" was changed by someone else while you were editing (title); your edit was not applied`)
    const kept = /kept at (.+\.md)/.exec(ctx.stderr())?.[1]
    expect(readFileSync(kept!, 'utf8')).toContain('title: Mine')
    expect(ctx.stderr()).toContain(`precis edit ${KEY} --file`)
    expect((await new FileStore(path).read()).papers[0]!.title).toBe('Theirs')
  })
})
