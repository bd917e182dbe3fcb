import { posix } from 'node:path'
import { DataError } from '../core/errors.js'
import { LibraryFile } from '../store/library-file.js'
import { commitLibrary, indexHolds } from './auto-commit.js'
import { describeChange } from './commit-message.js'
import { diffLibraries } from './library-diff.js'
import { trackedOwnFiles, untrack } from './own-files.js'
import { headLibrary, type LibraryRepo } from './repo.js'
import { withTemporaryIndex } from './temporary-index.js'

/** The sync files of the library's folder, as paths from the top of the work tree. */
export function setupFiles(repo: LibraryRepo): string[] {
  const folder = posix.dirname(repo.rel)
  return ['.gitattributes', '.gitignore'].map((name) => posix.join(folder, name))
}

/** HEAD's commit and its tree, or null before the first commit. */
async function headAndTree(repo: LibraryRepo): Promise<{ commit: string; tree: string } | null> {
  const result = await repo.git.run(['rev-parse', '--quiet', 'HEAD^{commit}', 'HEAD^{tree}', '--']) // `--`: a file named HEAD is no revision
  const [commit = '', tree = ''] = result.stdout.split('\n')
  return result.code === 0 && commit !== '' && tree !== '' ? { commit, tree } : null
}

/**
 * Commit the setup files when they changed, and the end of tracking precis's own files when the
 * last commit tracks them; true when a commit was made. Committed from an index of its own, so
 * nothing else the person staged goes with it (`git commit -- paths` cannot commit an untracking),
 * on top of the commit that index was read from: HEAD moves to it only if it is still there, since
 * a commit made meanwhile (another precis write, one of the person's) would be undone by this one.
 */
export async function commitSetup(repo: LibraryRepo, subject: string): Promise<boolean> {
  const files = setupFiles(repo)
  const add = ['--literal-pathspecs', 'add', '--', ...files]
  await repo.git.ok(add) // the repository's index agrees with the commit
  const head = await headAndTree(repo)
  const owned = head === null ? [] : await trackedOwnFiles(repo, head.commit)
  await untrack(repo, owned)
  return withTemporaryIndex(repo, head?.commit ?? null, async (env) => {
    await repo.git.ok(add, { env })
    await untrack(repo, owned, env)
    const tree = (await repo.git.ok(['write-tree'], { env })).trim()
    if (tree === head?.tree) return false
    const parent = head === null ? [] : ['-p', head.commit]
    const commit = (
      await repo.git.ok(
        [...(await repo.git.identityOptions()), 'commit-tree', tree, ...parent, ...(await repo.git.signOptions()), '-F', '-'],
        { input: `${subject}\n` },
      )
    ).trim()
    // Fails (git says HEAD is not where it was) rather than undo a commit made since: nothing is lost, the command can run again.
    await repo.git.ok(['update-ref', '-m', `commit: ${subject}`, 'HEAD', commit, head?.commit ?? ''])
    return true
  })
}

/**
 * Commit the library file when it differs from the last commit (a hand edit, or a change whose
 * commit failed), after checking that it is a valid library: precis never commits a broken one.
 * Returns the commit's subject, or null when there was nothing to commit.
 */
export async function commitPendingLibrary(repo: LibraryRepo): Promise<string | null> {
  const status = await repo.git.ok(['status', '--porcelain', '--untracked-files=all', '--', repo.rel])
  if (status.trim() === '') return null
  const goBack = ['Fix the file, or go back to its last commit with:', `  git -C '${repo.top}' checkout -- '${repo.rel}'`]
  let working
  try {
    working = await new LibraryFile(repo.file).read() // strict UTF-8 and the schema, as for every read
  } catch (error) {
    if (!(error instanceof DataError)) throw error
    const problem = `${repo.file} has uncommitted changes that are not a valid library, so precis will not commit or sync them`
    throw new DataError(problem, [error.message, ...error.details, ...goBack])
  }
  if (working === null) throw new DataError(`${repo.file} was deleted, so precis will not commit or sync`, goBack)
  // A last commit that is itself damaged cannot be compared with: the change is then told in general terms.
  const committed = await headLibrary(repo).catch(() => undefined)
  const described = committed === undefined ? null : describeChange(diffLibraries(committed, working))
  const subject = described?.subject ?? 'rewrite the library file (same records)'
  const note = 'Committed by precis sync: changes made outside precis, or saved while a commit could not be made.'
  const tracked = indexHolds(status.split('\n').filter(Boolean)) // the file exists: it was read
  await commitLibrary(repo.git, repo.rel, subject, [described?.body ?? '', note].filter(Boolean).join('\n\n'), tracked)
  return subject
}
