/**
 * The files an import reads: each path given, and inside folders (recursively) the files whose
 * extension the format reads. Hidden files and folders (`.git`, `.obsidian`) are skipped, and
 * symbolic links to folders are not followed, so a link cannot make the walk loop or leave the tree.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs'
import { lstat, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { DataError, NotFoundError } from '../core/errors.js'
import { checkInputSize, decodeInput } from './input.js'

/** Every file to import, in a stable order: paths as given, folder contents sorted by name. */
export async function collectImportFiles(paths: readonly string[], cwd: string, extensions: ReadonlySet<string>): Promise<string[]> {
  const files: string[] = []
  for (const given of paths) {
    const full = path.resolve(cwd, given)
    const info = await stat(full).catch(() => null)
    if (info === null) throw new NotFoundError(`No such file or folder: ${given}`)
    if (info.isDirectory()) files.push(...(await walk(full, extensions)))
    else files.push(full)
  }
  return [...new Set(files)]
}

async function walk(dir: string, extensions: ReadonlySet<string>): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort()
  const files: string[] = []
  for (const name of names) {
    const full = path.join(dir, name)
    const info = await lstat(full)
    if (info.isDirectory()) files.push(...(await walk(full, extensions)))
    else if ((info.isFile() || info.isSymbolicLink()) && extensions.has(path.extname(name).toLowerCase())) {
      // A link to a file is read like the file (readTextFile refuses what is not a regular file).
      files.push(full)
    }
  }
  return files
}

/**
 * A file's text through the input gate, with errors naming it as `source` (the path as the person
 * gave it). The size is checked against `limit` before the file is read, so a huge file costs nothing.
 * Synchronous: an import reads thousands of small files, where the thread-pool hop of each
 * asynchronous call costs more than the read (the caller lets Ctrl-C in between files).
 */
export function readImportFile(file: string, source: string, limit: number): string {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw code === 'ENOENT' ? new NotFoundError(`No such file: ${source}`) : new DataError(`${source} cannot be read: ${(error as Error).message}`)
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new DataError(`${source} is not a regular file`)
    checkInputSize(info.size, source, limit)
    return decodeInput(readFileSync(fd), source, limit)
  } finally {
    closeSync(fd)
  }
}
