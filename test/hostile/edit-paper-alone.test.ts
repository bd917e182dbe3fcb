/**
 * Terminal escapes typed into the editor of a paper not yet summarised: what a record may hold is
 * stored exactly and shown sanitised; the C0 controls a record may not hold are refused, and the
 * refusal itself reaches the terminal sanitised.
 */
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper } from '../support/library.js'
import { expectTerminalSafe, HOSTILE, HOSTILE_STORABLE } from './support/terminal.js'

const KEY = 'clark2020electra'
const library = () => libraryOf([paper({ key: KEY, title: 'ELECTRA', authors: ['Kevin Clark'], state: 'to-read', tags: ['thesis'] })])

/** `text` as a YAML double-quoted string, every control and bidi character escaped (YAML refuses C1 characters raw). */
const yamlQuoted = (text: string) =>
  '"' +
  text.replace(/["\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  ) +
  '"'

/** The editor typing `title` over the paper's title. */
const typing = (title: string) => (text: string) => text.replace('title: ELECTRA', `title: ${yamlQuoted(title)}`)

describe('a hostile title typed in the editor of a paper alone', () => {
  it('is stored exactly, and every command showing it prints it sanitised', async () => {
    const ctx = testContext({ tty: true, library: library(), editor: typing(HOSTILE_STORABLE) })
    expect(await main(['edit', KEY], ctx)).toBe(0)
    expectTerminalSafe(ctx.stdout() + ctx.stderr(), 'edit')
    const stored = await ctx.store.read()
    expect(stored.papers[0]!.title).toBe(HOSTILE_STORABLE)
    for (const args of [['show', KEY], ['list'], ['queue'], ['search', 'evil']]) {
      const shown = testContext({ tty: true, library: stored })
      expect(await main(args, shown), args.join(' ')).toBe(0)
      expect(shown.stdout(), args.join(' ')).toContain('Evil')
      expectTerminalSafe(shown.stdout() + shown.stderr(), args.join(' '))
    }
    const json = testContext({ library: stored })
    expect(await main(['--json', 'show', KEY], json)).toBe(0)
    expect(JSON.parse(json.stdout())).toEqual([expect.objectContaining({ title: HOSTILE_STORABLE })])
  })

  it('with the C0 controls a record may not hold is refused (exit 4), the text kept, the message sanitised', async () => {
    const ctx = testContext({ library: library(), env: { HOME: tempDir(), EDITOR: 'fake' }, editor: typing(HOSTILE) })
    expect(await main(['edit', KEY], ctx)).toBe(4)
    expect(ctx.stderr()).toContain('title contains a control character (U+001B)')
    expect(ctx.stderr()).toMatch(/kept at .+\.md/)
    expectTerminalSafe(ctx.stdout() + ctx.stderr(), 'edit')
    expect(await ctx.store.read()).toEqual(library())
  })

  it('typed raw into the YAML (C1 characters YAML refuses) is refused with a sanitised message', async () => {
    const ctx = testContext({
      library: library(),
      env: { HOME: tempDir(), EDITOR: 'fake' },
      editor: (text) => text.replace('title: ELECTRA', `title: ${HOSTILE}`),
    })
    expect(await main(['edit', KEY], ctx)).toBe(4)
    expectTerminalSafe(ctx.stdout() + ctx.stderr(), 'edit')
    expect(await ctx.store.read()).toEqual(library())
  })
})
