/**
 * The formulas earlier runs converted to Unicode (render/math-conversions.ts), kept in the cache
 * folder so that a run showing only those never loads temml. Derived data: deleting it loses nothing.
 *
 * One text file, a header naming the build that wrote it, then a line per formula, the least
 * recently converted first:
 *
 *     precis math cache 1 <build>
 *     ["I\\alpha","α"]<tab><checksum>
 *     ["D\\frac{a}{b",null]<tab><checksum>
 *
 * The key is `D` (display) or `I` (inline) and the TeX; null means the TeX is shown as written. A
 * read looks up the few formulas it shows in the file's bytes (Buffer.indexOf), decoding only their
 * lines, so its cost hardly grows with the file. Nothing read is trusted: a line whose checksum (of
 * the build and the line) fails, cut short or taken from another build's file, or holding what
 * precis never writes (a control character, an absurd length), reads as a formula not converted yet,
 * which the caller converts, so output never depends on the file.
 */
import { closeSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { openRegularFile, readOpenedFile } from '../platform/regular-file.js'
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
const header = (build: string) => `precis math cache ${VERSION} ${build}\n`
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

/** The line of one conversion, with its newline. */
function encodeLine(build: string, key: string, text: CachedText): string {
  const json = JSON.stringify([key, text])
  return `${json}\t${lineChecksum(build, json)}\n`
}

/** The key and text of one line (without its newline), or null when it is not one precis writes. */
function decodeLine(build: string, line: string): [string, CachedText] | null {
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
  if (!Array.isArray(value) || value.length !== 2) return null
  const [key, text] = value as unknown[]
  if (typeof key !== 'string' || !/^[DI]/.test(key) || !acceptable(key.slice(1), text)) return null
  return [key, text]
}

/** The file at `path` if it is a regular file (a link or a folder in its place is not followed), no larger than the bound. */
function readCacheFile(path: string): Buffer | null {
  try {
    const opened = openRegularFile(path, true)
    try {
      return opened.size > MAX_CACHE_BYTES ? null : readOpenedFile(opened)
    } finally {
      closeSync(opened.fd)
    }
  } catch {
    return null
  }
}

/** The conversions an earlier run kept, for one build of precis (see the top of this file). */
export class MathCache {
  /** The file's lines (the bytes after the header), read with the first lookup; null when there is no file of this build. */
  private lines: Buffer | null | undefined

  constructor(
    /** Where the cache is (mathCachePath). */
    readonly path: string,
    /** The build of precis (core/build.ts): a file written by another is not read. */
    private readonly build: string,
  ) {}

  /** What the file says `tex` shows as; undefined when it holds no valid line for it. */
  get(tex: string, display: boolean): CachedText | undefined {
    if (this.lines === undefined) this.lines = this.linesOf(readCacheFile(this.path))
    if (this.lines === null) return undefined
    const key = keyOf(tex, display)
    // Every line starts after a newline (the header's, for the first), and JSON writes no newline
    // inside a string: this finds the start of the line of `key` and nothing else.
    const start = this.lines.indexOf(`\n[${JSON.stringify(key)},`)
    if (start < 0) return undefined
    const end = this.lines.indexOf(10, start + 1)
    if (end < 0) return undefined // cut short
    const entry = decodeLine(this.build, this.lines.toString('utf8', start + 1, end))
    return entry && entry[0] === key ? entry[1] : undefined
  }

  /**
   * Keep `recent` (what a run converted or used) as the most recent conversions, with those the
   * file holds now (another run may have added some since it was read), the oldest dropped beyond
   * the bounds; nothing is written when the file already holds them all. Written to a new file renamed over the old, so a reader sees one or
   * the other; two runs saving at once may lose one's additions, which the next run converts again.
   * Never fails: a cache that cannot be written is only a cache not kept.
   */
  save(recent: Iterable<Conversion>): void {
    const entries = new Map<string, CachedText>()
    const lines = this.linesOf(readCacheFile(this.path))
    if (lines) {
      // The last piece is what follows the last newline: nothing, or a line cut short (as get reads it).
      for (const line of lines.toString('utf8').split('\n').slice(0, -1)) {
        const entry = decodeLine(this.build, line)
        if (entry && !entries.has(entry[0])) entries.set(entry[0], entry[1])
      }
    }
    let added = false
    for (const { tex, display, text } of recent) {
      if (!acceptable(tex, text)) continue
      const key = keyOf(tex, display)
      added ||= entries.get(key) !== text
      entries.delete(key) // moved to the end: the most recent
      entries.set(key, text)
    }
    if (added) this.write(this.bounded(entries))
  }

  /** The file's text for `entries`: the most recent that fit the bounds, oldest first. */
  private bounded(entries: Map<string, CachedText>): string {
    const kept: string[] = []
    let bytes = Buffer.byteLength(header(this.build))
    for (const [key, text] of [...entries].reverse()) {
      const line = encodeLine(this.build, key, text)
      bytes += Buffer.byteLength(line)
      if (bytes > MAX_CACHE_BYTES || kept.length === MAX_CACHE_ENTRIES) break
      kept.push(line)
    }
    return header(this.build) + kept.reverse().join('')
  }

  /** The bytes after the header, starting with its newline; null unless the file starts with this build's header. */
  private linesOf(bytes: Buffer | null): Buffer | null {
    const expected = header(this.build)
    if (!bytes || bytes.length < expected.length || bytes.toString('latin1', 0, expected.length) !== expected) return null
    return bytes.subarray(expected.length - 1)
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
      replace(temp, this.path)
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

/** Rename `temp` over `path`; a folder in its place is removed when empty (as the index does), else the save is not kept. */
function replace(temp: string, path: string): void {
  try {
    renameSync(temp, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error
    rmdirSync(path)
    renameSync(temp, path)
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
