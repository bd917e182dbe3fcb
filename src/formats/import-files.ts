/**
 * The files an import reads: each path given, and inside folders (recursively) the files whose
 * extension the format reads. Hidden files and folders (`.git`, `.obsidian`) are skipped.
 * Symbolic links inside a folder could reach any file the user may read (`notes/key.md` ->
 * `~/.ssh/id_ed25519`, which would then be stored and synced): a link to a file is read only when
 * the file lies inside the folder given, and links to folders are not followed (what lies inside
 * is read where it is). Links skipped are listed, for the command to name. `--follow-symlinks`
 * follows every link, each folder read once, so a loop of links ends.
 */
import { closeSync } from 'node:fs'
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { DataError, NotFoundError } from '../core/errors.js'
import { describeFileError, describeKind, NotRegularFileError } from '../platform/file-errors.js'
import { openRegularFile, readOpenedFile, type OpenFile } from '../platform/regular-file.js'
import { checkInputSize, decodeInput } from '../core/text/input.js'

/** A file to import. */
export interface ImportFile {
  /** Where it was found (the path given, or below a folder given): names it, its extension picks the format. */
  path: string
  /** Its real path, checked to be a regular file: what is opened, without following links. */
  target: string
}

/** Something in a folder that looked like a file to import and is not read. */
export interface SkippedEntry {
  path: string
  /** Why, as a clause: "a symbolic link to a file outside notes". */
  reason: string
}

export interface ImportFileList {
  /** Every file to import, in a stable order: paths as given, folder contents sorted by name. */
  files: ImportFile[]
  skipped: SkippedEntry[]
}

/** The files to import from `paths` (relative to `cwd`): a path given that is not a file or folder is refused at once. */
export async function collectImportFiles(
  paths: readonly string[],
  cwd: string,
  extensions: ReadonlySet<string>,
  followSymlinks = false,
): Promise<ImportFileList> {
  const walk = new FolderWalk(extensions, followSymlinks)
  for (const given of paths) await walk.given(path.resolve(cwd, given), given)
  return { files: walk.files, skipped: walk.skipped }
}

/** True when the real path `target` is `folder` or lies below it. */
function isInside(target: string, folder: string): boolean {
  return target === folder || target.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep)
}

class FolderWalk {
  readonly files: ImportFile[] = []
  readonly skipped: SkippedEntry[] = []
  /** Real paths of the files and folders already taken: each is read once, however many links lead to it. */
  private readonly taken = new Set<string>()

  constructor(
    private readonly extensions: ReadonlySet<string>,
    private readonly followSymlinks: boolean,
  ) {}

  /** A path the person gave: followed wherever it leads (they named it), but it must be a file or a folder. */
  async given(full: string, given: string): Promise<void> {
    let target: string
    let info
    try {
      target = await realpath(full)
      info = await stat(target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`No such file or folder: ${given}`)
      throw new DataError(`${given} cannot be imported: ${describeFileError(error)}`)
    }
    if (info.isDirectory()) return this.folder(full, target, { root: target, given })
    if (!info.isFile())
      throw new DataError(`${given} cannot be imported: ${describeFileError(new NotRegularFileError(describeKind(info)))}`)
    this.take(full, target)
  }

  private take(shown: string, target: string): void {
    if (this.taken.has(target)) return
    this.taken.add(target)
    this.files.push({ path: shown, target })
  }

  /** The folder found at `shown`, really at `real`, below the folder given (`root` is its real path). */
  private async folder(shown: string, real: string, top: { root: string; given: string }): Promise<void> {
    if (this.taken.has(real)) return
    this.taken.add(real)
    const names = (await readdir(real)).filter((name) => !name.startsWith('.')).sort()
    for (const name of names) {
      const at = path.join(real, name)
      const info = await lstat(at).catch(() => null) // removed meanwhile: nothing to read
      const wanted = this.extensions.has(path.extname(name).toLowerCase())
      if (info === null) continue
      if (info.isDirectory()) await this.folder(path.join(shown, name), at, top)
      else if (info.isSymbolicLink()) await this.link(path.join(shown, name), at, wanted, top)
      else if (wanted && info.isFile()) this.take(path.join(shown, name), at)
      else if (wanted) this.skipped.push({ path: path.join(shown, name), reason: `${describeKind(info)}, not a regular file` })
    }
  }

  private async link(shown: string, at: string, wanted: boolean, top: { root: string; given: string }): Promise<void> {
    let target: string
    let info
    try {
      target = await realpath(at)
      info = await stat(target)
    } catch (error) {
      if (wanted)
        this.skipped.push({
          path: shown,
          reason: `a symbolic link that ${(error as NodeJS.ErrnoException).code === 'ELOOP' ? 'leads round in a loop' : 'leads nowhere'}`,
        })
      return
    }
    const outside = isInside(target, top.root) ? '' : ` outside ${top.given}`
    if (info.isDirectory()) {
      if (this.followSymlinks) {
        if (this.taken.has(target))
          this.skipped.push({ path: shown, reason: 'a symbolic link to a folder already read (a loop of links?)' })
        else await this.folder(shown, target, top)
      } else if (outside) this.skipped.push({ path: shown, reason: `a symbolic link to a folder${outside}` })
      return
    }
    if (!wanted) return
    if (!info.isFile()) this.skipped.push({ path: shown, reason: `a symbolic link to ${describeKind(info)}` })
    else if (outside && !this.followSymlinks) this.skipped.push({ path: shown, reason: `a symbolic link to a file${outside}` })
    else this.take(shown, target)
  }
}

/**
 * The text of `file` through the input gate, with errors naming it as `source` (the path as the
 * person gave it). `file` must be a real path (collectImportFiles's `target`): a link found in its
 * place is refused, as is anything but a regular file, without waiting on it. The size is checked
 * against `limit` before the file is read, so a huge file costs nothing.
 * Synchronous: an import reads thousands of small files, where the thread-pool hop of each
 * asynchronous call costs more than the read (the caller lets Ctrl-C in between files).
 */
export function readImportFile(file: string, source: string, limit: number): string {
  let opened: OpenFile
  try {
    opened = openRegularFile(file, true)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw code === 'ENOENT'
      ? new NotFoundError(`No such file: ${source}`)
      : new DataError(`${source} cannot be read: ${describeFileError(error)}`)
  }
  try {
    checkInputSize(opened.size, source, limit)
    return decodeInput(readOpenedFile(opened), source, limit)
  } finally {
    closeSync(opened.fd)
  }
}
