import { spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempNameBeside } from '../../src/store/temp-files.js'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { fingerprint, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisOn, type RunOptions } from './support/precis.js'

// What the file system can put where precis reads or writes: named pipes and devices (which never
// end, or block the open), loops of links, links out of an imported folder, a library the user made
// read-only, and the temp files of killed writers. Every refusal is a message with the contract's
// exit code, never an engine code such as ELOOP.

const ENGINE_CODE = /\bE[A-Z]{3,}\b/
const addArgs = (title: string) => ['add', '--title', title, '--author', 'Ada Lovelace', '--year', '2024', '--body', 'x', '--no-input']

/** Children still running when a test ends (only if precis hung, which these tests exist to catch). */
const children = new Set<ChildProcess>()
const tracked: RunOptions = { onSpawn: (child) => (children.add(child), child.on('close', () => children.delete(child))) }
afterEach(() => {
  for (const child of children) child.kill('SIGKILL') // a hung precis ignores SIGTERM
  children.clear()
})

function fifo(path: string): string {
  const made = spawnSync('mkfifo', [path])
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr.toString()}`)
  return path
}

const markdown = (title: string, author: string) => `---\ntitle: ${title}\nauthors: [${author}]\nyear: 2020\n---\nA summary of ${title}.\n`

describe('a library that is not a regular file', () => {
  it.each([['list'], ['add']])('a named pipe as the library (%s): refused at once, exit 4, no lock left beside it', async (command) => {
    const dir = tempDir('precis-special-')
    const library = fifo(join(dir, 'library.json'))
    const run = await precisOn(library, command === 'add' ? addArgs('Piped') : ['list'], tracked)
    expect(run.code, run.stderr).toBe(4)
    expect(run.stderr).toContain(`Cannot open the library ${library}: it is a named pipe (FIFO), not a regular file`)
    expect(statSync(library).isFIFO()).toBe(true)
    expect(readdirSync(dir)).toEqual(['library.json'])
  })

  it.each([['list'], ['show', 'anything'], ['add']])(
    '/dev/zero as the library (%s): refused at once, exit 4, nothing made in /dev',
    async (...args) => {
      const run = await precisOn('/dev/zero', args[0] === 'add' ? addArgs('Zero') : args, tracked)
      expect(run.code, run.stderr).toBe(4)
      expect(run.stderr).toContain('Cannot open the library /dev/zero: it is a character device, not a regular file')
      expect(existsSync('/dev/zero.lock')).toBe(false)
    },
  )

  it.each([['list'], ['add'], ['doctor']])('a loop of symbolic links as the library (%s): exit 4 saying so, no ELOOP', async (command) => {
    const dir = tempDir('precis-special-')
    symlinkSync(join(dir, 'b.json'), join(dir, 'a.json'))
    symlinkSync(join(dir, 'a.json'), join(dir, 'b.json'))
    const run = await precisOn(join(dir, 'a.json'), command === 'add' ? addArgs('Looped') : [command], tracked)
    expect(run.code, run.stderr).toBe(4)
    expect(run.stderr).toContain('too many symbolic links')
    expect(run.stderr).not.toMatch(ENGINE_CODE)
    expect(lstatSync(join(dir, 'a.json')).isSymbolicLink()).toBe(true)
  })

  it.each([
    ['a folder', (dir: string) => dir, 'it is a folder, not a regular file'],
    [
      'a path through a file',
      (dir: string) => (writeFileSync(join(dir, 'plain'), 'x'), join(dir, 'plain', 'library.json')),
      'a part of its path is a file, not a folder',
    ],
  ])('%s as the library: exit 4 naming the reason in words', async (_, make, reason) => {
    const library = make(tempDir('precis-special-'))
    for (const args of [['list'], addArgs('Nowhere')]) {
      const run = await precisOn(library, args, tracked)
      expect(run.code, run.stderr).toBe(4)
      expect(run.stderr).toContain(reason)
      expect(run.stderr).not.toMatch(ENGINE_CODE)
    }
  })
})

describe('special files given to import and --file', () => {
  it('a named pipe given to import, in a folder and to add --file: refused at once (exit 4); a folder import names it and goes on', async () => {
    const dir = tempDir('precis-special-')
    const library = join(dir, 'library.json')
    const pipe = fifo(join(dir, 'notes.md'))
    const direct = await precisOn(library, ['import', pipe], tracked)
    expect(direct.code, direct.stderr).toBe(4)
    expect(direct.stderr).toContain('it is a named pipe (FIFO), not a regular file')

    const file = await precisOn(library, ['add', '--title', 'Piped', '--author', 'Ada Lovelace', '--year', '2024', '--file', pipe], tracked)
    expect(file.code, file.stderr).toBe(4)
    expect(file.stderr).toContain('it is a named pipe (FIFO), not a regular file')

    mkdirSync(join(dir, 'notes'))
    fifo(join(dir, 'notes', 'pipe.md'))
    writeFileSync(join(dir, 'notes', 'real.md'), markdown('Real notes', 'Ann Real'))
    const folder = await precisOn(library, ['import', join(dir, 'notes')], { ...tracked, cwd: dir })
    expect(folder.code, folder.stderr).toBe(0)
    expect(folder.stderr).toContain('notes/pipe.md: a named pipe (FIFO), not a regular file')
    expect(readLibraryFile(library).papers.map((p) => p.title)).toEqual(['Real notes'])
    expect(existsSync(library)).toBe(true)
  })

  it('/dev/zero given to import: refused at once, exit 4', async () => {
    const library = join(tempDir('precis-special-'), 'library.json')
    const run = await precisOn(library, ['import', '/dev/zero'], tracked)
    expect(run.code, run.stderr).toBe(4)
    expect(run.stderr).toContain('/dev/zero cannot be imported: it is a character device, not a regular file')
    expect(existsSync(library)).toBe(false)
  })

  it('standard input (-) is still read from a pipe', async () => {
    const library = join(tempDir('precis-special-'), 'library.json')
    const run = await precisOn(library, ['import', '-', '--format', 'md'], { ...tracked, input: markdown('From a pipe', 'Ann Piper') })
    expect(run.code, run.stderr).toBe(0)
    expect(readLibraryFile(library).papers.map((p) => p.title)).toEqual(['From a pipe'])
  })
})

describe('file-system failures of an export', () => {
  it.each([
    ['a file where a folder of --out should be', (dir: string) => ['--out', join(dir, 'plain', 'list.md')], 'Could not create the folder'],
    ['a folder export under a file', (dir: string) => ['--out', join(dir, 'plain', 'review') + '/'], 'Could not create the folder'],
  ])('%s: exit 1 naming the reason in words', async (_, outArgs, what) => {
    const dir = tempDir('precis-export-')
    const library = join(dir, 'library.json')
    writeLibraryFile(library, smallLibrary())
    writeFileSync(join(dir, 'plain'), 'a file, not a folder')
    const run = await precisOn(library, ['export', ...outArgs(dir)], tracked)
    expect(run.code, run.stderr).toBe(1)
    expect(run.stderr).toContain(`${what} ${join(dir, 'plain')}: a part of its path is a file, not a folder`)
    expect(run.stderr).not.toMatch(ENGINE_CODE)
  })

  it('a file name too long for the file system: exit 1 saying so', async () => {
    const dir = tempDir('precis-export-')
    const library = join(dir, 'library.json')
    writeLibraryFile(library, smallLibrary())
    const run = await precisOn(library, ['export', '--format', 'json', '--out', join(dir, `${'n'.repeat(300)}.json`)], tracked)
    expect(run.code, run.stderr).toBe(1)
    expect(run.stderr).toContain('its path is too long for the file system')
    expect(run.stderr).not.toMatch(ENGINE_CODE)
  })
})

describe('symbolic links in an imported folder', () => {
  /** notes/ with a note of its own, a link to a note outside it, a link to its own note and a link to a folder outside. */
  function folderWithLinks() {
    const dir = tempDir('precis-links-')
    mkdirSync(join(dir, 'notes'))
    mkdirSync(join(dir, 'private'))
    writeFileSync(join(dir, 'notes', 'own.md'), markdown('Own note', 'Ann Inside'))
    writeFileSync(join(dir, 'private', 'secret.md'), markdown('Private secret', 'Sam Secret'))
    writeFileSync(join(dir, 'private', 'deeper.md'), markdown('Private deeper', 'Dee Deeper'))
    symlinkSync(join(dir, 'private', 'secret.md'), join(dir, 'notes', 'passwd.md'))
    symlinkSync('own.md', join(dir, 'notes', 'alias.md'))
    symlinkSync(join(dir, 'private'), join(dir, 'notes', 'elsewhere'))
    return { dir, library: join(dir, 'library.json') }
  }

  it('a link to a file or a folder outside the folder is skipped and named; a link inside it is read once', async () => {
    const { dir, library } = folderWithLinks()
    const run = await precisOn(library, ['import', 'notes'], { ...tracked, cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('notes/passwd.md: a symbolic link to a file outside notes')
    expect(run.stderr).toContain('notes/elsewhere: a symbolic link to a folder outside notes')
    expect(run.stderr).toContain('--follow-symlinks')
    expect(readLibraryFile(library).papers.map((p) => p.title)).toEqual(['Own note'])
  })

  it('with --follow-symlinks, what the links lead to is imported, each file once', async () => {
    const { dir, library } = folderWithLinks()
    const run = await precisOn(library, ['import', 'notes', '--follow-symlinks'], { ...tracked, cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).not.toContain('Skipped')
    expect(
      readLibraryFile(library)
        .papers.map((p) => p.title)
        .sort(),
    ).toEqual(['Own note', 'Private deeper', 'Private secret'])
  })

  it('a loop of linked folders with --follow-symlinks: each folder read once, the import ends (exit 0)', async () => {
    const dir = tempDir('precis-links-')
    mkdirSync(join(dir, 'notes', 'a'), { recursive: true })
    writeFileSync(join(dir, 'notes', 'a', 'one.md'), markdown('Looped note', 'Lou Loop'))
    symlinkSync('..', join(dir, 'notes', 'a', 'up'))
    symlinkSync(join(dir, 'notes'), join(dir, 'notes', 'a', 'root'))
    symlinkSync('b.md', join(dir, 'notes', 'c.md'))
    symlinkSync('c.md', join(dir, 'notes', 'b.md'))
    const library = join(dir, 'library.json')
    const run = await precisOn(library, ['import', 'notes', '--follow-symlinks'], { ...tracked, cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('notes/a/up: a symbolic link to a folder already read')
    expect(run.stderr).toContain('notes/b.md: a symbolic link that leads round in a loop')
    expect(run.stderr).not.toMatch(ENGINE_CODE)
    expect(readLibraryFile(library).summaries).toHaveLength(1)
  })
})

describe('a library the user made read-only', () => {
  it('is not written: add exits 1 saying why and how to allow changes, the file unchanged; reading still works', async () => {
    const dir = tempDir('precis-readonly-')
    const library = join(dir, 'library.json')
    writeLibraryFile(library, smallLibrary())
    chmodSync(library, 0o444)
    const before = fingerprint(library)
    const add = await precisOn(library, addArgs('Not written'), tracked)
    expect(add.code, add.stderr).toBe(1)
    expect(add.stderr).toContain(`the library file is read-only; chmod u+w '${library}' to allow changes`)
    expect(add.stderr).toContain('The library was not changed.')
    expect(fingerprint(library)).toBe(before)
    expect(statSync(library).mode & 0o777).toBe(0o444)
    expect(readdirSync(dir)).toEqual(['library.json']) // no temp file, no backup, no lock
    expect((await precisOn(library, ['list'], tracked)).code).toBe(0)

    chmodSync(library, 0o644)
    expect((await precisOn(library, addArgs('Written now'), tracked)).code).toBe(0)
  })
})

describe('temp files of writers that were killed', () => {
  /** A pid no process has now: that of a child that has exited. */
  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    return Number(child.stdout)
  }

  it('are removed by the next write when their writer is gone on this host; those of live writers, other hosts and older names are kept', async () => {
    const dir = tempDir('precis-leftovers-')
    const library = join(dir, 'library.json')
    writeLibraryFile(library, smallLibrary())
    const dead = deadPid()
    // tempNameBeside names this test process (alive) on this host; the same names with a dead pid are a killed writer's.
    const ofPid = (pid: number, purpose: 'tmp' | 'bak') =>
      tempNameBeside(library, purpose).replace(`.${purpose}-${process.pid}-`, `.${purpose}-${pid}-`)
    const deadOnes = [ofPid(dead, 'tmp'), ofPid(dead, 'bak')]
    const live = tempNameBeside(library, 'tmp')
    const otherHost = ofPid(dead, 'tmp').replace(
      /-([0-9a-f]{8})-([0-9a-f]{12})$/,
      (_, host: string, random: string) => `-${host === '00000000' ? '11111111' : '00000000'}-${random}`,
    )
    const olderName = join(dir, `.library.json.tmp-${dead}-0123456789ab`)
    for (const file of [...deadOnes, live, otherHost, olderName]) writeFileSync(file, 'half a library')

    const add = await precisOn(library, addArgs('After the kills'), tracked)
    expect(add.code, add.stderr).toBe(0)
    for (const file of deadOnes) expect(existsSync(file), file).toBe(false)
    for (const file of [live, otherHost, olderName]) expect(existsSync(file), file).toBe(true)
    expect(readLibraryFile(library).papers.map((p) => p.title)).toContain('After the kills')
  })
})
