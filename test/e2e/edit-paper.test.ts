/**
 * `edit <key>` of a queued paper through the built binary: field flags, --json, the editor ($EDITOR
 * as a script, no terminal), the refusal of --body, and the summary written later taking the tags over.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'

describe('precis edit <key> of a paper with no summary (spawned)', () => {
  it('fixes the fields and own tags of a queued paper by flags and in $EDITOR', async () => {
    const dir = tempDir('precis-edit-paper-e2e-')
    const library = join(dir, 'library.json')
    const run = (args: string[], env: Record<string, string> = {}) =>
      runPrecis(['--library', library, ...args], { env: { HOME: dir, ...env } })
    const stored = () => parseLibrary(readFileSync(library, 'utf8'), library)

    const added = await run(['add', '--title', 'Electra', '--author', 'Kevin Clark', '--year', '2019', '--to-read', '--tag', 'thesis'])
    expect(added.code, added.stderr).toBe(0)
    const key = added.stdout.trim()

    const flags = await run(['--json', 'edit', key, '--year', '2020', '--venue', 'ICLR', '--arxiv', 'arXiv:2003.10555v1', '--tag', 'nlp'])
    expect(flags.code, flags.stderr).toBe(0)
    expect(JSON.parse(flags.stdout)).toEqual({ id: key, key, changed: true })
    expect(stored().papers[0]).toMatchObject({ year: 2020, venue: 'ICLR', arxiv: '2003.10555', state: 'to-read', tags: ['thesis', 'nlp'] })

    const editor = join(dir, 'editor.sh')
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/^title: Electra$/title: ELECTRA/; s/^  - nlp$/  - pretraining/" "$1"\n', { mode: 0o755 })
    const edited = await run(['edit', key], { EDITOR: editor })
    expect(edited.code, edited.stderr).toBe(0)
    expect(edited.stdout).toBe(`${key}\n`)
    expect(stored().papers[0]).toMatchObject({ title: 'ELECTRA', tags: ['thesis', 'pretraining'] })
    expect(stored().summaries).toEqual([])

    const body = await run(['edit', key, '--body', 'Notes'])
    expect(body.code).toBe(2)
    expect(body.stderr).toContain(`Write its summary with: precis add ${key}`)
    expect((await run(['edit', 'nothing2020here', '--year', '2020'])).code).toBe(3)

    const summarised = await run(['add', key, '--body', 'Replaced token detection.'])
    expect(summarised.code, summarised.stderr).toBe(0)
    expect(stored().summaries).toEqual([expect.objectContaining({ id: key, tags: ['thesis', 'pretraining'] })])
    expect(stored().papers[0]).not.toHaveProperty('tags')
  })
})
