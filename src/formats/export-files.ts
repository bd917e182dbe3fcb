/**
 * Writing export files: nothing is overwritten without `--force`, and each file is replaced whole
 * (a temp file beside it, then a rename), so an interrupted export never leaves half a file and a
 * symbolic link planted where a file will go is replaced, never written through.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, constants, openSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { lstat, mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { ExitCode, PrecisError, UsageError } from '../core/errors.js'
import { describeFileError } from '../platform/file-errors.js'
import { forEachInterruptible, removeOnInterrupt } from '../platform/interrupt.js'

/** A file an export writes. */
export interface OutputFile {
  path: string
  /**
   * The text, made as the file is written: an export of 100k summaries never holds them all at once.
   * Pieces are written as they come, so one long page is never held whole either.
   */
  content: () => string | Iterable<string>
}

/** The whole text of `file` (for the few places that need it at once). */
export function wholeContent(file: OutputFile): string {
  const content = file.content()
  return typeof content === 'string' ? content : [...content].join('')
}

/** Throws UsageError listing the files that exist already, unless `force`. */
export async function refuseOverwrites(files: readonly OutputFile[], force: boolean): Promise<void> {
  if (force) return
  const existing: string[] = []
  for (const file of files) if (await lstat(file.path).catch(() => null)) existing.push(file.path)
  if (existing.length === 0) return
  const shown = existing.slice(0, 10)
  if (existing.length > shown.length) shown.push(`... and ${existing.length - shown.length} more`)
  throw new UsageError(
    `${existing.length === 1 ? 'A file' : `${existing.length} files`} would be overwritten; pass --force to replace`,
    shown,
  )
}

/**
 * Write the files in order, creating folders as needed; `progress` is told after each file.
 * Synchronous file calls: for thousands of small files the hop of each asynchronous call through
 * libuv's thread pool was half the work (forEachInterruptible lets Ctrl-C in between).
 */
export async function writeOutputFiles(files: readonly OutputFile[], progress: (done: number) => void = () => undefined): Promise<void> {
  const folders = new Set(files.map((file) => path.dirname(file.path)))
  for (const folder of folders) await createFolder(folder)
  await forEachInterruptible(files, (file, i) => {
    try {
      replaceFile(file)
    } catch (error) {
      throw writeFailure(`Could not write ${file.path}: ${describeFileError(error)}`, error)
    }
    progress(i + 1)
  })
}

/** Make `folder` and the folders above it, as needed; a failure is a message naming it. */
export async function createFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    // mkdir says EEXIST when a file stands where a folder of the path should be.
    const reason =
      (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'a part of its path is a file, not a folder' : describeFileError(error)
    throw writeFailure(`Could not create the folder ${folder}: ${reason}`, error)
  })
}

/** A system error while writing, as `message` (exit 1); other errors pass through. */
export function writeFailure(message: string, error: unknown): unknown {
  if (typeof (error as NodeJS.ErrnoException | null)?.code !== 'string') return error
  return new PrecisError(message, ExitCode.failure)
}

function replaceFile({ path: target, content }: OutputFile): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  // Removed on Ctrl-C from before it exists (the name is new and random: only our file can have it).
  const forget = removeOnInterrupt(temp)
  try {
    writeThenRename(temp, target, content())
  } finally {
    forget()
  }
}

function writeThenRename(temp: string, target: string, content: string | Iterable<string>): void {
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666)
  try {
    if (typeof content === 'string') writeFileSync(fd, content, 'utf8')
    else for (const piece of content) writeFileSync(fd, piece, 'utf8')
    closeSync(fd)
    renameSync(temp, target)
  } catch (error) {
    try {
      closeSync(fd)
    } catch {
      // already closed
    }
    rmSync(temp, { force: true })
    throw error
  }
}

/** Whether anything (a file, a folder, a link) is at `file`. */
export async function pathExists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => null)) !== null
}

/** `--out` is a folder when written as one (`review/`), when it is one, or when it has no extension. */
export async function namesFolder(given: string, resolved: string): Promise<boolean> {
  if (/[\\/]$/.test(given)) return true
  const info = await stat(resolved).catch(() => null)
  return info ? info.isDirectory() : path.extname(resolved) === ''
}
