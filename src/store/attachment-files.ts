/**
 * The files attached to papers, in a folder beside the library: `<library stem>.files/<key folder>/<name>`
 * (`library.json` → `library.files/`). Names and keys are hostile (see core/attachments): every path
 * is built from a checked name with pathInside, and the two folders on the way are refused when they
 * are symbolic links or anything but folders, so a planted link never sends a write or an open elsewhere.
 */
import { createHash, randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import path from 'node:path'
import { DataError, NotFoundError, UsageError } from '../core/errors.js'
import { formatSize, keyFolderName, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_TEXT } from '../core/attachments/attachments.js'
import { pathInside } from '../core/text/filenames.js'
import { describeFileError, NotRegularFileError } from '../platform/file-errors.js'
import { removeOnInterrupt } from '../platform/interrupt.js'
import { openRegularFile, readOpenedFile } from '../platform/regular-file.js'

const TEMP_PREFIX = '.precis-attach-'

/** The library file as it really lies (a link to it is followed), so the files sit beside the real one. */
function realLibrary(library: string): string {
  try {
    return realpathSync(library)
  } catch {
    return path.resolve(library)
  }
}

/** The folder holding every paper's files: `<library stem>.files` beside the library. */
export function attachmentsRoot(library: string): string {
  const real = realLibrary(library)
  const stem = path.basename(real).replace(/\.json$/i, '')
  return path.join(path.dirname(real), `${stem}.files`)
}

/** The folder of the paper `key`'s files (whether or not it exists). */
export function paperFolder(library: string, key: string): string {
  return pathInside(attachmentsRoot(library), keyFolderName(key))
}

/** Whether `dir` is a real folder (false: missing); throws DataError when it is a link or anything else. */
function isFolder(dir: string): boolean {
  let info
  try {
    info = lstatSync(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw new DataError(`Cannot use the attachment folder ${dir}: ${describeFileError(error)}`)
  }
  if (info.isSymbolicLink()) throw new DataError(`Refusing the attachment folder ${dir}: it is a symbolic link`)
  if (!info.isDirectory()) throw new DataError(`Refusing the attachment folder ${dir}: it is not a folder`)
  return true
}

function makeFolder(dir: string): void {
  if (isFolder(dir)) return
  try {
    mkdirSync(dir, { mode: 0o755 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new DataError(`Cannot make ${dir}: ${describeFileError(error)}`)
  }
  isFolder(dir) // made by another process meanwhile: checked like any other
}

/** The paper's folder, made (with the root) when missing, each checked to be a real folder. */
function ensurePaperFolder(library: string, key: string): string {
  makeFolder(attachmentsRoot(library))
  const folder = paperFolder(library, key)
  makeFolder(folder)
  return folder
}

/** A file copied into a paper's folder under a temporary name, not yet attached. */
export interface StagedFile {
  folder: string
  temp: string
  sha256: string
  size: number
  forget: () => void
}

/** `source` opened as a regular file, or refused in words: missing (exit 3), or not a file one can attach (exit 2). */
function openAttachable(source: string, verb: 'attach' | 'read'): ReturnType<typeof openRegularFile> {
  try {
    return openRegularFile(source)
  } catch (error) {
    const reason = error instanceof NotRegularFileError ? error.message : describeFileError(error)
    throw new (reason === 'it does not exist' ? NotFoundError : UsageError)(`Cannot ${verb} ${source}: ${reason}`)
  }
}

/**
 * Copy the regular file `source` (a link to one is followed; a pipe, a device or a folder is
 * refused before anything is read) into the paper's folder under a temporary name, hashing it on
 * the way. Refused above MAX_ATTACHMENT_BYTES, also when the file grows past it while copied.
 */
export function stageAttachment(library: string, key: string, source: string): StagedFile {
  const opened = openAttachable(source, 'attach')
  try {
    const limit = `at most ${MAX_ATTACHMENT_TEXT} can be attached`
    if (opened.size > MAX_ATTACHMENT_BYTES) throw new UsageError(`Cannot attach ${source}: it is ${formatSize(opened.size)}; ${limit}`)
    const folder = ensurePaperFolder(library, key)
    const temp = pathInside(folder, TEMP_PREFIX + randomBytes(8).toString('hex'))
    const forget = removeOnInterrupt(temp)
    const out = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644)
    const hash = createHash('sha256')
    let size = 0
    try {
      const buffer = Buffer.alloc(1 << 20)
      for (;;) {
        const n = readSync(opened.fd, buffer, 0, buffer.length, null)
        if (n === 0) break
        size += n
        if (size > MAX_ATTACHMENT_BYTES) throw new UsageError(`Cannot attach ${source}: it grew while copied; ${limit}`)
        hash.update(buffer.subarray(0, n))
        for (let done = 0; done < n;) done += writeSync(out, buffer, done, n - done)
      }
      fsyncSync(out)
    } catch (error) {
      closeSync(out)
      unlinkQuietly(temp)
      forget()
      if (error instanceof UsageError) throw error
      throw new DataError(`Cannot copy ${source} into ${folder}: ${describeFileError(error)}`)
    }
    closeSync(out)
    return { folder, temp, sha256: hash.digest('hex'), size, forget }
  } finally {
    closeSync(opened.fd)
  }
}

/** The bytes of the file `source` would be attached from, refused as stageAttachment refuses it (kind, size). */
export function readAttachableFile(source: string): Buffer {
  const opened = openAttachable(source, 'read')
  try {
    if (opened.size > MAX_ATTACHMENT_BYTES) {
      throw new UsageError(`Cannot read ${source}: it is ${formatSize(opened.size)}; at most ${MAX_ATTACHMENT_TEXT} can be attached`)
    }
    return readOpenedFile(opened)
  } finally {
    closeSync(opened.fd)
  }
}

/** Give the staged file its name in the folder; false (nothing done) when a file of that name is already there. */
export function placeStaged(staged: StagedFile, name: string): boolean {
  isFolder(staged.folder) // swapped for a link since it was staged: refused
  const target = pathInside(staged.folder, name)
  try {
    linkSync(staged.temp, target) // never replaces a file, unlike rename
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error
    // A file system without hard links: rename, after making sure nothing is in the way.
    if (exists(target)) return false
    renameSync(staged.temp, target)
  }
  discardStaged(staged)
  return true
}

/** Remove the staged copy (after it was placed, or when it is not wanted). */
export function discardStaged(staged: StagedFile): void {
  unlinkQuietly(staged.temp)
  staged.forget()
}

function exists(file: string): boolean {
  try {
    lstatSync(file)
    return true
  } catch {
    return false
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // already gone
  }
}

/** Where the paper's attached file `name` lies; throws NotFoundError when it is not there as a regular file. */
export function attachedFilePath(library: string, key: string, name: string): string {
  const folder = paperFolder(library, key)
  if (!isFolder(attachmentsRoot(library)) || !isFolder(folder))
    throw new NotFoundError(`The attached file ${name} is missing: ${folder} does not exist`)
  const file = pathInside(folder, name)
  let info
  try {
    info = lstatSync(file)
  } catch (error) {
    throw new NotFoundError(`The attached file ${file} is missing: ${describeFileError(error)}`)
  }
  if (!info.isFile()) throw new DataError(`Refusing to open ${file}: it is not a regular file`)
  return file
}

/**
 * Whether `source` is the file `name` lying in the paper's own folder already, attached to nothing
 * (doctor reports it and says to attach it): attaching it records it where it is.
 */
export function liesInPaperFolder(library: string, key: string, source: string, name: string): boolean {
  const folder = paperFolder(library, key)
  if (!isFolder(attachmentsRoot(library)) || !isFolder(folder) || path.basename(source) !== name) return false
  try {
    return realpathSync(path.dirname(source)) === realpathSync(folder) && lstatSync(source).isFile()
  } catch {
    return false
  }
}

/** Delete the paper's attached file `name`, and its folder when that leaves it empty. Missing already: nothing to do. */
export function removeAttachedFile(library: string, key: string, name: string): void {
  const folder = paperFolder(library, key)
  if (!isFolder(attachmentsRoot(library)) || !isFolder(folder)) return
  unlinkQuietly(pathInside(folder, name))
  removeIfEmpty(folder)
}

function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder)
  } catch {
    // not empty, or gone
  }
}

/**
 * Move the attached file `name` of the paper `fromKey` into the folder of `toKey` as `toName`
 * (never over a file there: DataError), or delete it when `toName` is null; an emptied folder goes.
 * A file already gone: nothing to do.
 */
export function moveAttachedFile(library: string, fromKey: string, name: string, toKey: string, toName: string | null): void {
  const from = paperFolder(library, fromKey)
  if (!isFolder(attachmentsRoot(library)) || !isFolder(from)) return
  const source = pathInside(from, name)
  if (!exists(source)) return
  if (toName !== null) {
    const target = pathInside(ensurePaperFolder(library, toKey), toName)
    try {
      linkSync(source, target) // never replaces a file
    } catch (error) {
      throw new DataError(`Cannot move ${source} to ${target}: ${describeFileError(error)}`)
    }
  }
  unlinkQuietly(source)
  removeIfEmpty(from)
}

/**
 * Move a paper's folder when its key changes. Nothing to move: nothing done. Refused (DataError)
 * when the new key's folder already exists, so no files are ever mixed or overwritten.
 */
export function movePaperFolder(library: string, fromKey: string, toKey: string): boolean {
  const root = attachmentsRoot(library)
  if (!isFolder(root)) return false
  const from = paperFolder(library, fromKey)
  const to = paperFolder(library, toKey)
  if (from === to || !isFolder(from)) return false
  if (isFolder(to)) throw new DataError(`Cannot move the attachments of ${fromKey}: ${to} already exists`)
  renameSync(from, to)
  return true
}

/**
 * What the attachment folder holds: each entry's name, with the file names in it (temporary copies
 * left out), or null for an entry that is not a real folder (a file, a link). Null when there is no
 * attachment folder; DataError when it is a link or no folder.
 */
export function listAttachmentFolders(library: string): Map<string, string[] | null> | null {
  const root = attachmentsRoot(library)
  if (!isFolder(root)) return null
  const folders = new Map<string, string[] | null>()
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const names = entry.isDirectory() ? readdirSync(path.join(root, entry.name)).filter((name) => !name.startsWith(TEMP_PREFIX)) : null
    folders.set(entry.name, names)
  }
  return folders
}
