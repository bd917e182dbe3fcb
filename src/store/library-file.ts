import { constants as bufferLimits, isUtf8 } from 'node:buffer'
import { closeSync, readSync, statSync } from 'node:fs'
import type { Adapter } from 'lowdb'
import { DataError } from '../core/errors.js'
import { describeFileError } from '../platform/file-errors.js'
import { runWithDefaultSignals } from '../platform/interrupt.js'
import { openRegularFile, readOpenedFile, readRegularFile } from '../platform/regular-file.js'
import type { Library } from '../core/model.js'
import { parseLibraryFile, readLibraryValue, type ReadLibrary } from '../core/schema/schema.js'
import { NewerLibraryError } from '../core/schema/upgrade.js'
import { parseJsonPieces } from './json-pieces.js'
import type { RecordPlaced } from './serialize.js'
import { MAX_LIBRARY_FILE_BYTES, describeSize } from './size-limit.js'

function describeBackup(path: string): string[] {
  const backup = `${path}.bak`
  try {
    const info = statSync(backup)
    return [
      `The previous good version is kept at ${backup} (saved ${info.mtime.toISOString()}).`,
      `precis will not write to the damaged file. To go back to the backup: cp '${backup}' '${path}'`,
    ]
  } catch {
    return [`There is no backup (${backup} does not exist). precis will not write to the damaged file.`]
  }
}

/**
 * The last library text decoded, with the bytes it came from. A command that changes the library
 * reads it, then reads it again inside the lock (so no update is lost); when the file has not
 * changed in between, the second read reuses the text instead of decoding the bytes again, which
 * is a third of the time a read takes. Identical bytes always decode to the same text.
 * Kept once, for the next read only, and only for files up to REUSED_TEXT_MAX_BYTES: held
 * between the two reads it costs about three times the file size in memory.
 */
let lastDecoded: { bytes: Buffer; text: string } | undefined
const REUSED_TEXT_MAX_BYTES = 128 * 1024 * 1024

function decodeText(bytes: Buffer): string {
  const reused = lastDecoded?.bytes.equals(bytes) ? lastDecoded.text : undefined
  const text = reused ?? bytes.toString('utf8')
  lastDecoded = reused === undefined && bytes.length <= REUSED_TEXT_MAX_BYTES ? { bytes, text } : undefined
  return text
}

/** Read in steps this large, with a turn of the event loop between them, where Ctrl-C is handled. */
const READ_STEP_BYTES = 64 * 1024 * 1024

/**
 * The bytes of the regular file at `path` (anything else is refused before a byte is read). In a
 * few large synchronous steps: fs.promises.readFile goes in 512 KiB steps through the thread pool,
 * several times slower, while one synchronous call for a whole large library would hold off
 * Ctrl-C until it is done.
 */
async function readWholeFile(path: string): Promise<Buffer> {
  const { fd, size } = openRegularFile(path)
  try {
    if (size > MAX_LIBRARY_FILE_BYTES) throw Object.assign(new Error('too large'), { code: 'ERR_FS_FILE_TOO_LARGE' })
    if (size === 0) return readOpenedFile({ fd, size }) // nothing: see there why
    const bytes = Buffer.allocUnsafe(size)
    let filled = 0
    for (;;) {
      const read = readSync(fd, bytes, filled, Math.min(READ_STEP_BYTES, size - filled), null)
      filled += read
      if (read === 0 || filled === size) return bytes.subarray(0, filled) // shorter: cut meanwhile
      await new Promise((resolve) => setImmediate(resolve))
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * lowdb adapter for the library file: strict UTF-8, schema-validated on read, durable atomic
 * write with a backup. A missing file reads as null (lowdb then starts from an empty library).
 */
export class LibraryFile implements Adapter<Library> {
  /** `wholeTextLimit`: longer files are parsed in pieces (a parameter so tests can reach that path). */
  constructor(
    private readonly path: string,
    private readonly wholeTextLimit = bufferLimits.MAX_STRING_LENGTH,
  ) {}

  /** The format version of the file last read (older ones are upgraded in memory); null before a read or without a file. */
  fileVersion: number | null = null

  async read(): Promise<Library | null> {
    return (await this.readWithBytes()).library
  }

  /** The library and the bytes it was parsed from; both null when there is no file. */
  async readWithBytes(): Promise<{ library: Library | null; bytes: Buffer | null }> {
    let bytes: Buffer
    try {
      bytes = await readWholeFile(this.path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return { library: null, bytes: null }
      if (code === 'ERR_FS_FILE_TOO_LARGE') {
        throw new DataError(`${this.path} is larger than ${describeSize(MAX_LIBRARY_FILE_BYTES)}, the largest library file precis can read`)
      }
      throw new DataError(`Cannot read the library ${this.path}: ${describeFileError(error)}`)
    }
    try {
      // Decoding, parsing and checking are long synchronous steps on a large library: Ctrl-C ends them at once.
      const { library, fileVersion } = runWithDefaultSignals(() => this.parse(bytes))
      this.fileVersion = fileVersion
      return { library, bytes }
    } catch (error) {
      // A newer file is not damaged: going back to the backup would lose what the newer precis wrote.
      if (!(error instanceof DataError) || error instanceof NewerLibraryError) throw error
      throw new DataError(error.message, [...error.details, ...describeBackup(this.path)])
    }
  }

  /**
   * The library read synchronously, and the bytes it was parsed from (both null when there is no
   * file): for the rare read that finds its index unusable halfway through.
   */
  readNow(): { library: Library | null; bytes: Buffer | null } {
    let bytes: Buffer
    try {
      bytes = readRegularFile(this.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { library: null, bytes: null }
      throw new DataError(`Cannot read the library ${this.path}: ${describeFileError(error)}`)
    }
    const { library, fileVersion } = this.parse(bytes)
    this.fileVersion = fileVersion
    return { library, bytes }
  }

  private parse(bytes: Buffer): ReadLibrary {
    if (!isUtf8(bytes)) throw new DataError(`${this.path} is not valid UTF-8 text`)
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      throw new DataError(`${this.path} starts with a byte-order mark, which precis never writes`)
    }
    if (bytes.length <= this.wholeTextLimit) return parseLibraryFile(decodeText(bytes), this.path)
    return readLibraryValue(this.parseInPieces(bytes), this.path)
  }

  /** A library too long for one string (V8's limit, ~512 MiB): parsed record by record. */
  private parseInPieces(bytes: Buffer): unknown {
    try {
      return parseJsonPieces(bytes)
    } catch (error) {
      throw new DataError(`${this.path} is not valid JSON: ${(error as Error).message}`)
    }
  }

  /** `placed`, when given, learns where each record lies in the file written (see serializeLibrary). */
  async write(library: Library, placed?: RecordPlaced): Promise<void> {
    // Loaded by the commands that write: reading needs neither (nor crypto and fs/promises, theirs).
    const [{ TooLongError, writeFileDurably }, { serializeLibrary }] = await Promise.all([
      import('./durable-write.js'),
      import('./serialize.js'),
    ])
    try {
      await writeFileDurably(this.path, serializeLibrary(library, placed), MAX_LIBRARY_FILE_BYTES)
    } catch (error) {
      if (!(error instanceof TooLongError)) throw error
      // Refused before the file was replaced: a library precis could not read back is never written.
      throw new DataError(
        `Could not save the library ${this.path}: it would be larger than ${describeSize(MAX_LIBRARY_FILE_BYTES)}, the largest library file precis can read`,
        ['The library was not changed.'],
      )
    }
  }
}
