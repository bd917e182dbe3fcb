import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { fingerprint, writeLibraryFile } from './support/files.js'
import { precisRun } from './support/in-process.js'
import { builtCommands, type RunResult } from './support/precis.js'

const good = JSON.stringify(smallLibrary(), null, 2)
const valid = smallLibrary()

/** Damaged files as they happen: crashes of other tools, bad hand edits, other programs' files. */
const damaged: [string, string | Buffer][] = [
  ['empty', ''],
  ['truncated', good.slice(0, Math.floor(good.length / 2))],
  ['NUL-filled (a crash on some file systems)', Buffer.alloc(8192)],
  ['BOM-prefixed', '\ufeff' + good],
  ['invalid UTF-8', Buffer.concat([Buffer.from(good.slice(0, 200)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(good.slice(200))])],
  ['the JSON null', 'null'],
  ['an empty array', '[]'],
  ['followed by garbage', good + '\n}{'],
  ['version 0', JSON.stringify({ ...valid, version: 0 })],
  ["another program's JSON", JSON.stringify({ name: 'zotero', items: [] })],
  ['a year as text', JSON.stringify({ ...valid, papers: [{ ...valid.papers[0], year: '2017' }, ...valid.papers.slice(1)] })],
  ['an uppercase tag', JSON.stringify({ ...valid, summaries: [{ ...valid.summaries[0], tags: ['GNN'] }, ...valid.summaries.slice(1)] })],
  ['two summaries with one id', JSON.stringify({ ...valid, summaries: [...valid.summaries, valid.summaries[0]] })],
  ['a bad timestamp', JSON.stringify({ ...valid, trash: [{ summary: valid.summaries[0], paper: null, deleted: 'yesterday' }] })],
]

const reader = ['list']
const writer = ['add', '--title', 'A new paper', '--author', 'Ada Lovelace', '--year', '2024', '--body', 'x']

/** A reader and every writer the build has. */
function everyCommand(): string[][] {
  const built = builtCommands()
  return [
    reader,
    ['show', 'gilmer2017neural'],
    writer,
    ['edit', 'gilmer2017neural', '--title', 'Renamed'],
    ['rm', 'gilmer2017neural', '--yes'],
    ['restore', 'gilmer2017neural'],
    ...(built.has('tag') ? [['tag', 'gilmer2017neural', '+new']] : []),
    ...(built.has('tags') ? [['tags', 'rename', 'gnn', 'graphs']] : []),
    ...(built.has('stats') ? [['stats']] : []),
  ]
}

/**
 * Run `commands` on a library holding `content` (with a good backup): each must exit 4 and leave every file as it was.
 * Spawned, they run at once; in-process, one after the other (runs of one process would share its id in the lock).
 */
async function expectAllRefused(content: string | Buffer, commands: string[][], spawned = false): Promise<void> {
  const dir = tempDir('precis-damaged-')
  const library = join(dir, 'library.json')
  writeLibraryFile(`${library}.bak`, valid)
  writeFileSync(library, content)
  const before = fingerprint(library)
  const mtime = statSync(library).mtimeMs
  const results: RunResult[] = []
  if (spawned) results.push(...(await Promise.all(commands.map((args) => precisRun(library, args, { spawned })))))
  else for (const args of commands) results.push(await precisRun(library, args))
  for (const [i, result] of results.entries()) {
    const what = `precis ${commands[i]!.join(' ')}`
    expect(result.code, `${what}: ${result.stderr}`).toBe(4)
    expect(result.stderr, what).toContain(library)
    expect(result.stderr, what).toContain(`${library}.bak`)
    expect(result.stdout, what).toBe('')
  }
  expect(fingerprint(library)).toBe(before)
  expect(statSync(library).mtimeMs).toBe(mtime)
  expect(readdirSync(dir).sort()).toEqual(['library.json', 'library.json.bak'])
}

describe('a damaged library through the command line', () => {
  it.each(damaged)(
    '%s: reading and writing exit 4 naming the file and its backup, and leave every file byte-identical',
    async (_, content) => {
      await expectAllRefused(content, [reader, writer], content === damaged[0]![1])
    },
  )

  it('truncated: every command the build has exits 4 and leaves every file byte-identical', async () => {
    await expectAllRefused(good.slice(0, 300), everyCommand())
  })

  it('without a backup, the message says there is none and how to proceed', async () => {
    const dir = tempDir('precis-damaged-')
    const library = join(dir, 'library.json')
    writeFileSync(library, '{"format": "precis-library", "version": 1, "papers": [')
    const result = await precisRun(library, ['list'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`There is no backup (${library}.bak does not exist)`)
    expect(readdirSync(dir)).toEqual(['library.json'])
  })
})
