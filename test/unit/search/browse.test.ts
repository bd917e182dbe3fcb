import { render } from '@inquirer/testing'
import stringWidth from 'fast-string-width'
import { describe, expect, it } from 'vitest'
import { browseChoices } from '../../../src/commands/browse/choices.js'
import { CancelError } from '../../../src/core/errors.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { LibrarySearch } from '../../../src/core/search/search.js'
import { main } from '../../../src/main.js'
import { escapableSearch, type SearchChoice, type SearchQuestion } from '../../../src/terminal/prompts.js'
import { testContext } from '../../support/context.js'
import { snippetRendering } from '../../../src/render/snippet-rendered.js'
import { searchFixture, tinyLibrary } from './fixture.js'
import { writeCachedFigure } from '../../../src/sources/figure-cache.js'
import { PNG_1X1 } from '../../support/images.js'
import { tempDir } from '../../support/context.js'

const search = new LibrarySearch(libraryEntries(searchFixture()))
const mark = (s: string) => `<${s}>`

describe('browseChoices', () => {
  it('lists hits as id, year and title, with the best snippet as the description', () => {
    const [first] = browseChoices(search, 'double helix', 80, mark)
    expect(first!.value).toBe('watson1953molecular')
    expect(first!.name).toMatch(/^watson1953molecular\s+1953 {2}Molecular Structure/)
    expect(first!.description).toContain('<double helix>')
  })

  it('fits every line to the width', () => {
    for (const choice of browseChoices(search, 'graph', 40, (s) => s)) {
      expect(stringWidth(choice.name)).toBeLessThanOrEqual(38)
      expect(stringWidth(choice.description ?? '')).toBeLessThanOrEqual(40)
    }
  })

  it('aligns the ids in a column', () => {
    const names = browseChoices(search, 'graph', 80, mark).map((c) => c.name)
    const yearColumn = new Set(names.map((name) => name.search(/ \d{4} /)))
    expect(yearColumn.size).toBe(1)
  })

  it('matches the word being typed as a prefix', () => {
    expect(browseChoices(search, 'lotte', 80, mark)[0]!.value).toBe('frankle2019lottery')
  })

  it('lists the newest first before anything is typed', () => {
    const values = browseChoices(search, '', 80, mark).map((c) => c.value)
    expect(values[0]).toBe('gilmer2017neural-2') // updated 2024-05
    expect(values.length).toBeGreaterThan(20)
  })

  it('reads a phrase not closed yet as the phrase so far', () => {
    expect(browseChoices(search, '"double hel', 80, mark)[0]!.value).toBe('watson1953molecular')
  })

  it('shows a snippet as show reads it when given the rendering: math as Unicode, a citation as the short title', async () => {
    const library = tinyLibrary([
      { key: 'gp', title: 'Gaussian Processes: a primer', body: 'The kernel $\\Sigma_{ij} = k(x_i, x_j)$ sets how outputs covary.' },
      { key: 'deep', body: 'Deep kernels extend [@gp] with learned features.' },
    ])
    const search = new LibrarySearch(libraryEntries(library))
    const rendering = await snippetRendering(library, true)
    const [gp] = browseChoices(search, 'kernel covary', 120, mark, rendering)
    expect(gp!.description).toContain('Σᵢⱼ')
    expect(gp!.description).not.toContain('\\Sigma')
    const [deep] = browseChoices(search, 'learned features', 120, mark, rendering)
    expect(deep!.description).toContain('Gaussian Processes')
    // Without the rendering the stored text is shown.
    expect(browseChoices(search, 'kernel covary', 120, mark)[0]!.description).toContain('\\Sigma')
  })

  it('a query that cannot become right by typing more is an error the prompt shows', () => {
    expect(() => browseChoices(search, 'graph titel:x', 80, mark)).toThrow('Unknown field "titel:"')
  })
})

describe('browse through the fake context', () => {
  it('searches, renders the chosen summary, returns to the list with the same text, and leaves on Esc', async () => {
    const questions: SearchQuestion<string>[] = []
    const script = [
      async (q: SearchQuestion<string>) => (await q.source('double helix'))[0]!.value,
      () => null, // Esc
    ]
    const ctx = testContext({
      tty: true,
      library: searchFixture(),
      answers: { browse: (q: SearchQuestion<string>) => (questions.push(q), script[questions.length - 1]!(q)) },
    })
    expect(await main(['browse'], ctx)).toBe(0)
    expect(questions).toHaveLength(2)
    expect(questions[1]).toMatchObject({ initial: 'double helix', default: 'watson1953molecular' })
    expect(ctx.stdout()).toContain('Molecular Structure of Nucleic Acids')
    expect(ctx.stdout()).toContain('double helix')
  })

  it('starts with the text given on the command line', async () => {
    let initial: string | undefined
    const ctx = testContext({
      tty: true,
      library: searchFixture(),
      answers: { browse: (q: SearchQuestion<string>) => ((initial = q.initial), null) },
    })
    expect(await main(['browse', 'tag:gnn', '-survey'], ctx)).toBe(0)
    expect(initial).toBe('tag:gnn -survey')
    expect(ctx.stdout()).toBe('')
  })

  it('Ctrl-C is a cancel (exit 130)', async () => {
    const ctx = testContext({ tty: true, library: searchFixture(), answers: { browse: new CancelError() } })
    expect(await main(['browse'], ctx)).toBe(130)
  })

  describe('the chosen summary with a cached figure', () => {
    const FIG = 'https://i.imgur.com/model.png'
    async function browse(env: Record<string, string>, args: string[] = []) {
      const cache = tempDir('precis-cache-')
      await writeCachedFigure(cache, FIG, { bytes: PNG_1X1, info: { kind: 'png', width: 1, height: 1 } })
      const picks = ['mpnn', null]
      const ctx = testContext({
        tty: true,
        library: tinyLibrary([{ key: 'mpnn', title: 'Message passing', body: `The layout: ${FIG}\n\nThe end.` }]),
        env: { PRECIS_CACHE_DIR: cache, ...env },
        // Enter picks from the list the prompt shows: the source is asked first.
        answers: { browse: async (q: SearchQuestion<string>) => (await q.source('layout'), picks.shift()) },
      })
      let paged = 0
      const page = ctx.io.page.bind(ctx.io)
      ctx.io.page = async (text) => (paged++, page(text))
      expect(await main(['browse', ...args], ctx)).toBe(0)
      return { out: ctx.stdout(), paged }
    }

    it('draws it where the terminal can (sixel in foot), not through the pager', async () => {
      const { out, paged } = await browse({ TERM: 'foot' })
      expect(out).toContain('The layout: [fig 1]\n\n\x1bP0;0;q"1;1;1;1#0;2;50;100;50#0@$\x1b\\\n[fig 1]')
      expect(paged).toBe(0)
    })

    it('leaves it a reference, paged as before, on an unknown terminal or with --images off', async () => {
      for (const [env, args] of [
        [{ TERM: 'xterm' }, []],
        [{ TERM: 'xterm-kitty' }, ['--images', 'off']],
      ] as const) {
        const { out, paged } = await browse(env, [...args])
        expect(out).toContain('The layout: [fig 1]')
        expect(out).not.toContain('\x1b')
        expect(paged).toBe(1)
      }
    })
  })

  it('needs a terminal', async () => {
    const ctx = testContext({ tty: false, library: searchFixture() })
    expect(await main(['browse'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('precis search')
  })
})

describe('escapableSearch', () => {
  const choices = (term: string): SearchChoice<string>[] =>
    ['graph attention', 'graph networks', 'gaussian processes']
      .filter((n) => n.includes(term))
      .map((name) => ({ name, value: name.replace(' ', '-') }))
  const question: SearchQuestion<string> = { name: 'browse', message: 'Search', source: choices }

  it('shows what the source gives for the typed text, and Enter picks it', async () => {
    const { answer, events, getScreen, nextRender } = await render(escapableSearch, question)
    events.type('graph')
    await nextRender()
    expect(getScreen()).toContain('graph attention')
    expect(getScreen()).not.toContain('gaussian processes')
    events.keypress('down')
    await nextRender()
    events.keypress('enter')
    await expect(answer).resolves.toBe('graph-networks')
  })

  it('searches only for the text typed last when keys come faster than answers (a paste, typing during a search)', async () => {
    const asked: string[] = []
    const { answer, events, getScreen, nextRender } = await render(escapableSearch, {
      ...question,
      source: (term: string) => (asked.push(term), choices(term)),
    })
    await nextRender()
    asked.length = 0
    events.type('graph n')
    await nextRender()
    expect(getScreen()).toContain('graph networks')
    expect(asked).toEqual(['graph n'])
    events.keypress('enter')
    await expect(answer).resolves.toBe('graph-networks')
  })

  it('draws the list `first` gives at once, then the settled one from the source when it answers', async () => {
    const settled: ((list: SearchChoice<string>[]) => void)[] = []
    const { answer, events, getScreen, nextRender } = await render(escapableSearch, {
      ...question,
      first: (term: string) => (term === '' ? null : [{ name: `at once: ${term}`, value: 'at-once' }]),
      source: (term: string) => (term === '' ? choices(term) : new Promise<SearchChoice<string>[]>((resolve) => settled.push(resolve))),
    })
    await nextRender()
    events.type('graph')
    expect(getScreen()).toContain('at once: graph')
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toHaveLength(1) // asked once, for the text typed last
    settled[0]!(choices('graph'))
    await nextRender()
    expect(getScreen()).toContain('graph networks')
    expect(getScreen()).not.toContain('at once')
    events.keypress('down')
    events.keypress('enter')
    await expect(answer).resolves.toBe('graph-networks')
  })

  it('drops a settled answer for a text typed past, and Enter picks from the list drawn at once', async () => {
    const settled = new Map<string, (list: SearchChoice<string>[]) => void>()
    const { answer, events, getScreen } = await render(escapableSearch, {
      ...question,
      first: (term: string) => choices(term).slice(0, 1),
      source: (term: string) => new Promise<SearchChoice<string>[]>((resolve) => settled.set(term, resolve)),
    })
    events.type('gra')
    await new Promise((resolve) => setImmediate(resolve))
    events.type('ph n')
    expect(getScreen()).toContain('graph networks')
    settled.get('gra')!(choices('gra')) // answered late: 'graph attention' must not come back
    await new Promise((resolve) => setImmediate(resolve))
    expect(getScreen()).not.toContain('graph attention')
    events.keypress('enter')
    await expect(answer).resolves.toBe('graph-networks')
  })

  it('Esc leaves with null', async () => {
    const { answer, events } = await render(escapableSearch, question)
    events.keypress('escape')
    await expect(answer).resolves.toBeNull()
  })

  it('Ctrl-C still rejects as inquirer does', async () => {
    const { answer, events } = await render(escapableSearch, question)
    events.keypress({ name: 'c', ctrl: true })
    await expect(answer).rejects.toThrow()
  })

  it('opens with the text typed before and the last choice active', async () => {
    const { answer, events, getScreen, nextRender } = await render(escapableSearch, {
      ...question,
      initial: 'graph',
      default: 'graph-networks',
    })
    await nextRender()
    expect(getScreen()).toContain('❯ graph networks')
    events.keypress('enter')
    await expect(answer).resolves.toBe('graph-networks')
  })
})
