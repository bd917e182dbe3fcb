import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { testContext } from '../support/context.js'
import { taggedLibrary, tagsById } from './tag-fixtures.js'

const paperFlags = ['--title', 'Tags in Practice', '--author', 'Ada Lovelace', '--year', '2024', '--body', 'Notes.']

describe('add and tags', () => {
  it('--tag with a tag like an existing one warns on stderr without a terminal and keeps it', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['add', ...paperFlags, '--tag', 'Bayesians', '--tag', 'fresh'], ctx)).toBe(0)
    expect(ctx.stderr()).toBe(
      'Warning: the new tag "bayesians" looks like the existing "bayesian" (plural or singular)\n' +
        'Added lovelace2024tags: Tags in Practice\n',
    )
    expect((await tagsById(ctx.store)).lovelace2024tags).toEqual(['bayesians', 'fresh'])
  })

  it('--tag in a terminal offers the existing tag', async () => {
    const ctx = testContext({ tty: true, library: taggedLibrary(), answers: { similarTag: 'ml/gnn' } })
    expect(await main(['add', ...paperFlags, '--tag', 'ml/gnns'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['similarTag'])
    expect((await tagsById(ctx.store)).lovelace2024tags).toEqual(['ml/gnn'])
  })

  it('asked in a terminal: a checkbox of the library tags, then new ones (guarded too)', async () => {
    let offered: unknown
    const ctx = testContext({
      tty: true,
      library: taggedLibrary(),
      answers: {
        existingTags: (q: { choices: { value: string }[] }) => (
          (offered = q.choices.map((c) => c.value)),
          { ticked: ['ml', 'todo'], typed: '' }
        ),
        tags: 'Meta Learning, bayesians',
        similarTag: 'bayesian',
      },
    })
    expect(await main(['add', ...paperFlags], ctx)).toBe(0)
    expect(offered).toEqual(['bayesian', 'ml', 'ml/gnn', 'todo'])
    expect(ctx.asked).toEqual(['existingTags', 'tags', 'similarTag'])
    expect((await tagsById(ctx.store)).lovelace2024tags).toEqual(['ml', 'todo', 'meta-learning', 'bayesian'])
  })

  it('asked in a terminal with an untagged library: only the input', async () => {
    const ctx = testContext({ tty: true, answers: { tags: 'a b  C' } })
    expect(await main(['add', ...paperFlags], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['tags'])
    expect((await tagsById(ctx.store)).lovelace2024tags).toEqual(['a', 'b', 'c'])
  })

  it('the typed tags are checked as they are typed', async () => {
    let verdict: unknown
    const ctx = testContext({
      tty: true,
      answers: { tags: (q: { validate: (v: string) => unknown }) => ((verdict = q.validate('ok, bad//tag')), 'ok') },
    })
    expect(await main(['add', ...paperFlags], ctx)).toBe(0)
    expect(verdict).toBe('"bad//tag" is not a tag: it has an empty segment around "/"')
  })
})

describe('edit and tags', () => {
  it('--tag warns about a tag like an existing one', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['edit', 'gamma2019priors', '--tag', 'to-do'], ctx)).toBe(0)
    expect(ctx.stderr()).toBe('Warning: the new tag "to-do" looks like the existing "todo" (other separators)\nUpdated gamma2019priors\n')
    expect((await tagsById(ctx.store)).gamma2019priors).toEqual(['bayesian', 'to-do'])
  })

  it('tags added in the editor are guarded too', async () => {
    const ctx = testContext({
      tty: true,
      library: taggedLibrary(),
      answers: { similarTag: 'bayesian' },
      editor: (text) => text.replace('  - bayesian\n', '  - bayesian\n  - baysian\n'),
    })
    expect(await main(['edit', 'gamma2019priors'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['similarTag'])
    expect((await tagsById(ctx.store)).gamma2019priors).toEqual(['bayesian'])
  })
})
