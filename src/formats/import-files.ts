/**
 * The files an import reads: each path given, and inside folders (recursively) the files whose
 * extension the format reads. Hidden files and folders (`.git`, `.obsidian`) are skipped, and
 * symbolic links to folders are not followed, so a link cannot make the walk loop or leave the tree.
 */
import { lstat, open, readdir, stat } from 'node:fs/promises'
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
 */
export async function readImportFile(file: string, source: string, limit: number): Promise<string> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new NotFoundError(`No such file: ${source}`) : new DataError(`${source} cannot be read: ${error.message}`)
  })
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new DataError(`${source} is not a regular file`)
    checkInputSize(info.size, source, limit)
    return decodeInput(await handle.readFile(), source, limit)
  } finally {
    await handle.close()
  }
}
