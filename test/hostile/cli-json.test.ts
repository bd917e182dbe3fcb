import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'

/** One library file for a sequence of commands, each run in a fresh context with --json. */
function libraryFile(): (argv: string[]) => Promise<{ code: number; json: unknown; err: string }> {
  const path = join(tempDir(), 'library.json')
  writeFileSync(path, JSON.stringify(smallLibrary()))
  return async (argv) => {
    const ctx = testContext({ library: path })
    const code = await main(['--json', ...argv], ctx)
    // Nothing but one JSON document on stdout: JSON.parse refuses anything around it.
    return { code, json: JSON.parse(ctx.stdout()) as unknown, err: ctx.stderr() }
  }
}

describe('--json on every command that changes data prints what changed, and only that', () => {
  it('add prints the new record', async () => {
    const run = libraryFile()
    const { code, json } = await run([
      'add',
      '--title',
      'Attention Is All You Need',
      '--author',
      'Ashish Vaswani',
      '--year',
      '2017',
      '--tag',
      'nlp',
      '--body',
      'Self-attention.',
    ])
    expect(code).toBe(0)
    expect(json).toMatchObject({
      id: 'vaswani2017attention',
      key: 'vaswani2017attention',
      newPaper: true,
      linked: [],
      record: {
        id: 'vaswani2017attention',
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani'],
        year: 2017,
        tags: ['nlp'],
        body: 'Self-attention.',
      },
    })
  })

  it('add to a known paper says it attached', async () => {
    const run = libraryFile()
    const { json } = await run([
      'add',
      '--title',
      'Gaussian Processes in Machine Learning',
      '--author',
      'Carl Edward Rasmussen',
      '--year',
      '2004',
      '--body',
      'Again.',
    ])
    expect(json).toMatchObject({ key: 'rasmussen2004gaussian', newPaper: false, record: { body: 'Again.' } })
  })

  it('edit, rm, restore and trash --empty each print their ids and keys', async () => {
    const run = libraryFile()
    expect(await run(['edit', 'rasmussen2004gaussian', '--venue', 'MLSS'])).toMatchObject({
      code: 0,
      json: { id: 'rasmussen2004gaussian', key: 'rasmussen2004gaussian', changed: true },
    })
    expect(await run(['rm', 'gilmer2017neural', '--yes'])).toMatchObject({
      code: 0,
      json: {
        trashed: [
          { id: 'gilmer2017neural', key: 'gilmer2017neural' },
          { id: 'gilmer2017neural-2', key: 'gilmer2017neural' },
        ],
      },
    })
    expect(await run(['restore', 'gilmer2017neural-2'])).toMatchObject({
      code: 0,
      json: { restored: [{ id: 'gilmer2017neural-2', key: 'gilmer2017neural', was: 'gilmer2017neural-2' }] },
    })
    expect(await run(['trash', '--empty', '--yes'])).toMatchObject({ code: 0, json: { deleted: ['gilmer2017neural'], kept: 0 } })
    expect(await run(['trash', '--empty', '--yes'])).toMatchObject({ code: 0, json: { deleted: [], kept: 0 } })
  })

  it.each([
    [['tag', 'rasmussen2004gaussian', '+gp']],
    [['tags', 'rename', 'gnn', 'graphs']],
    [['tags', 'rm', 'gnn', '--yes']],
    [['rekey', 'rasmussen2004gaussian', 'rasmussen2004gp']],
    [['doctor', '--fix']],
  ])('precis --json %j prints JSON', async (argv) => {
    const { code, json } = await libraryFile()(argv)
    expect(code).toBe(0)
    expect(json).toBeTypeOf('object')
  })
})
