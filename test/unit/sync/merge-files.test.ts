import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mergeDriverRun } from '../../../src/commands/merge-driver/run.js'
import { DataError } from '../../../src/core/errors.js'
import type { Library } from '../../../src/core/model.js'
import { parseLibrary } from '../../../src/core/schema/schema.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { mergeLibraryFiles, type MergeFiles } from '../../../src/sync/merge-files.js'
import { tempDir, testContext } from '../../support/context.js'
import { paper, smallLibrary, summary } from '../../support/library.js'

const NOW = new Date('2026-11-26T12:00:00.000Z')
const text = (lib: Library) => [...serializeLibrary(lib)].join('')

/** The three files git would hand the driver. */
function files(base: string, ours: string, theirs: string | Buffer): MergeFiles & { dir: string } {
  const dir = tempDir('precis-driver-')
  const paths = { dir, base: join(dir, '.merge_file_base'), ours: join(dir, '.merge_file_ours'), theirs: join(dir, '.merge_file_theirs') }
  writeFileSync(paths.base, base)
  writeFileSync(paths.ours, ours)
  writeFileSync(paths.theirs, theirs)
  return paths
}

function edited(edit: (lib: Library) => void): Library {
  const lib = smallLibrary()
  edit(lib)
  return lib
}

describe('mergeLibraryFiles', () => {
  it('writes the merge over ours, in the stable form', async () => {
    const ours = edited((lib) => void (lib.summaries[0]!.body = 'ours'))
    const theirs = edited((lib) => void (lib.papers[1]!.venue = 'ML Summer School'))
    const f = files(text(smallLibrary()), text(ours), text(theirs))
    expect(await mergeLibraryFiles(f, 'library.json', NOW)).toEqual([])
    const merged = readFileSync(f.ours, 'utf8')
    expect(merged).toBe(text(parseLibrary(merged, 'merged')))
    expect(parseLibrary(merged, 'merged').summaries[0]!.body).toBe('ours')
    expect(parseLibrary(merged, 'merged').papers[1]!.venue).toBe('ML Summer School')
  })

  it('reads an empty common version as an empty library (histories that share nothing)', async () => {
    const f = files('', text(smallLibrary()), text(edited((lib) => void lib.summaries.splice(1))))
    await mergeLibraryFiles(f, 'library.json', NOW)
    expect(parseLibrary(readFileSync(f.ours, 'utf8'), 'merged').summaries).toHaveLength(3)
  })

  it.each<[string, string | Buffer]>([
    ['conflict markers', `<<<<<<< ours\n${text(smallLibrary())}=======\n{}\n>>>>>>> theirs\n`],
    ['not a library', '{"format": "something-else"}'],
    ['empty', ''],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
  ])('refuses a side that is %s and leaves ours exactly as it was', async (_, bad) => {
    const ours = text(smallLibrary())
    const f = files(text(smallLibrary()), ours, bad)
    await expect(mergeLibraryFiles(f, 'library.json', NOW)).rejects.toBeInstanceOf(DataError)
    expect(readFileSync(f.ours, 'utf8')).toBe(ours)
    expect(readdirSync(f.dir).sort()).toEqual(['.merge_file_base', '.merge_file_ours', '.merge_file_theirs'])
  })
})

describe('precis merge-driver', () => {
  it('says on stderr which conflict copies it made', async () => {
    const ours = edited((lib) => Object.assign(lib.summaries[0]!, { body: 'ours', updated: '2025-07-01T00:00:00.000Z' }))
    const theirs = edited((lib) => Object.assign(lib.summaries[0]!, { body: 'theirs', updated: '2025-06-01T00:00:00.000Z' }))
    const ctx = testContext()
    await mergeDriverRun({ files: files(text(smallLibrary()), text(ours), text(theirs)), path: 'library.json' }, ctx)
    expect(ctx.stderr()).toBe(
      'precis: merged library.json; 1 record changed on both sides, the other versions kept as gilmer2017neural-conflict\n',
    )
    expect(ctx.stdout()).toBe('')
  })
})

describe('keys the merge driver makes', () => {
  /** Each side adds a different paper under keys that differ only in case: theirs takes a fresh key. */
  function twins(): MergeFiles {
    const add = (key: string, title: string) =>
      edited((lib) => {
        lib.papers.push(paper({ key, title, authors: ['Li Chen'], year: 2017 }))
        lib.summaries.push(summary({ id: key, paper: key }))
      })
    return files(text(smallLibrary()), text(add('Chen_2017', 'Deep nets')), text(add('chen_2017', 'Sparse kernels')))
  }
  const keys = (f: MergeFiles) => parseLibrary(readFileSync(f.ours, 'utf8'), 'merged').papers.map((p) => p.key)

  it.each([
    ['the default pattern', {}, undefined, 'chen2017sparse'],
    ['PRECIS_KEY_PATTERN', { PRECIS_KEY_PATTERN: '{Author}_{year}' }, 'key_pattern = "{author}{yy}"\n', 'Chen_2017a'],
    ["the config file's key_pattern", {}, 'key_pattern = "{author}{yy}"\n', 'chen17'],
  ])('follow %s', async (_, env, config, key) => {
    const f = twins()
    await mergeDriverRun({ files: f, path: 'library.json' }, testContext({ env, config }))
    expect(keys(f).filter((k) => /^chen/i.test(k))).toEqual(['Chen_2017', key])
  })

  it('a merge that makes no key does not read the config file', async () => {
    const ours = edited((lib) => void (lib.summaries[0]!.body = 'ours'))
    const f = files(text(smallLibrary()), text(ours), text(smallLibrary()))
    const ctx = testContext({ config: 'key_pattern = 3\n' })
    await mergeDriverRun({ files: f, path: 'library.json' }, ctx)
    expect(parseLibrary(readFileSync(f.ours, 'utf8'), 'merged').summaries[0]!.body).toBe('ours')
    await expect(mergeDriverRun({ files: twins(), path: 'library.json' }, ctx)).rejects.toThrow(/key_pattern must be/)
  })
})
