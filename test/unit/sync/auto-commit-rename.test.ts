import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { renamePaper } from '../../../src/core/papers/rename-paper.js'
import { gitHistory } from '../../../src/context.js'
import { FileStore } from '../../../src/store/file-store.js'
import { summaryHistory } from '../../../src/sync/history.js'
import { findLibraryRepo } from '../../../src/sync/repo.js'
import { ensureSyncSetup } from '../../../src/sync/setup.js'
import { tempDir } from '../../support/context.js'
import { smallLibrary } from '../../support/library.js'
import { git, sandboxProcessGit } from './git-sandbox.js'

// The store commits through git with this process's environment.
const env = sandboxProcessGit()

describe('a rename whose commit failed', () => {
  it('is named in the commit that takes it in later, so history still follows the paper', async () => {
    const dir = tempDir('precis-autocommit-')
    git(env, dir, 'init', '--quiet', '--initial-branch=main')
    const path = join(dir, 'library.json')
    await ensureSyncSetup((await findLibraryRepo(path, env))!)
    const store = new FileStore(path, 2_000, gitHistory(process.env), () => undefined)
    await store.update((lib) => void Object.assign(lib, smallLibrary()))
    writeFileSync(join(dir, '.git', 'index.lock'), '') // another git is busy: the rename is saved, not committed
    await store.update((lib: Library) => void Object.assign(lib, renamePaper(lib, 'gilmer2017neural', 'mpnn').library), {
      message: 'rekey gilmer2017neural mpnn',
    })
    rmSync(join(dir, '.git', 'index.lock'))
    await store.update((lib) => void (lib.summaries.find((s) => s.id === 'mpnn-2')!.body = 'Edited.\n'), { message: 'edit mpnn-2 (body)' })
    expect(git(env, dir, 'log', '-1', '--format=%b')).toContain('rekey gilmer2017neural mpnn')

    const versions = await summaryHistory((await findLibraryRepo(path, env))!, 'mpnn-2')
    expect(versions.map((v) => v.summary?.id)).toEqual(['mpnn-2', 'gilmer2017neural-2'])
    expect(versions[0]!.changed).toEqual(['renamed from gilmer2017neural-2', 'body'])
  })
})
