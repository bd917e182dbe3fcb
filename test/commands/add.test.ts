import { describe, expect, it } from 'vitest'
import { parseAddOptions } from '../../src/commands/add/command.js'
import { CancelError, UsageError } from '../../src/core/errors.js'
import { main } from '../../src/main.js'
import { smallLibrary } from '../support/library.js'
import { testContext } from '../support/context.js'

const full = ['--title', 'Attention Is All You Need', '--author', 'Ashish Vaswani', '--author', 'Noam Shazeer', '--year', '2017']

describe('add: argv → options', () => {
  it('reads an arXiv source into the paper fields', () => {
    const opts = parseAddOptions('arXiv:1706.03762v5', { tag: ['NLP', 'nlp'] })
    expect(opts.source).toEqual({ kind: 'arxiv', id: '1706.03762', version: 'v5' })
    expect(opts.paper.arxiv).toBe('1706.03762')
    expect(opts.tags).toEqual(['nlp'])
    expect(opts.body).toEqual({ from: 'none' })
  })

  it.each([
    ['--no-summary with a summary author', undefined, { summary: false, tag: ['x'], by: 'B' }],
    ['--no-summary with a body', undefined, { summary: false, body: 'x' }],
    ['a bad year', undefined, { year: '20x7' }],
    ['two body sources', undefined, { body: 'x', file: 'y' }],
    ['a bad tag', undefined, { tag: ['a//b'] }],
    ['an empty title', undefined, { title: ' ' }],
    ['paper flags with a paper of the library', 'gilmer2017neural', { title: 'Another Title' }],
    ['an author with a paper of the library', 'gilmer2017neural', { author: ['Ann Other'] }],
  ])('refuses %s', (_, source, raw) => {
    expect(() => parseAddOptions(source, raw)).toThrow(UsageError)
  })
})

describe('add', () => {
  it('adds a summary from flags without a terminal and prints only the id on stdout', async () => {
    const ctx = testContext({ tty: false })
    const code = await main(['add', ...full, '--tag', 'NLP/Transformers', '--by', 'Me', '--body', 'Self-attention, $O(n^2)$.'], ctx)
    expect(code).toBe(0)
    expect(ctx.stdout()).toBe('vaswani2017attention\n')
    expect(ctx.stderr()).toContain('Added vaswani2017attention')
    const lib = await ctx.store.read()
    expect(lib.papers[0]).toMatchObject({
      key: 'vaswani2017attention',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      year: 2017,
      added: '2026-11-26T12:00:00.000Z',
    })
    expect(lib.summaries[0]).toEqual({
      id: 'vaswani2017attention',
      paper: 'vaswani2017attention',
      by: 'Me',
      body: 'Self-attention, $O(n^2)$.',
      tags: ['nlp/transformers'],
      created: '2026-11-26T12:00:00.000Z',
      updated: '2026-11-26T12:00:00.000Z',
    })
  })

  it.each([
    ['--title', ['--author', 'A B', '--body', 'x']],
    ['--author', ['--title', 'T', '--body', 'x']],
    ['--body', ['--title', 'T', '--author', 'A B']],
  ])('without a terminal, missing data is exit 2 naming %s', async (flag, argv) => {
    const ctx = testContext({ tty: false })
    expect(await main(['add', ...argv], ctx)).toBe(2)
    expect(ctx.stderr()).toContain(flag)
    expect((await ctx.store.read()).summaries).toEqual([])
  })

  it('with --no-input in a terminal, it does not ask', async () => {
    const ctx = testContext({ tty: true })
    expect(await main(['--no-input', 'add', '--body', 'x'], ctx)).toBe(2)
    expect(ctx.asked).toEqual([])
  })

  it('in a terminal asks for what is missing, then opens the editor on a template naming the paper', async () => {
    const ctx = testContext({
      tty: true,
      answers: { title: 'Deep Residual Learning', authors: 'Kaiming He; Xiangyu Zhang', year: '2016', tags: 'vision, CNN' },
      editor: (text) => text + 'Residual connections make depth trainable.\n',
    })
    expect(await main(['add'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['title', 'authors', 'year', 'tags'])
    expect(ctx.edited).toHaveLength(1)
    expect(ctx.edited[0]).toContain('Summary of: Deep Residual Learning\n')
    const lib = await ctx.store.read()
    expect(lib.papers[0]).toMatchObject({
      key: 'he2016deep',
      title: 'Deep Residual Learning',
      authors: ['Kaiming He', 'Xiangyu Zhang'],
      year: 2016,
    })
    expect(lib.summaries[0]).toMatchObject({ tags: ['vision', 'cnn'], body: 'Residual connections make depth trainable.\n' })
  })

  it('an empty editor result saves nothing', async () => {
    const ctx = testContext({ tty: true, answers: { tags: '' }, editor: () => '  \n' })
    expect(await main(['add', ...full], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('empty')
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('Ctrl-C at a prompt is exit 130 and saves nothing', async () => {
    const ctx = testContext({ tty: true, answers: { title: new CancelError() } })
    expect(await main(['add'], ctx)).toBe(130)
    expect((await ctx.store.read()).papers).toEqual([])
  })

  it('reads the text from stdin with --file -', async () => {
    const ctx = testContext({ stdin: 'From *stdin*.\n' })
    expect(await main(['add', ...full, '--file', '-'], ctx)).toBe(0)
    expect((await ctx.store.read()).summaries[0]?.body).toBe('From *stdin*.\n')
  })

  it('refuses binary stdin with exit 4', async () => {
    const ctx = testContext({ stdin: new Uint8Array([0x41, 0, 0x42]) })
    expect(await main(['add', ...full, '--file', '-'], ctx)).toBe(4)
    expect(ctx.stderr()).toContain('standard input')
  })

  it('a missing --file is exit 3', async () => {
    const ctx = testContext()
    expect(await main(['add', ...full, '--file', '/nonexistent/notes.md'], ctx)).toBe(3)
  })

  it('attaches a summary of a known paper (by arXiv id) without asking for its metadata', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['add', '1704.01212v3', '--body', 'Third reading.'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gilmer2017neural-3\n')
    expect(ctx.stderr()).toContain('existing paper')
    const lib = await ctx.store.read()
    expect(lib.papers).toHaveLength(2)
    expect(lib.summaries.filter((s) => s.paper === 'gilmer2017neural')).toHaveLength(3)
  })

  it('an unknown arXiv id without a terminal or metadata (no network here) fails naming --title', async () => {
    const ctx = testContext()
    expect(await main(['add', 'arXiv:2401.00001', '--body', 'x'], ctx)).toBe(1)
    expect(ctx.stderr()).toContain('No metadata for arXiv:2401.00001')
    expect(ctx.stderr()).toContain('--title')
  })
})
