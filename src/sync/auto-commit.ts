import { existsSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { findRenames } from '../core/merge/renames.js'
import type { Library } from '../core/model.js'
import type { Env } from '../store/paths.js'
import type { ChangeRecorder } from '../store/recorder.js'
import { cleanMessage, describeChange } from './commit-message.js'
import type { Git } from './git.js'
import { stageCarriedFiles } from './files.js'
import { diffLibraries } from './library-diff.js'
import { rekeyMessage } from './rename-trail.js'
import { findLibraryRepo, headLibrary, type LibraryRepo } from './repo.js'
import { folderSyncIsOn, syncIsOn } from './setup.js'

/**
 * Commit the library file with `subject` and `body`. Only that file (and the attached files, when
 * the repository carries them): nothing else the person staged. The message goes through standard input: a bulk change lists thousands of records, more
 * than one argument may hold. `tracked`: the file is in git's index, as a status asked under the library's lock
 * said (`indexHolds`). `git commit -- paths` takes such a file as it is on disk (and stages it so), so an `add` first
 * would only repeat that.
 */
export async function commitLibrary(git: Git, name: string, subject: string, body = '', tracked = false): Promise<void> {
  if (!tracked) await git.ok(['--literal-pathspecs', 'add', '--', name])
  // With `sync init --with-files`, the attached files go in the same commit as the record naming them.
  const folder = await stageCarriedFiles(git, name)
  const paths = folder === null ? [name] : [name, folder]
  const message = body === '' ? subject : `${subject}\n\n${body}`
  await git.ok(
    [
      ...(await git.identityOptions()),
      '--literal-pathspecs',
      'commit',
      '--quiet',
      '--no-verify',
      '--cleanup=whitespace',
      '-F',
      '-',
      '--',
      ...paths,
    ],
    { input: message },
  )
}

/** The library's repository when sync is on for it; null otherwise. */
async function syncedRepo(file: string, env: Env): Promise<LibraryRepo | null> {
  const repo = await findLibraryRepo(file, env)
  return repo && (await syncIsOn(repo)) ? repo : null
}

/**
 * True when `git status --porcelain` of one path (its lines) shows git's index holding it, merged:
 * `git commit -- path` then takes the file as it is on disk. Otherwise (untracked, ignored, taken
 * out of the index, in conflict) it is added first, as git would refuse it or take the index's.
 */
export function indexHolds(lines: readonly string[]): boolean {
  return lines.every((line) => /^[ MTARC][ MTD] /.test(line))
}

/** Whether the file differs from its last commit (a change whose commit failed, or a hand edit), and whether git's index holds it. */
interface FileStatus {
  pending: boolean
  tracked: boolean
}

/** The library file's status before a change; `existed`: the file was there (a status of a missing file is empty too). */
async function fileStatus(repo: LibraryRepo, existed: boolean): Promise<FileStatus> {
  // Ignored files listed too (`!!`): an ignored library is then told from a tracked one that has not changed.
  const args = ['--literal-pathspecs', 'status', '--porcelain', '--untracked-files=all', '--ignored', '--', repo.rel]
  const status = await repo.git.run(args)
  if (status.code !== 0) return { pending: true, tracked: false }
  const lines = status.stdout.split('\n').filter(Boolean)
  return { pending: lines.some((line) => !line.startsWith('!! ')), tracked: existed && indexHolds(lines) }
}

const EARLIER = 'Includes changes saved before, while a commit could not be made (or made outside precis).'

/**
 * The commit message for the change from `before` to `after`. When the file held changes not
 * committed yet, it tells everything since the last commit, so the commit that takes them in says so.
 */
async function messageFor(repo: LibraryRepo, before: Library, after: Library, message: string | undefined, pending: boolean) {
  // A last commit that is itself damaged cannot be compared with: the change alone is then told.
  const committed = pending ? await headLibrary(repo).catch(() => null) : null
  if (committed !== null) {
    const described = describeChange(diffLibraries(committed, after))
    if (described === null) return null
    const last = message === undefined ? '' : `The last change: ${cleanMessage(message)}`
    // Renames among the earlier changes are named too: history follows a paper by them.
    const renames = [...findRenames(committed, after)].map(([from, to]) => rekeyMessage(from, to)).join('\n')
    return { subject: described.subject, body: [last, renames, described.body, EARLIER].filter(Boolean).join('\n\n') }
  }
  const described = describeChange(diffLibraries(before, after))
  if (described === null) return null // the same records: nothing to commit
  return message === undefined ? described : { subject: cleanMessage(message), body: pending ? EARLIER : '' }
}

/** The warning for a change saved but not committed. */
function notCommitted(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error)
  return `The change is saved, but git could not commit it: ${reason}\nThe next change commits it with this one, as does precis sync.`
}

/** Commit the change; null when done (or nothing changed), else why it could not be, for a warning. */
async function commitChange(
  repo: LibraryRepo,
  before: Library,
  after: Library,
  message: string | undefined,
  status: FileStatus,
): Promise<string | null> {
  try {
    const commit = await messageFor(repo, before, after, message, status.pending)
    if (commit !== null) await commitLibrary(repo.git, repo.rel, commit.subject, commit.body, status.tracked)
    return null
  } catch (error) {
    return notCommitted(error)
  }
}

/**
 * With sync on, every change of the library becomes a commit that says what it did (git run with `env`).
 * For a library inside a repository: context.ts asks mayBeInRepository before it loads this module.
 */
export const gitAutoCommit = (env: Env): ChangeRecorder => ({
  async begin(file, before) {
    let repo: LibraryRepo | null
    try {
      repo = await syncedRepo(file, env)
    } catch (error) {
      // Nothing must stop a change from being saved. When git cannot even start, the folder's
      // .gitattributes still tells whether sync is on, and so whether a commit is missed.
      const on = await folderSyncIsOn(dirname(file), basename(file)).catch(() => false)
      return on ? { finish: async () => notCommitted(error) } : null
    }
    if (repo === null) return null
    const existed = existsSync(repo.file)
    const status = await fileStatus(repo, existed).catch(() => ({ pending: true, tracked: false }))
    const snapshot = structuredClone(before) // the change mutates `before` in place
    return { finish: (after, message) => commitChange(repo, snapshot, after, message, status) }
  },
})
