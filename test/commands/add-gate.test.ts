import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Question } from '../../src/terminal/prompts.js'
import { testContext } from '../support/context.js'

/** An answer that first asks the prompt's own check about `tried`, then gives `given`. */
function answering(tried: string, given: string, verdicts: unknown[]) {
  return (q: Question) => {
    verdicts.push((q as { validate?: (v: string) => unknown }).validate?.(tried))
    return given
  }
}

describe('add: answers typed at the prompts meet the rules flags meet', () => {
  it("the title and authors prompts refuse what cannot be stored, in the user's terms", async () => {
    const verdicts: unknown[] = []
    const ctx = testContext({
      tty: true,
      answers: {
        title: answering('A \u0007 title', 'A title', verdicts),
        authors: answering(`Ann ${'n'.repeat(200)}`, 'Ann Normal', verdicts),
        year: '2020',
        tags: '',
      },
      editor: () => 'Notes.\n',
    })
    expect(await main(['add'], ctx)).toBe(0)
    expect(verdicts).toEqual([
      'title contains a control character (U+0007) at character 3',
      'authors (name 1) is longer than 200 characters (204)',
    ])
  })

  it('an answer that gets past a prompt anyway is refused before anything is stored (exit 2)', async () => {
    const ctx = testContext({
      tty: true,
      answers: { title: 'Bad \u0000 title', authors: 'Ann Normal', year: '2020', tags: '' },
      editor: () => 'Notes.\n',
    })
    expect(await main(['add'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('The answer cannot be stored: title contains a NUL character at character 5')
    expect((await ctx.store.read()).papers).toEqual([])
  })
})

describe('add and edit: a blank --author is refused, not stored as a nameless author', () => {
  it.each([
    [['add', '--title', 'A Paper', '--author', '', '--body', 'x', '--no-input']],
    [['add', '--title', 'A Paper', '--author', 'Ann Normal', '--author', '   ', '--body', 'x', '--no-input']],
  ])('%j exits 2 naming the flag', async (argv) => {
    const ctx = testContext({})
    expect(await main(argv, ctx)).toBe(2)
    expect(ctx.stderr()).toContain('--author must not be empty')
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('edit --author "" exits 2 and leaves the authors as they were', async () => {
    const ctx = testContext({})
    expect(await main(['add', '--title', 'A Paper', '--author', 'Ann Normal', '--body', 'x', '--no-input'], ctx)).toBe(0)
    const [paper] = (await ctx.store.read()).papers
    expect(await main(['edit', paper!.key, '--author', ''], ctx)).toBe(2)
    expect((await ctx.store.read()).papers[0]!.authors).toEqual(['Ann Normal'])
  })
})
