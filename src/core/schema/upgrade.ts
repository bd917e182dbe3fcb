/**
 * Older library files read as the current format. Each step takes a file of one version to the
 * next; reading applies them in memory, and the store writes the result (after keeping a copy of the
 * older file) only when a command changes the library. A file of a version newer than this precis
 * knows is refused whole: an older precis would drop what it does not know.
 */
import { DataError } from '../errors.js'
import { LIBRARY_VERSION } from '../model.js'

type Fields = Record<string, unknown>

/**
 * `STEPS[v]` turns a parsed file of version v into one of version v + 1, without changing it in
 * place. Version 2 added optional fields to a paper (reading state, priority, attachments): every
 * version-1 file is a valid version-2 file once its number says so.
 */
const STEPS: Readonly<Record<number, (file: Fields) => Fields>> = {
  1: (file) => ({ ...file, version: 2 }),
}

/** The oldest version precis still reads. */
export const OLDEST_READABLE_VERSION = 1

/**
 * The oldest version whose records read as the current version's as they are: the steps from it
 * change only the version number. A step that changes records raises it to the version it makes.
 */
const SAME_RECORDS_FROM = 1

/** Whether a file of `version` holds records the current version's checks take as they are (upgradeLibraryValue changes none). */
export function recordsAsTheyAre(version: unknown): boolean {
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= SAME_RECORDS_FROM && version <= LIBRARY_VERSION
}

/** Raised when a library was written by a newer precis; nothing is read from it and nothing written to it. */
export class NewerLibraryError extends DataError {
  constructor(
    source: string,
    readonly version: number,
  ) {
    super(`${source} was written by a newer precis (library format version ${version}; this precis knows up to ${LIBRARY_VERSION})`, [
      'precis neither reads nor changes it. Upgrade precis to use it: npm install -g precis@latest',
    ])
  }
}

/** The format version `value` says it has, or null when it says none that is a whole number. */
export function fileVersion(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('version' in value)) return null
  const { version } = value
  return typeof version === 'number' && Number.isSafeInteger(version) ? version : null
}

/**
 * `value` as a file of the current version when it says it is of an older one precis reads (the
 * steps applied); as it is otherwise, for the checks to judge. Throws NewerLibraryError for a newer one.
 */
export function upgradeLibraryValue(value: unknown, source: string): unknown {
  const version = fileVersion(value)
  if (version === null) return value
  if (version > LIBRARY_VERSION) throw new NewerLibraryError(source, version)
  if (version < OLDEST_READABLE_VERSION) return value
  let file = value as Fields
  for (let v = version; v < LIBRARY_VERSION; v++) file = STEPS[v]!(file)
  return file
}
