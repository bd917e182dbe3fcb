import { lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** True when `path` is a symbolic link. */
export const isLink = (path: string): Promise<boolean> =>
  lstat(path).then(
    (info) => info.isSymbolicLink(),
    () => false,
  )

/**
 * Remove `path` when it is a symbolic link; true when it was. A commit can make `.gitattributes`
 * or `.gitignore` a link to any file (`/dev/zero`, `~/.bashrc`); git reads no lines through such
 * a link, and precis must neither read nor write through one.
 */
export async function removeLink(path: string): Promise<boolean> {
  if (!(await isLink(path))) return false
  await rm(path)
  return true
}

/** The lines of a text file; none when it does not exist. */
export async function readLines(path: string): Promise<string[]> {
  try {
    return (await readFile(path, 'utf8')).split(/\r?\n/)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** Append the lines `path` lacks (under `comment`); true when the file changed. */
export async function ensureLines(path: string, lines: readonly string[], comment: string): Promise<boolean> {
  const present = await readLines(path)
  const have = new Set(present.map((line) => line.trim()))
  const missing = lines.filter((line) => !have.has(line))
  if (missing.length === 0) return false
  const text = present.join('\n')
  const start = text === '' ? '' : text.endsWith('\n') ? `${text}\n` : `${text}\n\n`
  await mkdir(dirname(path), { recursive: true }) // a clone made without templates has no .git/info
  await writeFile(path, `${start}${comment}\n${missing.join('\n')}\n`)
  return true
}

/** Rewrite `path` without the lines `unwanted` picks; returns the lines taken out. */
export async function dropLines(path: string, unwanted: (line: string) => boolean): Promise<string[]> {
  const present = await readLines(path)
  const dropped = present.filter((line) => unwanted(line.trim()))
  if (dropped.length > 0) await writeFile(path, present.filter((line) => !unwanted(line.trim())).join('\n'))
  return dropped.map((line) => line.trim())
}
