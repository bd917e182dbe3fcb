import type { Library } from '../../core/model.js'
import { libraryEntries } from '../../core/records/entries.js'
import { buildPostings, PostingsUnavailable } from '../../core/search/postings.js'
import type { Entry } from '../../core/records/entries.js'
import { fingerprintAt, fingerprintsOf } from './fingerprints.js'
import { PostingsView } from '../../core/search/postings-view.js'
import type { LibraryFile } from '../library-file.js'
import { formatBytes } from '../../core/text/sizes.js'
import type { IndexContents } from './contents.js'
import { fileIdentity, readableIdentity, sameIdentity, type FileIdentity } from './identity.js'
import { PostingsFile, type PostingsState } from './postings-file.js'
import { compacted, deltaAfterChange, deltaLimit, deltaOver, entriesBefore, type EntriesBefore } from '../../core/search/postings-delta.js'

/** Where the postings of one library file are kept, and how a long build is announced. */
export interface PostingsPlace {
  target: string
  file: LibraryFile
  /** The postings file (postings-file.ts), or null when the store keeps no index. */
  path: string | null
  note: (message: string) => void
  noteFromBytes: number
}

/**
 * The search postings of the library an outline was made of (`source`: the index it came from, or
 * the library read whole, whose file then had the identity `read`). A save keeps them current (a
 * delta over the base: postings-view.ts); after anything else (a hand edit, a checkout, postings
 * never built) the first search builds them whole from the library read, and keeps them. Null when
 * the file has changed since the outline was read: the postings would not be of the same entries.
 */
export async function postingsOf(
  place: PostingsPlace,
  source: IndexContents | Library,
  read: FileIdentity | null,
  /** Build them again even when the file says they are current (their tokens turned out unreadable). */
  rebuild = false,
): Promise<PostingsView | null> {
  const stored = place.path === null ? null : new PostingsFile(place.path, place.target)
  if ('format' in source) return built(stored, libraryEntries(source), read)
  const loaded = rebuild ? null : stored?.load(source.identity)
  if (loaded) return loaded
  const current = readableIdentity(place.target)
  if (!sameIdentity(current, source.identity)) return null
  if (Number(current!.size) >= place.noteFromBytes)
    place.note(`Indexing the library's words (${formatBytes(Number(current!.size))}); later searches will be quick.`)
  const library = await place.file.read()
  if (!library || !sameIdentity(fileIdentity(place.target), source.identity)) return null
  return built(stored, libraryEntries(library), source.identity)
}

/**
 * The postings of `entries`, the library file whose identity is `identity` read whole (null: not
 * kept). With a base kept, the entries its fingerprints say it holds as they are keep their
 * documents and only the others are built: into a delta when they are few (a hand edit), else
 * compacted with the base into a new one (a delta past its limit). Without one, built whole.
 */
async function built(stored: PostingsFile | null, entries: readonly Entry[], identity: FileIdentity | null): Promise<PostingsView> {
  const prints = fingerprintsOf(entries)
  const base = stored && identity ? stored.anyBase() : null
  if (base?.fingerprints) {
    const docs = new Map<string, number[]>()
    for (let doc = 0; doc < base.postings.count; doc++) {
      const key = fingerprintAt(base.fingerprints, doc)
      const list = docs.get(key)
      if (list) list.push(doc)
      else docs.set(key, [doc])
    }
    const kept = (_: Entry, position: number, free: (doc: number) => boolean) => docs.get(fingerprintAt(prints, position))?.find(free)
    // Within its limit a delta; past it, the base and the changed entries compacted into a new base,
    // unless most entries changed (then built whole: the base would save little).
    const delta =
      deltaOver(base.postings.count, entries, kept) ?? deltaOver(base.postings.count, entries, kept, Math.floor(entries.length / 2))
    if (delta) {
      try {
        // Its word lists and words in order read now, their checksums checked: a base damaged there is built again, not kept.
        void base.postings.wordDocs
        void base.postings.tokens
        const view = new PostingsView(base.postings, delta)
        if (delta.postings.count <= deltaLimit(base.postings.count)) {
          await stored!.saveDelta(base.hash, delta, identity!)
          return view
        }
        const postings = compacted(view)
        await stored!.save({ library: stored!.library, identity: identity!, postings, fingerprints: prints })
        return new PostingsView(postings)
      } catch (error) {
        if (!(error instanceof PostingsUnavailable)) throw error // else the base changed meanwhile: built whole
      }
    }
  }
  const postings = buildPostings(entries)
  if (stored && identity) await stored.save({ library: stored.library, identity, postings, fingerprints: prints })
  return new PostingsView(postings)
}

/** What a save knew, inside its lock, of the postings current for the library it read, and of the entries before its change. */
export interface PostingsBeforeChange {
  file: PostingsFile
  state: PostingsState
  entries: EntriesBefore
}

/**
 * Inside a save's lock, once it has read the library (the file's identity `read` before the
 * read) and before it changes it: the postings' state when they are current for that file, with
 * each entry's searchable texts (the change edits the records in place); else undefined, and the
 * save leaves the postings to the next search.
 */
export function postingsBeforeChange(
  target: string,
  path: string,
  read: FileIdentity | null,
  library: Library,
): PostingsBeforeChange | undefined {
  if (!sameIdentity(read, fileIdentity(target))) return undefined // changed while being read
  const file = new PostingsFile(path, target)
  const state = file.state(read)
  return state ? { file, state, entries: entriesBefore(libraryEntries(library)) } : undefined
}

/**
 * After a save wrote the library `placed` (inside its lock): the postings made current for the
 * file as written, at the cost of the entries the save changed (a delta over the same base); when
 * the delta would grow past its limit, none, and the next search builds them whole.
 */
export async function postingsAfterWrite(
  target: string,
  before: PostingsBeforeChange,
  placed: Pick<Library, 'papers' | 'summaries'>,
): Promise<void> {
  const identity = fileIdentity(target)
  const delta = identity && deltaAfterChange(before.state.baseCount, before.state.order, before.entries, libraryEntries(placed))
  if (delta) await before.file.saveDelta(before.state.baseHash, delta, identity)
  else before.file.removeDelta()
}
