import type { Library } from '../../core/model.js'
import { libraryEntries } from '../../core/records/entries.js'
import { buildPostings, type Postings } from '../../core/search/postings.js'
import type { LibraryFile } from '../library-file.js'
import { describeSize } from '../size-limit.js'
import type { IndexContents } from './contents.js'
import { fileIdentity, readableIdentity, sameIdentity, type FileIdentity } from './identity.js'
import { PostingsFile } from './postings-file.js'

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
 * the library read whole, whose file then had the identity `read`). Built only when a search first
 * needs them after the library changed: from the file as the index knew it, else from the library
 * read whole, and kept for the next search. Null when the file has changed since the outline was
 * read: the postings would not be of the same entries.
 */
export async function postingsOf(
  place: PostingsPlace,
  source: IndexContents | Library,
  read: FileIdentity | null,
  /** Build them again even when the file says they are current (their tokens turned out unreadable). */
  rebuild = false,
): Promise<Postings | null> {
  const stored = place.path === null ? null : new PostingsFile(place.path, place.target)
  if ('format' in source) {
    const postings = buildPostings(libraryEntries(source))
    if (stored && read) await stored.save({ library: place.target, identity: read, postings })
    return postings
  }
  const loaded = rebuild ? null : stored?.load(source.identity)
  if (loaded) return loaded.postings
  const current = readableIdentity(place.target)
  if (!sameIdentity(current, source.identity)) return null
  if (Number(current!.size) >= place.noteFromBytes)
    place.note(`Indexing the library's words (${describeSize(Number(current!.size))}); later searches will be quick.`)
  const library = await place.file.read()
  if (!library || !sameIdentity(fileIdentity(place.target), source.identity)) return null
  const postings = buildPostings(libraryEntries(library))
  await stored?.save({ library: place.target, identity: source.identity, postings })
  return postings
}
