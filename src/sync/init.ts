import { mkdir } from 'node:fs/promises'
import { DataError, ExitCode, PrecisError } from '../core/errors.js'
import { LibraryFile } from '../store/library-file.js'
import type { Env } from '../store/paths.js'
import { Git } from './git.js'
import { carryFiles, type CarriedFiles } from './files.js'
import { commitPendingLibrary, commitSetup } from './pending.js'
import { findLibraryRepo, libraryLocation, type LibraryRepo } from './repo.js'
import { ensureSyncSetup } from './setup.js'

const INIT_SUBJECT = 'precis sync init: merge the library with precis'

/** What `sync init` did. */
export interface InitReport {
  /** The work tree's top folder. */
  top: string
  /** True when precis made the repository; false when it adopted the one the library is in. */
  created: boolean
  /** Parts of the setup written (empty when it was all in place). */
  written: string[]
  /** The remote as set, and the URL it had before when that changed. */
  remote: { name: string; url: string; previous: string | null } | null
  /** Subjects of the commits made. */
  committed: string[]
  /** With --with-files: the attachment folder now carried, and how many files and bytes it adds. */
  files: CarriedFiles | null
}

/** The branch a remote's HEAD points to, so a new repository starts on the branch the others use. */
async function remoteDefaultBranch(git: Git, url: string): Promise<string | null> {
  const result = await git.run(['ls-remote', '--symref', url, 'HEAD'])
  const match = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(result.stdout)
  return result.code === 0 && match ? match[1]! : null
}

async function refuseInvalidLibrary(file: string): Promise<void> {
  try {
    await new LibraryFile(file).read() // a missing file is fine: the first change creates it
  } catch (error) {
    if (!(error instanceof DataError)) throw error
    throw new DataError(`${file} is not a valid library, so precis will not start syncing it`, [
      error.message,
      ...error.details,
      'Nothing was changed.',
    ])
  }
}

/** A new repository in the library's folder, on the remote's branch (else `main`). */
async function createRepository(libraryPath: string, dir: string, env: Env, remoteUrl: string | null): Promise<LibraryRepo> {
  const git = new Git(dir, env)
  const branch = (remoteUrl && (await remoteDefaultBranch(git, remoteUrl))) || 'main'
  await git.ok(['init', '--quiet', `--initial-branch=${branch}`])
  const repo = await findLibraryRepo(libraryPath, env)
  if (!repo) throw new PrecisError(`git init did not make ${dir} a repository`, ExitCode.failure)
  return repo
}

async function setRemote(repo: LibraryRepo, url: string): Promise<InitReport['remote']> {
  const current = await repo.git.run(['remote', 'get-url', 'origin'])
  const previous = current.code === 0 ? current.stdout.trim() : null
  if (previous === null) await repo.git.ok(['remote', 'add', 'origin', url])
  else if (previous !== url) await repo.git.ok(['remote', 'set-url', 'origin', url])
  return { name: 'origin', url, previous: previous !== url ? previous : null }
}

/**
 * `precis sync init`: make the library's folder a git repository, or adopt the one it is in;
 * give the library precis's merge driver; ignore the lock, backup and temporary files; set the
 * remote; commit. Safe to run again: it only adds what is missing.
 */
export async function initSync(libraryPath: string, env: Env, remoteUrl: string | null, withFiles = false): Promise<InitReport> {
  const { file, dir } = await libraryLocation(libraryPath)
  await refuseInvalidLibrary(file)
  await mkdir(dir, { recursive: true })
  const found = await findLibraryRepo(libraryPath, env)
  const repo = found ?? (await createRepository(libraryPath, dir, env, remoteUrl))
  const written = await ensureSyncSetup(repo)
  const remote = remoteUrl === null ? null : await setRemote(repo, remoteUrl)
  const committed: string[] = []
  if (await commitSetup(repo, INIT_SUBJECT)) committed.push(INIT_SUBJECT)
  const pending = await commitPendingLibrary(repo)
  if (pending !== null) committed.push(pending)
  const files = withFiles ? await carryFiles(repo) : null
  return { top: repo.top, created: found === null, written, remote, committed, files }
}
