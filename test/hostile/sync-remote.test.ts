import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { copySyncSetup, git, gitSandbox } from '../unit/sync/git-sandbox.js'
import { fingerprint, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisRun } from './support/in-process.js'
import { precisOn } from './support/precis.js'

// Hostile and careless remote commits, bulk changes and failing commits. The syncs the first case of each
// table is about, the bulk changes and the failing commits run the built binary; the other runs call main()
// in this process (git runs as a process either way). git reads no configuration of the person running the tests.
const env = gitSandbox()

const addArgs = (title: string, author: string) => [
  'add',
  '--title',
  title,
  '--author',
  author,
  '--year',
  '2024',
  '--body',
  `${title}.\n`,
  '--no-input',
]

async function precisOk(library: string, args: string[], spawned = false): Promise<string> {
  const result = await precisRun(library, args, { env, spawned })
  expect(result.code, `precis ${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result.stderr
}

/** Made once per file: a bare remote, and machines A and B that set up sync with it and synced. */
let template: Promise<string> | undefined

async function makeTemplate(): Promise<string> {
  const dir = tempDir('precis-sync-remote-template-')
  const remote = join(dir, 'remote.git')
  git(env, dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote)
  const a = join(dir, 'a', 'library.json')
  const b = join(dir, 'b', 'library.json')
  await precisOk(a, addArgs('Neural Message Passing', 'Justin Gilmer'))
  await precisOk(a, ['sync', 'init', '--remote', remote])
  await precisOk(a, ['sync'])
  await precisOk(b, ['sync', 'init', '--remote', remote])
  await precisOk(b, ['sync'])
  git(env, dir, 'clone', '--quiet', remote, join(dir, 'other'))
  return dir
}

/**
 * A bare remote, machines A and B syncing with it, and a plain git clone through which a careless or
 * hostile person pushes: a copy of the template (five precis runs the tests need not repeat), each
 * repository's origin pointed at the copy's remote.
 */
async function sharedLibrary() {
  const dir = copySyncSetup(await (template ??= makeTemplate()), ['a', 'b', 'other'])
  const remote = join(dir, 'remote.git')
  const a = join(dir, 'a', 'library.json')
  const b = join(dir, 'b', 'library.json')
  const other = join(dir, 'other')
  const push = (message: string) => {
    git(env, other, '-c', 'user.name=Other', '-c', 'user.email=other@example.org', 'commit', '--quiet', '-m', message)
    git(env, other, 'push', '--quiet', 'origin', 'main')
  }
  return { dir, remote, a, b, other, push }
}

const folderOf = (library: string) => join(library, '..')
const mergeAttribute = (library: string) => git(env, folderOf(library), 'check-attr', 'merge', '--', 'library.json')
const ids = (library: string) => readLibraryFile(library).summaries.map((s) => s.id)

describe('a remote commit that turns the merge driver off', () => {
  it.each<[string, (text: string) => string, boolean]>([
    ['replaces .gitattributes with /library.json -merge', () => '/library.json -merge\n', true],
    ['appends /library.json -merge after precis’s line', (text: string) => `${text}/library.json -merge\n`, false],
    ['gives the library another driver and Git LFS', (text: string) => `${text}/library.json merge=ours filter=lfs -text\n`, false],
  ])('%s: sync merges record by record, says what it repaired, stays set up, and pushes the repair', async (_, edit, spawned) => {
    const { a, b, other, push, remote } = await sharedLibrary()
    const attributes = join(other, '.gitattributes')
    writeFileSync(attributes, edit(readFileSync(attributes, 'utf8')))
    git(env, other, 'add', '.gitattributes')
    push('careless attributes')

    await precisOk(a, addArgs('Deep Sets', 'Manzil Zaheer'))
    const first = await precisOk(a, ['sync'], spawned)
    expect(first).toMatch(/Repaired the sync setup: \.gitattributes/)
    expect(mergeAttribute(a)).toBe('library.json: merge: precis')
    expect(await precisOk(a, ['sync'])).not.toMatch(/Repaired/) // still set up: no "Sync is not set up"

    // B changed the library too: both libraries merge with the driver, not as text (which would conflict).
    await precisOk(b, addArgs('Graph Attention Networks', 'Petar Velickovic'))
    await precisOk(b, ['sync'], spawned)
    await precisOk(a, ['sync'])
    expect(ids(a)).toEqual(ids(b))
    expect(ids(a)).toEqual(['gilmer2024neural', 'velickovic2024graph', 'zaheer2024deep'])

    const shared = git(env, remote, 'show', 'main:.gitattributes')
    expect(shared).toContain('/library.json merge=precis')
    expect(shared).not.toMatch(/-merge|merge=ours/)
  })
})

describe('a remote commit that would change the library’s bytes on checkout', () => {
  it.each([
    ['another working-tree encoding', '/library.json working-tree-encoding=UTF-16LE\n', true],
    ['CRLF line endings', '/library.json text eol=crlf\n', false],
    ['a filter configured on this machine', '/library.json filter=shout\n', false],
  ])('%s: the library is checked out as precis wrote it', async (_, line, spawned) => {
    const { a, b, other, push } = await sharedLibrary()
    git(env, folderOf(b), 'config', 'filter.shout.smudge', 'tr a-z A-Z') // what a global filter (Git LFS) could do
    git(env, folderOf(b), 'config', 'filter.shout.clean', 'cat')
    writeFileSync(join(other, '.gitattributes'), readFileSync(join(other, '.gitattributes'), 'utf8') + line)
    git(env, other, 'add', '.gitattributes')
    push('checkout attributes')
    await precisOk(a, addArgs('Deep Sets', 'Manzil Zaheer'))
    await precisOk(a, ['sync'])
    await precisOk(b, ['sync'], spawned) // the checkout
    expect(fingerprint(b)).toBe(fingerprint(a))
    expect(ids(b)).toEqual(['gilmer2024neural', 'zaheer2024deep'])
  })
})

describe('a remote commit that makes the setup files symbolic links', () => {
  it('to files outside the repository: nothing is read or written through them, and they become files again', async () => {
    const { dir, a, other, push, remote } = await sharedLibrary()
    const victims = { attributes: join(dir, 'victim-attributes'), ignore: join(dir, 'victim-ignore') }
    writeFileSync(victims.attributes, 'keep me\n')
    writeFileSync(victims.ignore, 'keep me too\n')
    rmSync(join(other, '.gitattributes'))
    rmSync(join(other, '.gitignore'))
    symlinkSync(victims.attributes, join(other, '.gitattributes'))
    symlinkSync(victims.ignore, join(other, '.gitignore'))
    git(env, other, 'add', '.gitattributes', '.gitignore')
    push('links')

    const said = await precisOk(a, ['sync'])
    expect(said).toContain('.gitattributes (was a symbolic link)')
    expect(said).toContain('.gitignore (was a symbolic link)')
    expect([readFileSync(victims.attributes, 'utf8'), readFileSync(victims.ignore, 'utf8')]).toEqual(['keep me\n', 'keep me too\n'])
    expect(lstatSync(join(folderOf(a), '.gitattributes')).isFile()).toBe(true)
    expect(git(env, remote, 'show', 'main:.gitattributes')).toContain('/library.json merge=precis')
    await precisOk(a, addArgs('Deep Sets', 'Manzil Zaheer'))
    expect(git(env, folderOf(a), 'log', '-1', '--format=%s')).toBe('add zaheer2024deep')
  })
})

describe('a remote commit that tracks precis’s own files', () => {
  it('lock, backup and temp files: sync never writes them here, stops tracking them, and every later sync works', async () => {
    const { a, other, push, remote } = await sharedLibrary()
    const own = ['library.json.lock', 'library.json.bak', '.library.json.tmp-1-abc']
    for (const name of own) writeFileSync(join(other, name), `from the other machine: ${name}\n`)
    git(env, other, 'add', '--force', ...own)
    push('track everything')

    const backup = fingerprint(join(folderOf(a), 'library.json.bak'))
    const first = await precisOk(a, ['sync'])
    expect(first).toContain(
      'Repaired the sync setup: stopped tracking .library.json.tmp-1-abc, library.json.bak, library.json.lock, which origin/main tracks',
    )
    expect(existsSync(join(folderOf(a), 'library.json.lock'))).toBe(false) // the remote's lock was never written over ours
    expect(existsSync(join(folderOf(a), '.library.json.tmp-1-abc'))).toBe(false)
    expect(fingerprint(join(folderOf(a), 'library.json.bak'))).toBe(backup)
    expect(git(env, folderOf(a), 'ls-files')).not.toMatch(/\.lock|\.bak|\.tmp-/)

    for (const title of ['Deep Sets', 'Graph Attention Networks']) {
      await precisOk(a, addArgs(title, 'Ann Other'))
      await precisOk(a, ['sync']) // was: "Your local changes to library.json.lock would be overwritten by merge"
    }
    expect(git(env, remote, 'ls-tree', '-r', '--name-only', 'main')).not.toMatch(/\.lock|\.bak|\.tmp-/)
  })

  it('a backup committed here by hand (git add -A) is untracked by the next sync and kept', async () => {
    const { a } = await sharedLibrary()
    const folder = folderOf(a)
    await precisOk(a, addArgs('Deep Sets', 'Manzil Zaheer')) // a second write keeps a backup
    git(env, folder, 'add', '--force', 'library.json.bak')
    git(env, folder, '-c', 'user.name=Me', '-c', 'user.email=me@example.org', 'commit', '--quiet', '-m', 'everything')
    expect(await precisOk(a, ['sync'])).toContain('stopped tracking library.json.bak')
    expect(git(env, folder, 'ls-tree', '-r', '--name-only', 'HEAD')).not.toContain('library.json.bak')
    expect(existsSync(join(folder, 'library.json.bak'))).toBe(true)
    expect(git(env, folder, 'status', '--porcelain')).toBe('')
  })
})

/** A library of `count` summaries with short bodies, written as precis writes it. */
function bulkLibrary(path: string, count: number): void {
  mkdirSync(folderOf(path), { recursive: true })
  const papers = Array.from({ length: count }, (_, i) => paper({ key: `bulk${i}2020paper`, title: `Bulk paper ${i}` }))
  writeLibraryFile(
    path,
    libraryOf(
      papers,
      papers.map((p) => summary({ id: p.key, paper: p.key, body: 'Short.\n', tags: ['bulk'] })),
    ),
  )
}

describe('sync at 10,000 summaries', () => {
  // One library of 10,000 summaries set up for sync, made once: the first test checks what sync init
  // said and committed, the second tags them all on it.
  let library: string
  let initSaid: string
  beforeAll(async () => {
    library = join(tempDir('precis-sync-10k-'), 'lib', 'library.json')
    bulkLibrary(library, 10_000)
    initSaid = await precisOk(library, ['sync', 'init'], true)
  })

  it('sync init commits them all (was: spawn E2BIG), with the list cut and counted', () => {
    expect(initSaid).toContain('Committed: add bulk02020paper, bulk12020paper, bulk22020paper and 9997 more')
    const body = git(env, folderOf(library), 'log', '-1', '--format=%b').split('\n')
    expect(body[0]).toBe('add bulk02020paper')
    expect(body).toContain('… and 9001 more')
    expect(git(env, folderOf(library), 'status', '--porcelain')).toBe('')
  })

  it('tag --query on all of them is committed', async () => {
    const said = await precisOk(library, ['tag', '--query', 'tag:bulk', '+checked', '-bulk', '--yes'], true)
    expect(said).not.toMatch(/could not commit/)
    expect(git(env, folderOf(library), 'log', '-1', '--format=%s')).toBe('tags +checked -bulk (10000 summaries)')
    expect(git(env, folderOf(library), 'status', '--porcelain')).toBe('')
  })
})

describe('an auto-commit that fails', () => {
  it('is reported with its reason, the change is kept, and the next change commits both', async () => {
    const { a } = await sharedLibrary()
    const folder = folderOf(a)
    const hook = join(folder, '.git', 'hooks', 'reference-transaction') // runs even with --no-verify
    writeFileSync(hook, '#!/bin/sh\necho "refs are frozen by policy" >&2\nexit 1\n')
    chmodSync(hook, 0o755)
    const subjects = () => git(env, folder, 'log', '--format=%s').split('\n')
    const before = subjects()

    const failed = await precisOn(a, addArgs('Deep Sets', 'Manzil Zaheer'), { env })
    expect(failed.code, failed.stderr).toBe(0)
    expect(failed.stderr).toMatch(
      /precis: The change is saved, but git could not commit it: git commit failed: .*\n.*next change commits it/,
    )
    expect(ids(a)).toContain('zaheer2024deep')
    expect(subjects()).toEqual(before)

    rmSync(hook)
    expect(await precisOk(a, addArgs('Graph Attention Networks', 'Petar Velickovic'))).not.toMatch(/could not commit/)
    expect(subjects()).toEqual(['add zaheer2024deep, velickovic2024graph', ...before])
    expect(git(env, folder, 'status', '--porcelain')).toBe('')
  })

  it('without git on the PATH: reported, and committed by the next change once git is back', async () => {
    const { a } = await sharedLibrary()
    const folder = folderOf(a)
    const noGit = await precisOn(a, addArgs('Deep Sets', 'Manzil Zaheer'), { env: { ...env, PATH: tempDir('precis-no-git-') } })
    expect(noGit.code, noGit.stderr).toBe(0)
    expect(noGit.stderr).toContain(
      'precis: The change is saved, but git could not commit it: Sync needs git, and git was not found on the PATH',
    )
    await precisOk(a, addArgs('Graph Attention Networks', 'Petar Velickovic'))
    expect(git(env, folder, 'log', '-1', '--format=%s')).toBe('add zaheer2024deep, velickovic2024graph')
  })
})
