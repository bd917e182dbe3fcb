import { posix } from 'node:path'
import { DataError, ExitCode, NetworkError, PrecisError } from '../core/errors.js'
import type { Library } from '../core/model.js'
import { GitError } from './git.js'
import { commitOf, libraryAt, type LibraryRepo } from './repo.js'
import { attributeLine } from './setup.js'

/** The remote a branch syncs with. */
export interface Remote {
  name: string
  url: string
  branch: string
  /** Where git keeps what it fetched of the branch: `refs/remotes/<name>/<branch>`. */
  ref: string
}

const KEPT_HERE = 'Your changes are committed here; run precis sync again once the remote can be reached.'

/** The branch's configured remote (else `origin`), or null when there is none. */
export async function branchRemote(repo: LibraryRepo, branch: string): Promise<Remote | null> {
  const configured = (await repo.git.config()).get(`branch.${branch}.remote`)
  const name = configured === '' || configured === '.' ? 'origin' : configured
  const url = await repo.git.run(['remote', 'get-url', name])
  if (url.code !== 0) return null
  return { name, url: url.stdout.trim(), branch, ref: `refs/remotes/${name}/${branch}` }
}

/** Fetch the remote; an unreachable one is a NetworkError that says the local work is safe. */
export async function fetchRemote(repo: LibraryRepo, remote: Remote): Promise<void> {
  try {
    await repo.git.ok(['fetch', '--quiet', '--no-tags', remote.name])
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    throw new NetworkError(`Cannot reach the remote ${remote.name} (${remote.url})`, [...said(error), KEPT_HERE])
  }
}

function said(error: GitError): string[] {
  return (error.result.stderr.trim() || error.result.stdout.trim())
    .split('\n')
    .slice(0, 6)
    .map((line) => `  ${line}`)
}

/**
 * The library in `commit`, the remote branch as fetched: null when it has none yet.
 * A branch without a precis library (no library file, and no precis merge driver) or with a
 * damaged one is a DataError: nothing is merged from it.
 */
export async function remoteLibrary(repo: LibraryRepo, remote: Remote, commit: string): Promise<Library | null> {
  const where = `${remote.name} (${remote.url}), branch ${remote.branch}`
  let library: Library | null
  try {
    library = await libraryAt(repo, commit, remote.ref)
  } catch (error) {
    if (!(error instanceof DataError)) throw error
    throw new DataError(`The library on ${where} is not valid, so precis will not merge it`, [
      error.message,
      ...error.details,
      'Nothing was merged.',
    ])
  }
  if (library !== null) return library
  const attributes = (await repo.git.fileAt(commit, posix.join(posix.dirname(repo.rel), '.gitattributes'))) ?? ''
  if (!attributes.split('\n').some((line) => line.trim() === attributeLine(repo.name))) {
    throw new DataError(`${where} is not a precis library: it has no ${repo.rel} and no precis merge driver`, [
      'Nothing was merged. Check the remote with:',
      `  git -C '${repo.top}' remote -v`,
    ])
  }
  return null // set up for sync, no library written yet
}

/**
 * Push `commit` (an id: what this sync checked and counts, whatever HEAD has become since) to the
 * remote branch, only if that branch is still at `merged`, the commit this sync fetched and merged
 * (null: it had none), so what the remote gains is exactly what lies between them. 'rejected' when
 * the remote moved meanwhile (fetch and merge again), or when `commit` does not contain `merged`
 * (HEAD was reset between the merge and its reading: merge again). The remote moving shows as
 * `[rejected]` when git saw it before sending, or as the remote refusing to move its branch when
 * another push landed during ours; the remote's other refusals (a hook, no permission) are errors.
 */
export async function pushRemote(repo: LibraryRepo, remote: Remote, commit: string, merged: string | null): Promise<'pushed' | 'rejected'> {
  // A lease, unlike a plain push, would replace the remote's commits by one that lacks them: only a fast-forward is pushed.
  // Whether one commit contains another never changes, so this holds when the push runs.
  if (merged !== null && (await repo.git.run(['merge-base', '--is-ancestor', merged, commit])).code !== 0) return 'rejected'
  const branch = `refs/heads/${remote.branch}`
  // A plain push would take the remote branch from any commit of `commit`'s past (a rewound remote), sending more than counted.
  const args = ['push', '--porcelain', `--force-with-lease=${branch}:${merged ?? ''}`, remote.name, `${commit}:${branch}`]
  const result = await repo.git.run(args)
  if (result.code === 0) return 'pushed'
  const refused = result.stdout.split('\n').find((line) => line.startsWith('!'))
  if (refused?.includes('[rejected]')) return 'rejected'
  const failure = new GitError(args, result)
  if (refused === undefined) throw new NetworkError(`Cannot reach the remote ${remote.name} (${remote.url})`, [...said(failure), KEPT_HERE])
  // Compared with what this sync merged, not with the remote branch as it is now: another fetch may have moved it since.
  await fetchRemote(repo, remote)
  if ((await commitOf(repo, remote.ref)) !== merged) return 'rejected'
  throw new PrecisError(`The remote ${remote.name} (${remote.url}) refused the push`, ExitCode.failure, [
    ...said(failure),
    'Your changes are committed here.',
  ])
}
