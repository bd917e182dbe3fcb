import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { FileStore } from '../../src/store/file-store.js'
import { smallLibrary } from '../support/library.js'
import { tempDir, testContext } from '../support/context.js'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

describe('edit', () => {
  it('field flags change the paper and summary without an editor', async () => {
    const ctx = testContext({ library: smallLibrary() })
    const code = await main(
      ['edit', 'gilmer2017neural-2', '--title', 'MPNN', '--year', '2018', '--tag', 'GNN', '--by', 'Someone', '--venue', ''],
      ctx,
    )
    expect(code).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural-2\n')
    const lib = await ctx.store.read()
    expect(lib.papers[0]).toMatchObject({ key: 'gilmer2017neural', title: 'MPNN', year: 2018, venue: null })
    expect(lib.summaries[1]).toMatchObject({ by: 'Someone', tags: ['gnn'], updated: '2026-11-26T12:00:00.000Z' })
    expect(lib.summaries[0]?.updated).toBe('2024-03-01T00:00:00.000Z')
  })

  it('--untag removes and --body replaces the text', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['edit', 'gilmer2017neural', '--untag', 'gnn', '--body', 'New text'], ctx)).toBe(0)
    expect((await ctx.store.read()).summaries[0]).toMatchObject({ id: 'gilmer2017neural', tags: ['chemistry'], body: 'New text' })
  })

  it('opens the editor with front matter and body, and applies a valid result', async () => {
    const ctx = testContext({
      tty: true,
      library: smallLibrary(),
      editor: (text) =>
        text.replace('title: Gaussian', 'title: Gaussian!').replace('tags:\n  - bayesian', 'tags: [bayesian, ML/Kernels]') + 'More.\n',
    })
    expect(await main(['edit', 'ras'], ctx)).toBe(0)
    expect(ctx.edited[0]).toMatch(
      /^---\n[\s\S]*title: Gaussian Processes in Machine Learning\n[\s\S]*---\n\nA GP is \$\\mathcal\{GP\}\(m, k\)\$\.\n$/,
    )
    const lib = await ctx.store.read()
    expect(lib.papers[1]?.title).toBe('Gaussian! Processes in Machine Learning')
    expect(lib.summaries[2]).toMatchObject({ tags: ['bayesian', 'ml/kernels'], body: 'A GP is $\\mathcal{GP}(m, k)$.\nMore.\n' })
  })

  it('invalid text without a terminal is kept in a file whose path is printed, exit 4, library unchanged', async () => {
    const home = tempDir()
    const ctx = testContext({
      library: smallLibrary(),
      env: { HOME: home, EDITOR: 'fake' },
      editor: (text) => text.replace(/year: 2004/, 'year: soon'),
    })
    expect(await main(['edit', 'rasmussen2004gaussian'], ctx)).toBe(4)
    const kept = /kept at (.+\.md)/.exec(ctx.stderr())?.[1]
    expect(kept).toBeDefined()
    expect(readFileSync(kept!, 'utf8')).toContain('year: soon')
    expect(ctx.stderr()).toContain('year')
    expect(await ctx.store.read()).toEqual(smallLibrary())
  })

  it('in a terminal an invalid result re-opens the editor when asked', async () => {
    let round = 0
    const ctx = testContext({
      tty: true,
      library: smallLibrary(),
      answers: { reopen: true },
      editor: (text) =>
        ++round === 1
          ? text.replace('title: Gaussian', 'title: ""\nx: Gaussian')
          : text.replace(/title: .*\n/, 'title: Fixed\n').replace(/x: .*\n/, ''),
    })
    expect(await main(['edit', 'rasmussen2004gaussian'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['reopen'])
    expect((await ctx.store.read()).papers[1]?.title).toBe('Fixed')
  })

  it('refuses to overwrite a change made to the library while the editor was open, keeping the text', async () => {
    const dir = tempDir()
    const path = join(dir, 'library.json')
    writeFileSync(path, JSON.stringify(smallLibrary()))
    const ctx = testContext({
      tty: true,
      library: path,
      env: { HOME: dir },
      editor: (text) => {
        // Meanwhile, a hand edit of the library file:
        const lib = JSON.parse(readFileSync(path, 'utf8'))
        lib.summaries[2].body = 'Hand edit'
        writeFileSync(path, JSON.stringify(lib))
        return text + 'mine\n'
      },
    })
    expect(await main(['edit', 'rasmussen2004gaussian'], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('changed by someone else')
    expect(ctx.stderr()).toMatch(/kept at .+\.md/)
    expect((await new FileStore(path).read()).summaries[2]?.body).toBe('Hand edit')
  })

  it('a paper key with several summaries edits the first one; a prefix reaching several is refused', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['edit', 'gilmer2017neural', '--by', 'X'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural\n')
    const ctx2 = testContext({ library: smallLibrary() })
    expect(await main(['edit', 'gil', '--by', 'X'], ctx2)).toBe(2)
    expect(ctx2.stderr()).toContain('gilmer2017neural-2')
  })
})

describe('rm, trash, restore', () => {
  it('without a terminal rm needs --yes', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['rm', 'gilmer2017neural-2'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('--yes')
    expect((await ctx.store.read()).summaries).toHaveLength(3)
  })

  it('in a terminal rm asks; "no" removes nothing', async () => {
    const ctx = testContext({ tty: true, library: smallLibrary(), answers: { confirm: false } })
    expect(await main(['rm', 'gilmer2017neural-2'], ctx)).toBe(130)
    expect((await ctx.store.read()).summaries).toHaveLength(3)
  })

  it('rm → trash → restore brings the summary and its paper back exactly', async () => {
    const ctx = testContext({ tty: true, library: smallLibrary(), answers: { confirm: true } })
    expect(await main(['rm', 'rasmussen2004gaussian'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('rasmussen2004gaussian\n')
    expect((await ctx.store.read()).papers.map((p) => p.key)).toEqual(['gilmer2017neural'])
    expect(await main(['trash'], ctx)).toBe(0)
    expect(ctx.stdout()).toMatch(/^rasmussen2004gaussian {2,}2026-11-26 {2}Gaussian Processes in Machine Learning$/m)
    expect(await main(['restore', 'rasmussen2004gaussian'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(lib.trash).toEqual([])
    expect(lib.papers.map((p) => p.key).sort()).toEqual(['gilmer2017neural', 'rasmussen2004gaussian'])
    expect(lib.summaries.find((s) => s.id === 'rasmussen2004gaussian')).toEqual(smallLibrary().summaries[2])
  })

  it('trash --empty needs --yes without a terminal, then empties it', async () => {
    const ctx = testContext({ library: smallLibrary() })
    await main(['rm', 'gilmer', '--yes'], ctx)
    expect(await main(['trash', '--empty'], ctx)).toBe(2)
    expect((await ctx.store.read()).trash).toHaveLength(2)
    expect(await main(['trash', '--empty', '--yes'], ctx)).toBe(0)
    expect((await ctx.store.read()).trash).toEqual([])
  })

  it('restore of an unknown id is exit 3', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['restore', 'nope'], ctx)).toBe(3)
  })

  it('files: a failed edit leaves no temp files beside the library', async () => {
    const dir = tempDir()
    const path = join(dir, 'library.json')
    writeFileSync(path, JSON.stringify(smallLibrary()))
    const ctx = testContext({ library: path })
    await main(['rm', 'gilmer2017neural-2', '--yes'], ctx)
    expect(readdirSync(dir).sort()).toEqual(['library.json', 'library.json.bak'])
  })
})
