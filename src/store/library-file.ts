import { readFile, stat } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { DataError } from '../core/errors.js'
import type { Library } from '../core/model.js'
import { parseLibrary } from '../core/schema.js'
import { writeFileDurably } from './durable-write.js'
import { serializeLibrary } from './serialize.js'

// ignoreBOM keeps a byte-order mark in the text, so it is reported rather than silently accepted.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

async function describeBackup(path: string): Promise<string[]> {
  const backup = `${path}.bak`
  try {
    const info = await stat(backup)
    return [
      `The previous good version is kept at ${backup} (saved ${info.mtime.toISOString()}).`,
      `precis will not write to the damaged file. To go back to the backup: cp '${backup}' '${path}'`,
    ]
  } catch {
    return [`There is no backup (${backup} does not exist). precis will not write to the damaged file.`]
  }
}

/**
 * lowdb adapter for the library file: strict UTF-8, schema-validated on read, durable atomic
 * write with a backup. A missing file reads as null (lowdb then starts from an empty library).
 */
export class LibraryFile implements Adapter<Library> {
  constructor(private readonly path: string) {}

  async read(): Promise<Library | null> {
    let bytes: Buffer
    try {
      bytes = await readFile(this.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw new DataError(`Cannot read the library ${this.path}: ${(error as Error).message}`)
    }
    try {
      let text: string
      try {
        text = strictUtf8.decode(bytes)
      } catch {
        throw new DataError(`${this.path} is not valid UTF-8 text`)
      }
      if (text.startsWith('\ufeff')) throw new DataError(`${this.path} starts with a byte-order mark, which precis never writes`)
      return parseLibrary(text, this.path)
    } catch (error) {
      if (!(error instanceof DataError)) throw error
      throw new DataError(error.message, [...error.details, ...(await describeBackup(this.path))])
    }
  }

  async write(library: Library): Promise<void> {
    await writeFileDurably(this.path, serializeLibrary(library))
  }
}
