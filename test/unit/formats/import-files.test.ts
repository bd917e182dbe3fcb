import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectImportFiles } from '../../../src/formats/import-files.js'
import { tempDir } from '../../support/context.js'

const MD = new Set(['.md'])

/**
 * notes/ holding a note, a note in a subfolder, a link to each of its own notes, a link to a note
 * outside, a link to a folder outside, a link to its own folder (a loop) and a dangling link;
 * outside/ holding one note.
 */
function tree(): string {
  const dir = tempDir('precis-walk-')
  mkdirSync(join(dir, 'notes', 'sub'), { recursive: true })
  mkdirSync(join(dir, 'outside'))
  for (const file of ['notes/a.md', 'notes/sub/b.md', 'outside/c.md']) writeFileSync(join(dir, file), 'x')
  symlinkSync('a.md', join(dir, 'notes', 'alias.md'))
  symlinkSync('../a.md', join(dir, 'notes', 'sub', 'up.md'))
  symlinkSync(join(dir, 'outside', 'c.md'), join(dir, 'notes', 'out.md'))
  symlinkSync(join(dir, 'outside'), join(dir, 'notes', 'outdir'))
  symlinkSync('..', join(dir, 'notes', 'sub', 'loop'))
  symlinkSync('gone.md', join(dir, 'notes', 'dangling.md'))
  return dir
}

async function walk(followSymlinks: boolean) {
  const dir = tree()
  const { files, skipped } = await collectImportFiles(['notes'], dir, MD, followSymlinks)
  return {
    files: files.map((f) => [relative(dir, f.path), relative(dir, f.target)]),
    skipped: skipped.map((s) => `${relative(dir, s.path)}: ${s.reason}`),
  }
}

describe('collectImportFiles', () => {
  it('by default: files inside the folder, each once (links to them included); links leading out skipped and named', async () => {
    expect(await walk(false)).toEqual({
      files: [
        ['notes/a.md', 'notes/a.md'],
        ['notes/sub/b.md', 'notes/sub/b.md'],
      ],
      skipped: [
        'notes/dangling.md: a symbolic link that leads nowhere',
        'notes/out.md: a symbolic link to a file outside notes',
        'notes/outdir: a symbolic link to a folder outside notes',
      ],
    })
  })

  it('with followSymlinks: what every link leads to, each file and folder once (outside/c.md by its first link only), the loop named', async () => {
    expect(await walk(true)).toEqual({
      files: [
        ['notes/a.md', 'notes/a.md'],
        ['notes/out.md', 'outside/c.md'],
        ['notes/sub/b.md', 'notes/sub/b.md'],
      ],
      skipped: [
        'notes/dangling.md: a symbolic link that leads nowhere',
        'notes/sub/loop: a symbolic link to a folder already read (a loop of links?)',
      ],
    })
  })

  it('a path given is followed wherever it leads: the person named it', async () => {
    const dir = tree()
    const { files, skipped } = await collectImportFiles(['notes/out.md'], dir, MD)
    expect(files.map((f) => relative(dir, f.target))).toEqual(['outside/c.md'])
    expect(skipped).toEqual([])
  })
})
