/**
 * Issue 21, item 10: a new summary's editor opens on a template naming the paper, removed on save when
 * unchanged; an empty text is refused the same way whichever way it came.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'
import { smallLibrary } from '../support/library.js'

const paperFlags = [
  '--title',
  'Attention Is All You Need',
  '--author',
  'Ashish Vaswani',
  '--author',
  'Noam Shazeer',
  '--year',
  '2017',
  '--tag',
  'nlp',
]

describe('add in the editor', () => {
  it("opens on the paper's title, authors and year in a comment; text written below it is saved without the comment", async () => {
    const ctx = testContext({ tty: true, editor: (text) => text + 'Attention only.\n' })
    expect(await main(['add', ...paperFlags], ctx), ctx.stderr()).toBe(0)
    expect(ctx.edited[0]).toMatch(
      /^<!--\nSummary of: Attention Is All You Need\nAuthors: Ashish Vaswani; Noam Shazeer\nYear: 2017\n[^]*-->\n/,
    )
    expect((await ctx.store.read()).summaries[0]!.body).toBe('Attention only.\n')
  })

  it('a summary of a known paper: the template names that paper', async () => {
    const ctx = testContext({ tty: true, library: smallLibrary(), editor: (text) => text + 'Again.\n' })
    expect(await main(['add', 'rasmussen2004gaussian', '--tag', 'bayesian'], ctx), ctx.stderr()).toBe(0)
    expect(ctx.edited[0]).toContain('Summary of: Gaussian Processes in Machine Learning\nAuthors: Carl Edward Rasmussen\nYear: 2004\n')
  })
})

describe('an empty summary is refused the same way, exit 1, nothing saved', () => {
  const dir = tempDir('precis-empty-')
  const empty = join(dir, 'empty.md')
  writeFileSync(empty, '\n  \n')
  it.each<[string, string[], TestContextOptions]>([
    ['--body ""', ['--body', ''], {}],
    ['--body of spaces', ['--body', '  \n'], {}],
    ['an empty --file', ['--file', empty], {}],
    ['empty standard input', ['--file', '-'], { stdin: '' }],
    ['the editor emptied', ['--edit'], { tty: true, editor: () => '' }],
    ['the editor left on its template', ['--edit'], { tty: true, editor: (text) => text }],
  ])('%s', async (_, args, options) => {
    const ctx = testContext(options)
    expect(await main(['add', ...paperFlags, ...args], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('precis: The summary is empty; nothing was saved')
    expect((await ctx.store.read()).papers).toEqual([])
  })
})
