import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Library } from '../../src/core/model.js'
import { serializeLibrary } from '../../src/store/serialize.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { libraryFileOf } from '../support/attachments.js'

// A paper without summaries (queued with add --to-read, added with --no-summary or from a PDF)
// goes to the trash alone, and comes back from it.

const QUEUED = paper({ key: 'queued2021', title: 'A Paper Still To Read', state: 'to-read', priority: 2 })

function library(): Library {
  return libraryOf(
    [paper({ key: 'gilmer2017neural', title: 'Neural Message Passing' }), QUEUED],
    [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural' })],
  )
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Library
const filesOf = (lib: string) => join(dirname(lib), 'library.files')

function fileWith(name: string, text: string): string {
  const file = join(tempDir('precis-src-'), name)
  writeFileSync(file, text)
  return file
}

describe.each([false, true])('rm, trash and restore of a paper alone (tty: %s)', (tty) => {
  async function run(argv: string[], lib: string, env: Record<string, string> = {}) {
    const ctx = testContext({ tty, library: lib, env, answers: { confirm: true } })
    // Without a terminal nothing asks: --yes says it.
    const yes = !tty && (argv.includes('rm') || argv.includes('--empty')) ? ['--yes'] : []
    const code = await main([...argv, ...yes], ctx)
    return { code, out: ctx.stdout(), err: ctx.stderr() }
  }

  it('rm moves it to the trash, trash lists it as a paper, restore brings it back exactly', async () => {
    const lib = libraryFileOf(library())
    const removed = await run(['rm', 'queued2021'], lib)
    expect(removed.code, removed.err).toBe(0)
    expect(removed.out).toBe('queued2021\n')
    expect(removed.err).toContain('Moved 1 paper to the trash; undo with:\n  precis restore queued2021\n')
    if (tty) expect(removed.err).toContain('queued2021  A Paper Still To Read (the paper; it has no summary)')
    const trashed = read(lib)
    expect(trashed.papers.map((p) => p.key)).toEqual(['gilmer2017neural'])
    expect(trashed.trash).toEqual([{ summary: null, paper: QUEUED, deleted: '2026-11-26T12:00:00.000Z' }])

    const listed = await run(['trash'], lib)
    expect(listed.code).toBe(0)
    if (tty) expect(listed.out).toMatch(/^queued2021 {2}2026-11-26 {2}paper: A Paper Still To Read$/m)
    else expect(listed.out).toBe('queued2021\t2026-11-26\tA Paper Still To Read\tpaper\n')
    const json = await run(['--json', 'trash'], lib)
    expect(JSON.parse(json.out)).toEqual([
      { id: 'queued2021', kind: 'paper', key: 'queued2021', title: 'A Paper Still To Read', deleted: '2026-11-26T12:00:00.000Z' },
    ])
    // It is no longer in the queue, and a handle no longer reaches it.
    expect((await run(['queue', '--json'], lib)).out).not.toContain('queued2021')
    expect((await run(['show', 'queued2021'], lib)).code).toBe(3)

    const restored = await run(['restore', 'queued2021'], lib)
    expect(restored.code, restored.err).toBe(0)
    expect(restored.out).toBe('queued2021\n')
    expect(restored.err).toContain('Restored 1 paper')
    expect(read(lib)).toEqual(library())
  })

  it('a paper key with summaries still removes its summaries, the paper leaving with the last; a mix of both says so', async () => {
    const lib = libraryFileOf(library())
    const removed = await run(['--json', 'rm', 'gilmer2017neural', 'queued2021'], lib)
    expect(removed.code, removed.err).toBe(0)
    expect(JSON.parse(removed.out)).toEqual({
      trashed: [
        { id: 'gilmer2017neural', key: 'gilmer2017neural', kind: 'summary' },
        { id: 'queued2021', key: 'queued2021', kind: 'paper' },
      ],
    })
    expect(removed.err).toContain('Moved 1 summary and 1 paper to the trash')
    const trash = read(lib).trash
    expect(trash.map((e) => [e.summary?.id ?? null, e.paper?.key ?? null])).toEqual([
      ['gilmer2017neural', 'gilmer2017neural'],
      [null, 'queued2021'],
    ])
    expect(read(lib).papers).toEqual([])
    const restored = await run(['--json', 'restore', 'queued2021', 'gilmer2017neural'], lib)
    expect(JSON.parse(restored.out)).toEqual({
      restored: [
        { id: 'queued2021', kind: 'paper', key: 'queued2021', was: 'queued2021' },
        { id: 'gilmer2017neural', kind: 'summary', key: 'gilmer2017neural', was: 'gilmer2017neural' },
      ],
    })
    expect(restored.err).toContain('Restored 1 summary and 1 paper')
  })

  it('its attached files stay in their folder while it is in the trash, come back with it, and go with trash --empty', async () => {
    const lib = libraryFileOf(library())
    expect((await run(['attach', 'queued2021', fileWith('paper.pdf', '%PDF-1.4 queued')], lib)).code).toBe(0)
    const folder = join(filesOf(lib), 'queued2021')
    expect((await run(['rm', 'queued2021'], lib)).code).toBe(0)
    expect(readdirSync(folder)).toEqual(['paper.pdf'])
    expect(read(lib).trash[0]!.paper!.attachments).toHaveLength(1)
    // The trashed paper owns its folder: nothing orphaned, nothing missing.
    const doctor = await run(['--json', 'doctor'], lib)
    expect(JSON.parse(doctor.out).findings).toEqual([])

    expect((await run(['restore', 'queued2021'], lib)).code).toBe(0)
    expect(readFileSync(join(folder, 'paper.pdf'), 'utf8')).toBe('%PDF-1.4 queued')
    expect(read(lib).papers.find((p) => p.key === 'queued2021')!.attachments).toHaveLength(1)

    expect((await run(['rm', 'queued2021'], lib)).code).toBe(0)
    const emptied = await run(['trash', '--empty'], lib)
    expect(emptied.code, emptied.err).toBe(0)
    expect(emptied.err).toContain('Deleted 1 paper and 1 attached file for good')
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([])
    expect(read(lib).trash).toEqual([])
    expect(read(lib).papers.map((p) => p.key)).toEqual(['gilmer2017neural'])
  })

  it('restored when its key was taken meanwhile (a sync, a hand edit), it comes back under a free key with its files moved', async () => {
    const lib = libraryFileOf(library())
    expect((await run(['attach', 'queued2021', fileWith('paper.pdf', 'queued bytes')], lib)).code).toBe(0)
    expect((await run(['rm', 'queued2021'], lib)).code).toBe(0)
    // Another paper arrives under the same key, as a merge from another machine can bring it.
    const changed = read(lib)
    changed.papers.push(paper({ key: 'queued2021', title: 'Something Else Entirely', authors: ['Grace Hopper'], year: 1952 }))
    writeFileSync(lib, [...serializeLibrary(changed)].join(''))

    const restored = await run(['--json', 'restore', 'queued2021'], lib)
    expect(restored.code, restored.err).toBe(0)
    const [entry] = JSON.parse(restored.out).restored as { id: string; kind: string; key: string; was: string }[]
    expect(entry).toMatchObject({ kind: 'paper', was: 'queued2021' })
    expect(entry!.id).not.toBe('queued2021')
    expect(restored.err).toContain(`Restored under a new key: ${entry!.id}`)
    const after = read(lib)
    expect(after.trash).toEqual([])
    expect(after.papers.find((p) => p.key === 'queued2021')!.title).toBe('Something Else Entirely')
    expect(after.papers.find((p) => p.key === entry!.id)).toEqual({ ...QUEUED, key: entry!.id, attachments: expect.any(Array) })
    expect(readFileSync(join(filesOf(lib), entry!.id, 'paper.pdf'), 'utf8')).toBe('queued bytes')
    expect(existsSync(join(filesOf(lib), 'queued2021', 'paper.pdf'))).toBe(false)
  })

  it('restored when the same paper was added again meanwhile, it joins that record', async () => {
    const lib = libraryFileOf(library())
    expect((await run(['rm', 'queued2021'], lib)).code).toBe(0)
    const changed = read(lib)
    changed.papers.push({ ...QUEUED, key: 'queued2021a', state: 'reading' })
    writeFileSync(lib, [...serializeLibrary(changed)].join(''))
    const restored = await run(['restore', 'queued2021'], lib)
    expect(restored.code, restored.err).toBe(0)
    expect(restored.out).toBe('queued2021a\n')
    const after = read(lib)
    expect(after.trash).toEqual([])
    expect(after.papers.map((p) => [p.key, p.state])).toEqual([
      ['gilmer2017neural', undefined],
      ['queued2021a', 'reading'],
    ])
  })
})

describe('a summary written for a paper while it waited to be removed keeps it in the library', () => {
  it('rm resolves again inside the lock: the paper now has a summary, so it stays', async () => {
    const lib = libraryFileOf(library())
    const ctx = testContext({
      tty: true,
      library: lib,
      answers: {
        confirm: () => {
          // Written by another process while the question was on the screen.
          const changed = read(lib)
          changed.summaries.push(summary({ id: 'queued2021', paper: 'queued2021' }))
          writeFileSync(lib, [...serializeLibrary(changed)].join(''))
          return true
        },
      },
    })
    expect(await main(['rm', 'queued2021'], ctx)).toBe(0)
    expect(ctx.stderr()).toContain('Nothing was removed')
    expect(read(lib).papers.map((p) => p.key)).toContain('queued2021')
    expect(read(lib).trash).toEqual([])
  })
})

describe('a paper in the trash alone, seen by the commands that see the trash', () => {
  it('restore completes its key, rekey renames it with its folder, and restore brings it back under the new key', async () => {
    const lib = libraryFileOf(library())
    const run = async (argv: string[]) => {
      const ctx = testContext({ library: lib })
      const code = await main(argv, ctx)
      return { code, out: ctx.stdout(), err: ctx.stderr() }
    }
    expect((await run(['attach', 'queued2021', fileWith('paper.pdf', 'bytes')])).code).toBe(0)
    expect((await run(['rm', 'queued2021', '--yes'])).code).toBe(0)
    expect((await run(['__complete', 'trash', '--', 'que'])).out).toBe('queued2021\n')
    const rekeyed = await run(['rekey', 'queued2021', 'later2021'])
    expect(rekeyed.code, rekeyed.err).toBe(0)
    expect(read(lib).trash.map((e) => [e.summary, e.paper?.key])).toEqual([[null, 'later2021']])
    expect(readdirSync(join(filesOf(lib), 'later2021'))).toEqual(['paper.pdf'])
    expect((await run(['restore', 'later2021'])).code).toBe(0)
    expect(read(lib).papers.find((p) => p.key === 'later2021')).toMatchObject({ title: QUEUED.title, state: 'to-read' })
    expect((await run(['--json', 'doctor'])).out).toContain('"findings": []')
  })

  it('a library file with a paper trashed alone imports as any other: the trash stays behind', async () => {
    const source = libraryFileOf(library())
    expect(await main(['rm', 'queued2021', '--yes'], testContext({ library: source }))).toBe(0)
    const into = testContext({ library: join(tempDir('precis-lib-'), 'library.json') })
    expect(await main(['import', source], into), into.stderr()).toBe(0)
    const imported = await into.store.read()
    expect(imported.papers.map((p) => p.key)).toEqual(['gilmer2017neural'])
    expect(imported.trash).toEqual([])
  })
})
