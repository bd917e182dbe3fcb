import { upgradeBackupNames, type Env } from '../store/paths.js'
import { libraryFolder, type LibraryRepo } from './repo.js'
import { withTemporaryIndex } from './temporary-index.js'

// The files precis keeps beside the library `name`: its lock (and the lock that serialises breaking
// it), the backups (of the last write, of an upgraded older file), temporary and set-aside files of
// the durable write, and edits recovered after a failure. They belong to this machine: tracked, a
// merge would write another machine's over them.
const ownNames = (name: string) => [`${name}.lock`, `${name}.lock.break`, `${name}.bak`, ...upgradeBackupNames(name)]
const ownPrefixes = (name: string) => [`.${name}.tmp-`, `.${name}.bak-`, 'recovered/']

const globEscape = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&')

/**
 * Ignore lines for precis's own files beside the library `name`, anchored at `folder` (the
 * library's folder from where the ignore file applies: `''`, or a path ending in `/`).
 */
export function ignoreLines(name: string, folder = ''): string[] {
  // A pattern is the whole line: only glob characters and a trailing space need escaping.
  const anchored = (text: string) => '/' + globEscape(folder + text).replace(/ $/, '\\ ')
  return [...ownNames(name).map(anchored), ...ownPrefixes(name).map((prefix) => anchored(prefix) + (prefix.endsWith('/') ? '' : '*'))]
}

/** True when `path` (from the top of the work tree, as git names it) is one of precis's own files beside the library at `rel`. */
export function isOwnFile(path: string, rel: string): boolean {
  const folder = rel.slice(0, rel.lastIndexOf('/') + 1)
  const name = rel.slice(folder.length)
  if (!path.startsWith(folder)) return false
  const local = path.slice(folder.length)
  // A folder by one of those names counts too: a tracked `library.json.lock/` would block every lock.
  return (
    ownNames(name).some((own) => local === own || local.startsWith(`${own}/`)) ||
    ownPrefixes(name).some((prefix) => local.startsWith(prefix))
  )
}

/** Precis's own files that `commit` tracks, or the index when `commit` is null. */
export async function trackedOwnFiles(repo: LibraryRepo, commit: string | null): Promise<string[]> {
  const fromTree = commit === null ? undefined : ownFilesInTree(repo, commit)
  if (fromTree !== undefined) return fromTree
  const listing = await repo.git.ok(commit === null ? ['ls-files', '-z'] : ['ls-tree', '-r', '-z', '--name-only', commit])
  return [...new Set(listing.split('\0'))].filter((path) => path !== '' && isOwnFile(path, repo.rel))
}

/**
 * Precis's own files in `commit`, from the library folder's tree when it was read already: they all lie in that
 * folder, in the order `ls-tree -r` lists them. Undefined when the tree was not read, or when an own name is a
 * folder, whose files only `ls-tree -r` lists.
 */
function ownFilesInTree(repo: LibraryRepo, commit: string): string[] | undefined {
  const folder = libraryFolder(repo)
  const entries = repo.git.treeRead(commit, folder)
  if (entries === undefined) return undefined
  const paths = entries.map((entry) => ({ ...entry, path: folder === '' ? entry.name : `${folder}/${entry.name}` }))
  if (paths.some((entry) => entry.isTree && isOwnFile(`${entry.path}/`, repo.rel))) return undefined
  return paths.filter((entry) => !entry.isTree && isOwnFile(entry.path, repo.rel)).map((entry) => entry.path)
}

/** Take `paths` out of an index (the repository's, or the one `env` names); the files themselves stay. */
export async function untrack(repo: LibraryRepo, paths: readonly string[], env: Env = {}): Promise<void> {
  if (paths.length === 0) return
  // Through standard input, literally: there may be thousands, and a name may hold glob characters.
  // Forced: only index entries go, whatever they hold (the files are this machine's, not these).
  const args = [
    '--literal-pathspecs',
    'rm',
    '--cached',
    '--force',
    '--quiet',
    '--ignore-unmatch',
    '--pathspec-from-file=-',
    '--pathspec-file-nul',
  ]
  await repo.git.ok(args, { input: paths.join('\0'), env })
}

/** Stop tracking precis's own files that are in the index (a remote commit, or `git add -A`, put them there). */
export async function untrackOwnFiles(repo: LibraryRepo): Promise<string[]> {
  const tracked = await trackedOwnFiles(repo, null)
  await untrack(repo, tracked)
  return tracked
}

/** The first few of `items` and how many more, for a message. */
export function shortList(items: readonly string[]): string {
  const shown = items.slice(0, 3).join(', ')
  return items.length > 3 ? `${shown} and ${items.length - 3} more` : shown
}

/**
 * What to merge for `fetched` (the id of the commit fetched): that commit itself, or, when it tracks
 * precis's own files, a commit on top of it that stops tracking them. Merging it as it is would make
 * git write another machine's lock, backup or temporary files over this one's (the lock this sync
 * holds among them), and track them here from then on.
 */
export async function mergeableCommit(repo: LibraryRepo, fetched: string): Promise<{ commit: string; untracked: string[] }> {
  const untracked = await trackedOwnFiles(repo, fetched)
  if (untracked.length === 0) return { commit: fetched, untracked }
  const time = (await repo.git.ok(['log', '-1', '--format=%ct', fetched])).trim()
  // Dated as `fetched`: the same commit each time, so a sync that could not push merges nothing new the next time.
  // (Never signed, for the same reason: a signature is made afresh each time. The merge that takes it in is.)
  const dated = { GIT_AUTHOR_DATE: `@${time} +0000`, GIT_COMMITTER_DATE: `@${time} +0000` }
  const commit = await withTemporaryIndex(repo, fetched, async (env) => {
    await untrack(repo, untracked, env)
    const tree = (await repo.git.ok(['write-tree'], { env })).trim()
    const message = `precis sync: stop tracking precis's own files (${shortList(untracked)})`
    return (
      await repo.git.ok([...(await repo.git.identityOptions()), 'commit-tree', tree, '-p', fetched, '-F', '-'], {
        input: message,
        env: dated,
      })
    ).trim()
  })
  return { commit, untracked }
}
