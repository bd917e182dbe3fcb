/**
 * The formulas earlier runs converted to Unicode (render/math-conversions.ts), kept in the cache
 * folder so that a run showing only those never loads temml. Derived data: deleting it loses nothing.
 *
 * One text file: a header naming the build that wrote it and where each of its buckets of lines
 * starts, then a line per formula, grouped by bucket (a hash of the key):
 *
 *     precis math cache 1 <build> <offset of bucket 0>,<offset of bucket 1>,…,<end>
 *     ["I\\alpha","α",41]<tab><checksum>
 *     ["D\\frac{a}{b",null,40]<tab><checksum>
 *
 * The key is `D` (display) or `I` (inline) and the TeX; null means the TeX is shown as written; the
 * number says when a save last used it (counted on from save to save), so the least recently used go first. A read looks a formula
 * up in its bucket's bytes only (Buffer.indexOf over a few hundred bytes), decoding only its line,
 * so its cost hardly grows with the file. Nothing read is trusted: a line whose checksum (of the
 * build and the line) fails, cut short or taken from another build's file, or holding what precis
 * never writes (a control character, an absurd length), reads as a formula not converted yet, which
 * the caller converts, so output never depends on the file.
 */
import { lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { renameOver } from './rename-over.js'
import { dirname, join } from 'node:path'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { readCacheFile } from '../platform/regular-file.js'
import { checksum } from './index/checksum.js'

/** What a formula shows as: its Unicode text, or null for the TeX as written. */
export type CachedText = string | null

/** One conversion a run made or used, as saved. */
export interface Conversion {
  /** The TeX, without its delimiters. */
  tex: string
  /** Display math (`$$…$$`, `\[…\]`) rather than inline. */
  display: boolean
  /** What it shows as. */
  text: CachedText
}

/** The largest file read or written: a read looks only at its lines asked for, but reads it whole. */
export const MAX_CACHE_BYTES = 1 << 20
/** The most formulas kept; the least recently converted go first. */
export const MAX_CACHE_ENTRIES = 8192
/** Longer TeX is not kept (texToUnicode shows TeX over 4000 characters as written without converting it). */
const MAX_TEX = 4000
/** Longer text is not kept: no conversion of TeX that short comes near it. */
const MAX_TEXT = 16000

const VERSION = 1
/** How many buckets the lines are grouped in: a lookup scans one, some hundreds of bytes in a full file. */
const BUCKETS = 256
/** The longest header read: the build and the offsets of the buckets (7 digits at most in a file of 1 MiB). */
const MAX_HEADER = 16 * 1024
const headerStart = (build: string) => `precis math cache ${VERSION} ${build} `
/** A temp file of a save, in the cache's own folder. */
const TEMP = /^\.unicode\.tmp-/
/** A save takes milliseconds: a temp file older than this was left by a process killed while saving. */
const STALE_TEMP_MS = 10 * 60 * 1000

/** Where the cache of conversions lives in the cache folder `cacheDir`. */
export function mathCachePath(cacheDir: string): string {
  return join(cacheDir, 'math', 'unicode')
}

const keyOf = (tex: string, display: boolean) => (display ? 'D' : 'I') + tex

/** Whether precis writes (and so reads) this text for this TeX: what could reach a terminal is checked here. */
function acceptable(tex: string, text: unknown): text is CachedText {
  if (tex.length > MAX_TEX) return false
  if (text === null) return true
  return typeof text === 'string' && text !== '' && text.length <= MAX_TEXT && sanitizeTerminal(text) === text
}

/** A line's checksum: of the build too, so a line copied from another build's file fails it. */
const lineChecksum = (build: string, json: string) => checksum(Buffer.from(`${build}\n${json}`))

/** The bucket of a key's line. */
export const bucketOf = (key: string) => parseInt(checksum(Buffer.from(key)).slice(0, 8), 16) % BUCKETS

/** A formula as kept: its text and when a save last used it. */
interface Kept {
  text: CachedText
  use: number
}

/** The line of one conversion, with its newline. */
function encodeLine(build: string, key: string, { text, use }: Kept): string {
  const json = JSON.stringify([key, text, use])
  return `${json}\t${lineChecksum(build, json)}\n`
}

/** The key and what is kept of one line (without its newline), or null when it is not one precis writes. */
function decodeLine(build: string, line: string): [string, Kept] | null {
  const tab = line.lastIndexOf('\t')
  if (tab < 0) return null
  const json = line.slice(0, tab)
  if (line.slice(tab + 1) !== lineChecksum(build, json)) return null
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return null
  }
  if (!Array.isArray(value) || value.length !== 3) return null
  const [key, text, use] = value as unknown[]
  if (typeof key !== 'string' || !/^[DI]/.test(key) || !acceptable(key.slice(1), text)) return null
  if (!Number.isSafeInteger(use) || (use as number) < 0) return null
  // Only as precis writes it: a lookup finds a line by its key as JSON.stringify writes it.
  return JSON.stringify(value) === json ? [key, { text, use: use as number }] : null
}

/**
 * The file's text for `lines` (each with its key, ending with a newline): grouped by bucket, after
 * a header saying where each bucket starts in the lines (offsets from the header's newline, each
 * that of the newline before the bucket's first line).
 */
export function cacheText(build: string, lines: [key: string, line: string][]): string {
  const buckets: string[][] = Array.from({ length: BUCKETS }, () => [])
  for (const [key, line] of lines) buckets[bucketOf(key)]!.push(line)
  const offsets: number[] = []
  let at = 0
  for (const bucket of buckets) {
    offsets.push(at)
    for (const line of bucket) at += Buffer.byteLength(line)
  }
  offsets.push(at)
  return `${headerStart(build)}${offsets.join(',')}\n${buckets.flat().join('')}`
}

/** A cache file's lines and where each bucket starts; null unless it is one this build writes. */
interface Layout {
  /** The bytes from the header's newline on. */
  lines: Buffer
  /** Where each bucket starts in `lines`, and where the last ends. */
  offsets: number[]
}

function layoutOf(build: string, bytes: Buffer | null): Layout | null {
  if (!bytes) return null
  const end = bytes.subarray(0, MAX_HEADER).indexOf(10)
  const start = headerStart(build)
  const header = end < 0 ? '' : bytes.toString('latin1', 0, end)
  if (!header.startsWith(start)) return null
  const pieces = header.slice(start.length).split(',')
  const offsets = pieces.map(Number)
  const lines = bytes.subarray(end)
  const ordered = pieces.every((piece, i) => /^\d{1,8}$/.test(piece) && offsets[i]! >= (offsets[i - 1] ?? 0))
  // A file cut short or grown ends elsewhere than its header says: not read at all.
  return offsets.length === BUCKETS + 1 && ordered && offsets[BUCKETS] === lines.length - 1 ? { lines, offsets } : null
}

/** The conversions an earlier run kept, for one build of precis (see the top of this file). */
export class MathCache {
  /** The file, read with the first lookup; null when there is no file of this build. */
  private layout: Layout | null | undefined

  constructor(
    /** Where the cache is (mathCachePath). */
    readonly path: string,
    /** The build of precis (core/build.ts): a file written by another is not read. */
    private readonly build: string,
  ) {}

  /** What the file says `tex` shows as; undefined when it holds no valid line for it. */
  get(tex: string, display: boolean): CachedText | undefined {
    if (this.layout === undefined) this.layout = layoutOf(this.build, readCacheFile(this.path, MAX_CACHE_BYTES))
    if (this.layout === null) return undefined
    const key = keyOf(tex, display)
    const { lines, offsets } = this.layout
    const bucket = bucketOf(key)
    const within = lines.subarray(offsets[bucket], offsets[bucket + 1]! + 1)
    // Every line starts after a newline, and JSON writes no newline inside a string: this finds
    // the start of the line of `key` and nothing else.
    const start = within.indexOf(`\n[${JSON.stringify(key)},`)
    if (start < 0) return undefined
    const end = within.indexOf(10, start + 1)
    if (end < 0) return undefined
    const entry = decodeLine(this.build, within.toString('utf8', start + 1, end))
    return entry && entry[0] === key ? entry[1].text : undefined
  }

  /**
   * Keep `recent` (what a run converted or used) as the most recently used conversions, with those
   * the file holds now (another run may have added some since it was read), the least recently
   * used dropped beyond the bounds; nothing is written when the file already holds them all.
   * Written to a new file renamed over the old, so a reader sees one or the other; two runs saving
   * at once may lose one's additions, which the next run converts again. Never fails: a cache that
   * cannot be written is only a cache not kept.
   */
  save(recent: Iterable<Conversion>): void {
    const entries = new Map<string, Kept>()
    const layout = layoutOf(this.build, readCacheFile(this.path, MAX_CACHE_BYTES))
    // What a lookup would find: the first valid line of each key in its bucket.
    for (let bucket = 0; layout && bucket < BUCKETS; bucket++) {
      const { lines, offsets } = layout
      // Split at newlines: the first piece is before the bucket's first line, the last after its last.
      for (const line of lines
        .toString('utf8', offsets[bucket], offsets[bucket + 1]! + 1)
        .split('\n')
        .slice(1, -1)) {
        const entry = decodeLine(this.build, line)
        if (entry && bucketOf(entry[0]) === bucket && !entries.has(entry[0])) entries.set(entry[0], entry[1])
      }
    }
    // Uses are counted on from the file's latest, one for each formula of this save in the order used.
    let use = 0
    for (const kept of entries.values()) use = Math.max(use, kept.use + 1)
    let added = false
    for (const { tex, display, text } of recent) {
      if (!acceptable(tex, text)) continue
      const key = keyOf(tex, display)
      added ||= entries.get(key)?.text !== text
      entries.set(key, { text, use: use++ })
    }
    if (added) this.write(this.bounded(entries))
  }

  /** The file's text for `entries`: the most recently used that fit the bounds. */
  private bounded(entries: Map<string, Kept>): string {
    const lines: [string, string][] = []
    let bytes = Buffer.byteLength(headerStart(this.build)) + (BUCKETS + 1) * 8
    for (const [key, kept] of [...entries].sort((a, b) => b[1].use - a[1].use)) {
      const line = encodeLine(this.build, key, kept)
      bytes += Buffer.byteLength(line)
      if (bytes > MAX_CACHE_BYTES || lines.length === MAX_CACHE_ENTRIES) break
      lines.push([key, line])
    }
    return cacheText(this.build, lines)
  }

  private write(text: string): void {
    const dir = dirname(this.path)
    // Named after this process; not node:crypto's random bytes, which a read from the index never
    // loads. Created exclusively, so a link planted under the name is never written through.
    const temp = join(dir, `.unicode.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`)
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      removeStaleTemps(dir)
      writeFileSync(temp, text, { mode: 0o600, flag: 'wx' })
      renameOver(temp, this.path)
    } catch {
      removeQuietly(temp)
    }
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // nothing was made there (its folder could not be)
  }
}

/** The temp files of saves that were killed (the folder holds only the cache and those). */
function removeStaleTemps(dir: string): void {
  const now = Date.now()
  for (const name of readdirSync(dir)) {
    if (!TEMP.test(name)) continue
    try {
      if (now - lstatSync(join(dir, name)).mtimeMs > STALE_TEMP_MS) rmSync(join(dir, name)) // a link is removed, never its target
    } catch {
      // removed meanwhile by another run
    }
  }
}
