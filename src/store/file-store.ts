// Synchronous calls: fs/promises (with readline and streams) costs every command's start more than they take.
import { lstatSync, mkdirSync, readlinkSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { DataError } from '../core/errors.js'
import { emptyLibrary, LIBRARY_VERSION, type Library, type TrashEntry } from '../core/model.js'
import { describeFileError, describeKind, NotRegularFileError } from '../platform/file-errors.js'
import type { LibraryOutline } from '../core/records/outline.js'
import type { PostingsView } from '../core/search/postings-view.js'
import { fileIdentity, sameIdentity, type FileIdentity } from './index/identity.js'
import { indexAfterWrite, indexBeforeChange, indexFileOf, IndexedLibrary, type IndexOptions } from './index/indexed-library.js'
import { PlacesWhileWriting } from './index/places.js'
import type { PlacedLibrary } from './index/build.js'
import type { BeforeChange } from './index/reuse.js'
import type { PostingsBeforeChange } from './index/indexed-postings.js'
import { libraryEntries } from '../core/records/entries.js'
import { postingsPath } from './index/location.js'
import { LibraryFile } from './library-file.js'
import { visitLibrary } from './library-records.js'
import { runWithDefaultSignals } from '../platform/interrupt.js'
import { DEFAULT_LOCK_TIMEOUT_MS } from './lock-timeout.js'
import type { PickedRecords } from './outline-reads.js'
import { noHistory, type LoadRecorder } from './recorder.js'
import type { Change, NamedRecords, OutlineOptions, RecordPlaces, RecordsAt, Store, UpdateOptions } from './store.js'

/**
 * The real path behind `path`: symlinks followed (also a dangling one, so the first write creates
 * the link's target rather than replacing the link), folders resolved where they exist. A path
 * that cannot be followed (a loop of links, a file where a folder should be) or that names
 * something other than a regular file (a named pipe, `/dev/zero`) is a DataError naming the
 * reason, before a lock is made beside it. (Reading checks the kind again on the file it opens.)
 */
export async function resolveLibraryTarget(path: string): Promise<string> {
  try {
    const target = followLinks(path, 0)
    const info = statSync(target, { throwIfNoEntry: false })
    if (info && !info.isFile()) throw new NotRegularFileError(describeKind(info))
    return target
  } catch (error) {
    throw new DataError(`Cannot open the library ${path}: ${describeFileError(error)}`)
  }
}

/** Links a chain may go through before it counts as a loop: the kernel's own limit (ELOOP). */
const MAX_LINK_HOPS = 40

function followLinks(path: string, hops: number): string {
  try {
    return realpathSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  try {
    if (lstatSync(path).isSymbolicLink()) {
      if (hops >= MAX_LINK_HOPS) throw Object.assign(new Error('too many links'), { code: 'ELOOP' })
      return followLinks(resolve(dirname(path), readlinkSync(path)), hops + 1)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  try {
    return join(realpathSync(dirname(path)), basename(path))
  } catch {
    return path // the folder does not exist yet; it is created on first write
  }
}

/**
 * After a save wrote `placed` (inside its lock): its index, and its postings when they were current
 * before the change, made current from the library's entries, made once for both (and let go on return).
 */
async function indexesAfterWrite(
  target: string,
  options: IndexOptions,
  placed: PlacedLibrary,
  before: BeforeChange | undefined,
  postingsBefore: PostingsBeforeChange | undefined,
): Promise<void> {
  const entries = libraryEntries(placed)
  await indexAfterWrite(target, options, placed, entries, before)
  if (postingsBefore) await (await import('./index/indexed-postings.js')).postingsAfterWrite(target, postingsBefore, entries)
}

/**
 * The library in a JSON file: lowdb over our adapter, with a cross-process lock around every update,
 * and each update recorded in the library's history (a git commit when sync is on).
 */
export class FileStore implements Store {
  constructor(
    readonly path: string,
    private readonly lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
    /** How changes are recorded (the context gives git's, which commits when sync is on); by default not at all. */
    private readonly loadRecorder: LoadRecorder = async () => noHistory,
    /** Told when a saved change could not be recorded (a git commit that failed); the context tells the person. */
    private readonly warn: (message: string) => void = () => undefined,
    /** Where the library's index is kept; without it every read reads the whole library. */
    readonly index?: IndexOptions,
  ) {}

  #indexed: Promise<IndexedLibrary> | undefined

  async outline(options?: OutlineOptions): Promise<LibraryOutline> {
    return (await this.#indexedLibrary()).outline(options)
  }

  async records(outline: LibraryOutline, keys: readonly string[], ids: readonly string[], places?: RecordPlaces): Promise<PickedRecords> {
    return (await this.#indexedLibrary()).records(outline, keys, ids, places)
  }

  async postings(outline: LibraryOutline, rebuild?: boolean): Promise<PostingsView | null> {
    return (await this.#indexedLibrary()).postings(outline, rebuild)
  }

  async currentIndex(): Promise<{ outline: LibraryOutline; postings: PostingsView } | null> {
    return (await this.#indexedLibrary()).currentIndex()
  }

  async trash(): Promise<TrashEntry[]> {
    const target = await resolveLibraryTarget(this.path)
    const entries: TrashEntry[] = []
    const ignore = () => undefined
    // Record by record, only the trash kept; a file not read so is read whole, which says what is wrong with it.
    const read = runWithDefaultSignals(() =>
      visitLibrary(target, { paper: ignore, summary: ignore, trash: (entry) => entries.push(entry) }),
    )
    return read ? entries : (await this.read()).trash
  }

  wholeLibrary(outline: LibraryOutline): Library | null {
    return this.#indexedNow?.wholeLibrary(outline) ?? null
  }

  changedSince(outline: LibraryOutline): boolean {
    return this.#indexedNow?.changedSince(outline) ?? false
  }

  recordsAt(outline: LibraryOutline): RecordsAt | null {
    return this.#indexedNow?.recordsAt(outline) ?? null
  }

  /** The reader of the outlines handed out so far (none before the first). */
  #indexedNow: IndexedLibrary | undefined

  async named(outline: LibraryOutline): Promise<NamedRecords | null> {
    return (await this.#indexedLibrary()).named(outline)
  }

  #indexedLibrary(): Promise<IndexedLibrary> {
    this.#indexed ??= resolveLibraryTarget(this.path).then((target) => {
      const index = this.index ? indexFileOf(target, this.index) : null
      return (this.#indexedNow = new IndexedLibrary(target, new LibraryFile(target), index, this.index?.note, this.index?.noteFromBytes))
    })
    return this.#indexed
  }

  async read(): Promise<Library> {
    const { Low } = await import('lowdb') // not at start-up: `--help` never opens the library
    const target = await resolveLibraryTarget(this.path)
    const file = new LibraryFile(target)
    const db = new Low(file, emptyLibrary())
    const identity = fileIdentity(target) // before the read: a change during it then counts as a change
    await db.read()
    this.#reads.set(db.data, { identity, fileVersion: file.fileVersion })
    return db.data
  }

  /** The identity of the file (null: none) each library `read` returned was read from, and that file's format version. */
  readonly #reads = new WeakMap<Library, { identity: FileIdentity | null; fileVersion: number | null }>()

  /** Whether the file at `target` (identity `now`) is still the one `since` was read from. */
  #unchangedSince(since: Library | undefined, now: FileIdentity | null): boolean {
    if (since === undefined || !this.#reads.has(since)) return false
    const then = this.#reads.get(since)!.identity
    return then === null ? now === null : sameIdentity(then, now) // no file then and now: the empty library both times
  }

  /** `handed`, with its file's format version, when it is what a read returned from the file still as it is (identity `now`); taken once. */
  #takeRead(handed: Library | undefined, now: FileIdentity | null): { library: Library; fileVersion: number | null } | undefined {
    if (handed === undefined || !this.#unchangedSince(handed, now)) return undefined
    const { fileVersion } = this.#reads.get(handed)!
    this.#reads.delete(handed) // changed by the change from here on: never handed out as the file's text again
    return { library: handed, fileVersion }
  }

  async update<T>(change: Change<T>, options: UpdateOptions<T> = {}): Promise<T> {
    // Loaded by the commands that write only: with them, git and the durable write (child_process,
    // crypto, fs/promises) would slow the start of every command that reads.
    const [{ acquireLock }, { saveFailure }, { checkBeforeWrite }, recorder] = await Promise.all([
      import('./lock.js'),
      import('./durable-write.js'),
      import('./write-gate.js'),
      this.loadRecorder(),
    ])
    const target = await resolveLibraryTarget(this.path)
    try {
      mkdirSync(dirname(target), { recursive: true })
    } catch (error) {
      throw saveFailure(target, error, `its folder ${dirname(target)} could not be created`)
    }
    const lock = `${target}.lock`
    const release = await acquireLock(lock, { timeoutMs: this.lockTimeoutMs, label: this.path }).catch((error: unknown) => {
      throw saveFailure(target, error, `its lock file ${lock} could not be created`)
    })
    try {
      const { Low } = await import('lowdb')
      const file = new LibraryFile(target)
      const db = new Low(file, emptyLibrary()) // re-read inside the lock: never a lost update
      const read = fileIdentity(target)
      // The library the command read, when the file is still the one it read: the same text, not parsed again.
      const unchanged = this.#unchangedSince(options.since, read) // before the read handed over is taken
      const handed = this.#takeRead(options.reuse, read)
      if (handed) db.data = handed.library
      else await db.read()
      const fileVersion = handed ? handed.fileVersion : file.fileVersion
      const before = this.index && indexBeforeChange(target, this.index, read, db.data)
      // Loaded by a change only: the postings' code needs node:zlib, which reads from the index never load.
      const { postingsBeforeChange } = await import('./index/indexed-postings.js')
      const postingsBefore = this.index && postingsBeforeChange(target, postingsPath(indexFileOf(target, this.index).path), read, db.data)
      const recording = await recorder.begin(target, db.data)
      const result = await change(db.data, { unchanged })
      checkBeforeWrite(db.data, this.path) // the read path's rules: never write what cannot be read back
      if (fileVersion !== null && fileVersion < LIBRARY_VERSION) await this.#keepOlderFile(target, fileVersion)
      const places = this.index ? new PlacesWhileWriting() : undefined
      await file.write(db.data, places?.record)
      // Still inside the lock. A crash before this leaves an index of the previous file: the next read rebuilds it.
      if (this.index && places) await indexesAfterWrite(target, this.index, places.placed, before, postingsBefore)
      const { message } = options
      const unrecorded = await recording?.finish(db.data, typeof message === 'function' ? message(result) : message)
      if (unrecorded) this.warn(unrecorded)
      return result
    } finally {
      await release()
    }
  }

  /** The first write of an older file upgrades it: the file as it was is kept first, and the person told where. */
  async #keepOlderFile(target: string, version: number): Promise<void> {
    const { keepUpgradeBackup } = await import('./upgrade-backup.js')
    const backup = await keepUpgradeBackup(target, version)
    this.warn(
      `Upgraded the library ${this.path} from format version ${version} to ${LIBRARY_VERSION}; the version-${version} file is kept as ${backup}`,
    )
  }
}
