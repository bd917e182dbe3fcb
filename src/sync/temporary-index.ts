import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Env } from '../store/paths.js'
import type { LibraryRepo } from './repo.js'

/**
 * Run `work` with git on an index of its own that starts as the tree of `base` (empty when null),
 * removed after. What is staged there becomes a commit (or a tree) without touching what the
 * person staged in the repository's index. `work` passes the environment it is given to git.
 */
export async function withTemporaryIndex<T>(repo: LibraryRepo, base: string | null, work: (env: Env) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'precis-index-'))
  const env = { GIT_INDEX_FILE: join(dir, 'index') }
  try {
    await repo.git.ok(base === null ? ['read-tree', '--empty'] : ['read-tree', base], { env })
    return await work(env)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
