import type { Library, Paper } from '../../core/model.js'
import { libraryEntries } from '../../core/records/entries.js'
import { PostingsBuilder, PostingsUnavailable } from '../../core/search/postings.js'
import type { Entry } from '../../core/records/entries.js'
import { FINGERPRINT_BYTES, fingerprintAt, fingerprintInto } from './fingerprints.js'
import { PostingsView } from '../../core/search/postings-view.js'
import type { LibraryFile } from '../library-file.js'
import { formatBytes } from '../../core/text/sizes.js'
import { COLLECT_FROM_BYTES, type IndexContents } from './contents.js'
import { fileIdentity, readableIdentity, sameIdentity, type FileIdentity } from './identity.js'
import { PostingsFile, type PostingsState } from './postings-file.js'
import {
  compacted,
  DeltaBuilder,
  deltaAfterChange,
  deltaLimit,
  entriesBefore,
  type EntriesBefore,
} from '../../core/search/postings-delta.js'
import { readPapersAt, visitLibrary, type LibraryVisitor } from '../library-records.js'
import { OutlineReader } from './streamed.js'
import { runWithDefaultSignals } from '../../platform/interrupt.js'

/** Where the postings of one library file are kept, and how a long build is announced. */
export interface PostingsPlace {
  target: string
  file: LibraryFile
  /** The postings file (postings-file.ts), or null when the store keeps no index. */
  path: string | null
  note: (message: string) => void
  noteFromBytes: number
  /** Libraries from this size on are built as a large one is (COLLECT_FROM_BYTES, the default; tests make it small). */
  largeFromBytes?: number
  /** Words in order a build holds before it writes a segment out (postings-segments.ts); tests make it small. */
  segmentTokens?: number
}

/** The postings stored at `place` for the library file whose identity is `identity`, when current for it; else null, none built. */
export function storedPostings(place: PostingsPlace, identity: FileIdentity): PostingsView | null {
  return place.path === null ? null : new PostingsFile(place.path, place.target).load(identity)
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
  if ('format' in source) {
    const entries = libraryEntries(source)
    return built(stored, (each) => (entries.forEach(each), true), read, place.segmentTokens, place.largeFromBytes)
  }
  const loaded = rebuild ? null : stored?.load(source.identity)
  if (loaded) return loaded
  const current = readableIdentity(place.target)
  if (!sameIdentity(current, source.identity)) return null
  if (Number(current!.size) >= place.noteFromBytes)
    place.note(`Indexing the library's words (${formatBytes(Number(current!.size))}); later searches will be quick.`)
  // Read record by record, each body let go once its words are taken; a file not read so is read whole.
  const streamed = await built(
    stored,
    (each) => runWithDefaultSignals(() => eachEntryOf(place.target, source.identity, each)),
    source.identity,
    place.segmentTokens,
    place.largeFromBytes,
  )
  if (streamed) return streamed
  const library = await place.file.read()
  if (!library || !sameIdentity(fileIdentity(place.target), source.identity)) return null
  const entries = libraryEntries(library)
  return built(stored, (each) => (entries.forEach(each), true), source.identity, place.segmentTokens, place.largeFromBytes)
}

/**
 * For a search that finds the index stale (a hand edit): the index and the postings of the library
 * file, whose identity is `identity`, built in one reading of it record by record. Null when the
 * postings kept are current (only the index needs building) or the file is not read that way: the
 * caller builds each as a read without a search would, then the postings.
 */
export async function indexAndPostings(
  place: PostingsPlace,
  identity: FileIdentity,
): Promise<{ contents: IndexContents; postings: PostingsView } | null> {
  const stored = place.path === null ? null : new PostingsFile(place.path, place.target)
  if (!stored || stored.state(identity)) return null
  let outline: OutlineReader | undefined
  const postings = await built(
    stored,
    (each) => {
      const reader = new OutlineReader()
      const told = runWithDefaultSignals(() => eachEntryOf(place.target, identity, each, reader))
      if (told) outline ??= reader
      return told
    },
    identity,
    place.segmentTokens,
    place.largeFromBytes,
  )
  if (!postings || !outline) return null
  const collect =
    Number(identity.size) >= (place.largeFromBytes ?? COLLECT_FROM_BYTES)
      ? (await import('../../platform/collect.js')).collectGarbage
      : undefined
  return { contents: outline.index(place.target, identity, collect), postings }
}

/**
 * Every entry of the library, in library order (libraryEntries), to `each`: false when they could
 * not all be told (the caller then has another way, and drops what it was told).
 */
type EachEntry = (each: (entry: Entry) => void) => boolean

/**
 * The entries of the library file `target`, read record by record (library-records.ts), to `each`,
 * in the order libraryEntries gives them, and every record to `also`; false when the file is not
 * read that way or is not the one `identity` names from before the read to after it.
 */
function eachEntryOf(target: string, identity: FileIdentity, each: (entry: Entry) => void, also?: LibraryVisitor): boolean {
  const papers = new Map<string, Paper>()
  // A paper's abstract is a text of its entry only while no summary names it (fieldTexts): each is let
  // go as it is read (~90 MB at 100,000 papers), and read again, where it lies, for the papers left without one.
  const placed = new Map<string, readonly [number, number]>()
  const summarised = new Set<string>()
  const read = visitLibrary(target, {
    paper: (paper, start, end) => {
      also?.paper(paper, start, end)
      papers.set(paper.key, paper)
      if (paper.abstract === null) return
      // The record is this reading's own (`also` copied what it keeps): let go in place, not copied (90,000 copies at 100k).
      paper.abstract = null
      placed.set(paper.key, [start, end])
    },
    summary: (summary, start, end) => {
      also?.summary(summary, start, end)
      const paper = papers.get(summary.paper)
      if (!paper) return // an orphan summary, as libraryEntries leaves it out
      each({ id: summary.id, paper, summary })
      summarised.add(paper.key)
    },
    trash: (entry) => also?.trash(entry),
  })
  if (!sameIdentity(read, identity)) return false
  const alone = [...papers.values()].filter((paper) => !summarised.has(paper.key))
  const withAbstract = readPapersAt(
    target,
    alone.flatMap((paper) => {
      const at = placed.get(paper.key)
      return at ? [at] : []
    }),
  )
  if (!withAbstract || !sameIdentity(read, fileIdentity(target))) return false
  const whole = new Map(withAbstract.map((paper) => [paper.key, paper]))
  for (const paper of alone) {
    const told = placed.has(paper.key) ? whole.get(paper.key) : paper
    if (!told) return false
    each({ id: paper.key, paper: told, summary: null })
  }
  return true
}

/** The fingerprints of entries told one at a time (fingerprints.ts), in one growing array. */
class Prints {
  private bytes = new Uint8Array(1024 * FINGERPRINT_BYTES)
  count = 0

  add(entry: Entry): void {
    if ((this.count + 1) * FINGERPRINT_BYTES > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2)
      grown.set(this.bytes)
      this.bytes = grown
    }
    fingerprintInto(this.bytes, this.count++, entry)
  }

  at(i: number): string {
    return fingerprintAt(this.bytes, i)
  }

  done(): Uint8Array {
    return this.bytes.slice(0, this.count * FINGERPRINT_BYTES)
  }
}

/**
 * The postings of the entries `eachEntry` tells, of the library file whose identity is `identity`
 * (null: not kept); null when eachEntry could not tell them. With a base kept, the entries its
 * fingerprints say it holds as they are keep their documents and only the others are built: into
 * a delta when they are few (a hand edit), else compacted with the base into a new one (a delta
 * past its limit). Without one, or when most entries changed, built whole (told a second time).
 */
async function built(
  stored: PostingsFile | null,
  eachEntry: EachEntry,
  identity: FileIdentity | null,
  segmentTokens?: number,
  largeFromBytes?: number,
): Promise<PostingsView | null> {
  let prints: Prints | undefined
  const base = stored && identity ? stored.anyBase() : null
  if (base?.fingerprints) {
    const docs = new Map<string, number[]>()
    for (let doc = 0; doc < base.postings.count; doc++) {
      const key = fingerprintAt(base.fingerprints, doc)
      const list = docs.get(key)
      if (list) list.push(doc)
      else docs.set(key, [doc])
    }
    const told = new Prints()
    const kept = (_: Entry, position: number, free: (doc: number) => boolean) => docs.get(told.at(position))?.find(free)
    // Within its limit a delta; past it, the base and the changed entries compacted into a new base,
    // unless most entries changed (then built whole: the base would save little).
    const builder = new DeltaBuilder(
      base.postings.count,
      kept,
      Math.max(deltaLimit(base.postings.count), Math.floor(base.postings.count / 2)),
    )
    let within = true
    const complete = eachEntry((entry) => {
      told.add(entry)
      within &&= builder.add(entry)
    })
    if (!complete) return null
    prints = told
    if (within) {
      try {
        const delta = builder.done()
        // Its word lists and words in order checked now, block by block (none kept): a base damaged there is built again, not kept.
        if (base.postings.check) base.postings.check()
        else void (base.postings.wordDocs, base.postings.tokens)
        const view = new PostingsView(base.postings, delta)
        if (delta.postings.count <= deltaLimit(base.postings.count)) {
          await stored!.saveDelta(base.hash, delta, identity!)
          return view
        }
        const postings = compacted(view)
        await stored!.save({ library: stored!.library, identity: identity!, postings, fingerprints: prints.done() })
        return new PostingsView(postings)
      } catch (error) {
        if (!(error instanceof PostingsUnavailable)) throw error // else the base changed meanwhile: built whole
      }
    }
  }
  const fresh = prints ? undefined : new Prints()
  if (stored && identity) {
    // Kept: built in segments written beside the file, merged into it, and read from it as a later search would.
    const { SegmentedPostings, LARGE_SEGMENT_TOKENS, SEGMENT_TOKENS } = await import('./postings-segments.js')
    const { tempNameBeside } = await import('../temp-files.js')
    const large = Number(identity.size) >= (largeFromBytes ?? COLLECT_FROM_BYTES)
    const collect = large ? (await import('../../platform/collect.js')).collectGarbage : undefined
    const tokens = segmentTokens ?? (large ? LARGE_SEGMENT_TOKENS : SEGMENT_TOKENS)
    const segments = new SegmentedPostings(tempNameBeside(stored.path, 'tmp'), tokens, collect)
    try {
      const complete = eachEntry((entry) => {
        fresh?.add(entry)
        segments.add(entry)
      })
      if (!complete) return null
      const fingerprints = (prints ?? fresh)!.done()
      if (!segments.segmented && !segments.failed) {
        const postings = segments.postings()
        await stored.save({ library: stored.library, identity, postings, fingerprints })
        return new PostingsView(postings)
      }
      if (!segments.failed && (await stored.saveSegmented(segments, identity, fingerprints))) {
        // The build's segments, vocabulary and tables let go before what follows (the index, the search) grows on them: collectGarbage.
        segments.dispose()
        collect?.()
        const loaded = stored.load(identity)
        if (loaded) return loaded
      }
    } finally {
      segments.dispose()
      // What builds and saves killed meanwhile left (a build's segments are hundreds of megabytes at 100,000 summaries).
      const { removeDeadWritersFiles } = await import('../temp-files.js')
      await removeDeadWritersFiles(stored.path)
    }
    // Not written (a full disk) or replaced since: built in memory, from the entries told again.
  }
  const builder = new PostingsBuilder()
  const complete = eachEntry((entry) => builder.add(entry))
  if (!complete) return null
  return new PostingsView(builder.done())
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
 * After a save wrote the library whose entries are `entries` (libraryEntries, inside its lock): the
 * postings made current for the file as written, at the cost of the entries the save changed (a
 * delta over the same base); when the delta would grow past its limit, none, and the next search
 * builds them whole.
 */
export async function postingsAfterWrite(target: string, before: PostingsBeforeChange, entries: readonly Entry[]): Promise<void> {
  const identity = fileIdentity(target)
  const { baseCount, order, delta: previous } = before.state
  const delta = identity && deltaAfterChange(baseCount, order, before.entries, entries, previous)
  if (delta) await before.file.saveDelta(before.state.baseHash, delta, identity)
  else before.file.removeDelta()
}
