/**
 * Issue 21, item 11: a new tag close to an existing one at another depth of the hierarchy
 * (`transformer` / `nlp/transformers`) gets the similar-tag warning, with and without a terminal.
 */
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

const paperFlags = ['--title', 'Tags in Practice', '--author', 'Ada Lovelace', '--year', '2024', '--body', 'Notes.']
const library = () =>
  libraryOf(
    [paper({ key: 'vaswani2017attention' })],
    [summary({ id: 'vaswani2017attention', paper: 'vaswani2017attention', tags: ['nlp/transformers'] })],
  )
const tagsOf = async (ctx: ReturnType<typeof testContext>) =>
  (await ctx.store.read()).summaries.find((s) => s.id === 'lovelace2024tags')!.tags

describe('the similar-tag warning across the hierarchy', () => {
  it('without a terminal: warned on stderr, the tag kept as given', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['add', ...paperFlags, '--tag', 'transformer'], ctx), ctx.stderr()).toBe(0)
    expect(ctx.stderr()).toContain('Warning: the new tag "transformer" looks like the existing "nlp/transformers" (plural or singular)')
    expect(await tagsOf(ctx)).toEqual(['transformer'])
  })

  it('in a terminal: the existing tag is offered and taken', async () => {
    const ctx = testContext({ tty: true, library: library(), answers: { similarTag: 'nlp/transformers' } })
    expect(await main(['add', ...paperFlags, '--tag', 'transformers'], ctx), ctx.stderr()).toBe(0)
    expect(ctx.stderr()).toContain('"nlp/transformers" (the same word elsewhere in the hierarchy)')
    expect(await tagsOf(ctx)).toEqual(['nlp/transformers'])
  })
})

describe('the tag picker', () => {
  const tagged = () =>
    libraryOf(
      [paper({ key: 'vaswani2017attention' })],
      [summary({ id: 'vaswani2017attention', paper: 'vaswani2017attention', tags: ['nlp/transformers', 'todo'] })],
    )

  it('filter text that matched nothing is proposed as the new tag (accepted as offered), then guarded', async () => {
    let proposed: unknown
    const ctx = testContext({
      tty: true,
      library: tagged(),
      answers: {
        existingTags: { ticked: ['todo'], typed: 'transformer' },
        tags: (q: { default?: string }) => ((proposed = q.default), q.default),
        similarTag: 'nlp/transformers',
      },
    })
    expect(
      await main(['add', '--title', 'Tags in Practice', '--author', 'Ada Lovelace', '--year', '2024', '--body', 'Notes.'], ctx),
      ctx.stderr(),
    ).toBe(0)
    expect(proposed).toBe('transformer')
    expect(ctx.asked).toEqual(['existingTags', 'tags', 'similarTag'])
    expect(await tagsOf(ctx)).toEqual(['todo', 'nlp/transformers'])
  })

  it('Esc in the picker of precis tag changes nothing and asks nothing more', async () => {
    const ctx = testContext({ tty: true, library: tagged(), answers: { existingTags: null } })
    expect(await main(['tag', 'vaswani2017attention'], ctx), ctx.stderr()).toBe(0)
    expect(ctx.asked).toEqual(['existingTags'])
    expect((await ctx.store.read()).summaries[0]!.tags).toEqual(['nlp/transformers', 'todo'])
  })
})
