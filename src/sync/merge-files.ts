import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { DataError } from '../core/errors.js'
import type { KeyPattern } from '../core/keys/citekey.js'
import { mergeLibraries, type MergeConflict } from '../core/merge/three-way.js'
import { emptyLibrary, type Library } from '../core/model.js'
import { parseLibrary } from '../core/schema/schema.js'
import { serializeLibrary } from '../store/serialize.js'
import { checkBeforeWrite } from '../store/write-gate.js'

/** The three files git hands a merge driver: `%O`, `%A` (also where the result goes) and `%B`. */
export interface MergeFiles {
  base: string
  ours: string
  theirs: string
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** One side of the merge, validated. Git gives an empty ancestor when the histories share none. */
async function readSide(path: string, source: string, emptyMeansNone: boolean): Promise<Library> {
  const bytes = await readFile(path)
  if (bytes.length === 0 && emptyMeansNone) return emptyLibrary()
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    throw new DataError(`${source} is not valid UTF-8 text`)
  }
  if (text.startsWith('\ufeff')) throw new DataError(`${source} starts with a byte-order mark, which precis never writes`)
  return parseLibrary(text, source)
}

/**
 * Merge the library files for git: read and validate all three, merge, check the result and
 * write it over `ours` (through a temporary file, so `ours` is never left half written). Any side
 * that is not a valid library throws DataError before anything is written, so git reports a
 * conflict and the file keeps our version, never garbage or conflict markers.
 */
export async function mergeLibraryFiles(
  files: MergeFiles,
  label: string,
  now: Date,
  keyPattern?: () => KeyPattern,
): Promise<MergeConflict[]> {
  const [base, ours, theirs] = await Promise.all([
    readSide(files.base, `the common version of ${label}`, true),
    readSide(files.ours, `our version of ${label}`, false),
    readSide(files.theirs, `their version of ${label}`, false),
  ])
  const { library, conflicts } = mergeLibraries(base, ours, theirs, now, keyPattern)
  checkBeforeWrite(library, label) // the store's last check: a merge is a write too
  const temp = `${files.ours}.precis-merge-${process.pid}`
  try {
    await writeFile(temp, [...serializeLibrary(library)].join(''), { flag: 'wx' })
    await rename(temp, files.ours)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return conflicts
}
