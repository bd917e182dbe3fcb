import { stat } from 'node:fs/promises'
import { basename, dirname, relative, resolve, sep } from 'node:path'
import { emptyLibrary, type Library } from '../core/model.js'
import { parseLibrary } from '../core/schema/schema.js'
import { resolveLibraryTarget } from '../store/file-store.js'
import type { Env } from '../store/paths.js'
import { Git } from './git.js'

/** The library file inside a git work tree. */
export interface LibraryRepo {
  /** git, run at the top of the work tree. */
  git: Git
  /** The work tree's top folder. */
  top: string
  /** The library's folder (the top, or a folder below it). */
  dir: string
  /** The library file's real path. */
  file: string
  /** The library file's name. */
  name: string
  /** The library file's path from the top, with `/` (as git names it). */
  rel: string
  /**
   * The repository's own attributes and exclude files (`.git/info/…`, shared by its work trees):
   * no commit can change them, so the sync setup that must hold whatever a remote sends lives there.
   */
  info: { attributes: string; exclude: string }
}

/** Where the library file really is: its real path, folder and name. */
export async function libraryLocation(libraryPath: string): Promise<{ file: string; dir: string; name: string }> {
  const file = await resolveLibraryTarget(libraryPath)
  return { file, dir: dirname(file), name: basename(file) }
}

/** The git work tree holding the library, or null when its folder is in none (or does not exist yet). */
export async function findLibraryRepo(libraryPath: string, env: Env): Promise<LibraryRepo | null> {
  const { file, dir, name } = await libraryLocation(libraryPath)
  const isFolder = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  )
  if (!isFolder) return null
  const probe = await new Git(dir, env).run(['rev-parse', '--show-toplevel', '--git-path', 'info/attributes', '--git-path', 'info/exclude'])
  const [top = '', attributes = '', exclude = ''] = probe.stdout.split('\n')
  if (probe.code !== 0 || top === '' || attributes === '' || exclude === '') return null
  const info = { attributes: resolve(dir, attributes), exclude: resolve(dir, exclude) } // given from `dir`
  return { git: new Git(top, env), top, dir, file, name, rel: relative(top, file).split(sep).join('/'), info }
}

/** The commit `ref` names, or null when it names none. */
export function commitOf(repo: LibraryRepo, ref: string): Promise<string | null> {
  return repo.git.commitOf(ref)
}

/** The library's folder from the top of the work tree, as a commit names it: `''` for the top. */
export function libraryFolder(repo: LibraryRepo): string {
  return repo.rel.slice(0, Math.max(repo.rel.lastIndexOf('/'), 0))
}

/**
 * The commit `ref` names, or null; its library file is read in the same git run, for libraryAt, and
 * `withFolder`, its library folder's tree too (which of precis's own files it tracks: own-files.ts).
 */
export function commitWithLibrary(repo: LibraryRepo, ref: string, withFolder = false): Promise<string | null> {
  return repo.git.commitWithFile(ref, repo.rel, withFolder ? libraryFolder(repo) : undefined)
}

/** True when `ref` names a commit. */
export async function refExists(repo: LibraryRepo, ref: string): Promise<boolean> {
  return (await commitOf(repo, ref)) !== null
}

/**
 * The library as committed in `commit` (an id), or null when that commit has no library file.
 * A file that is not a valid library throws DataError naming `ref`, the name the commit was found by.
 */
export async function libraryAt(repo: LibraryRepo, commit: string, ref: string): Promise<Library | null> {
  const text = await repo.git.fileAt(commit, repo.rel)
  return text === null ? null : parseLibrary(text, `${repo.rel} at ${ref}`)
}

/** The library as last committed: empty before the first commit, or when that commit has none. */
export async function headLibrary(repo: LibraryRepo): Promise<Library> {
  const head = await commitWithLibrary(repo, 'HEAD')
  return (head === null ? null : await libraryAt(repo, head, 'HEAD')) ?? emptyLibrary()
}

/** The branch checked out, or null when HEAD is detached. */
export async function currentBranch(repo: LibraryRepo): Promise<string | null> {
  const result = await repo.git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'])
  return result.code === 0 ? result.stdout.trim() : null
}
