/**
 * Pages `show` rendered, kept in the cache folder so that showing an unchanged summary again never
 * loads marked, marked-terminal or temml. Derived data: deleting it loses nothing.
 *
 * One file per page in `pages/`, named by a checksum of the build and the page's input:
 *
 *     precis page cache 1 <build> <bytes of input> <bytes of page> <checksum>
 *     <input><page>
 *
 * The input is everything that decides the page (the caller's text of the paper, the summaries as
 * rendered, width, colour and hyperlinks), the build (core/build.ts) everything else, since what
 * the renderer makes is a function of the two. Nothing read is trusted: a file that is not a
 * regular file, of another build or size, whose input is not exactly the one asked for, whose
 * checksum fails, or whose page holds an escape or control character our renderer never writes
 * (only SGR styles and OSC 8 links as styles.ts writes them pass), is a miss, and the page is
 * rendered afresh; so what is shown never depends on the file.
 */
import { lstatSync, lutimesSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BUILD_IDENTITY } from '../core/build.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { readCacheFile } from '../platform/regular-file.js'
import { checksum } from './index/checksum.js'
import { renameOver } from './rename-over.js'

/** The largest page file kept or read: a summary of some kilobytes renders to tens. */
const MAX_PAGE_BYTES = 1 << 20
/** The most bytes the folder keeps; the least recently shown go first. */
const MAX_PAGES_BYTES = 8 << 20
/** The most pages the folder keeps. */
const MAX_PAGES = 512

const VERSION = 1
const headerStart = (build: string) => `precis page cache ${VERSION} ${build} `
/** A page's file name: 16 hex digits. */
const NAME = /^[0-9a-f]{16}$/
/** A temp file of a save. */
const TEMP = /^\.page\.tmp-/
/** A save takes milliseconds: a temp file older than this was left by a process killed while saving. */
const STALE_TEMP_MS = 10 * 60 * 1000

/** Where the rendered pages live in the cache folder `cacheDir`. */
export function pageCachePath(cacheDir: string): string {
  return join(cacheDir, 'pages')
}

/** The pages kept in the cache folder `cacheDir`; none when the sources run without a build. */
export function pagesCachedIn(cacheDir: string): PageCache | null {
  return BUILD_IDENTITY === null ? null : new PageCache(pageCachePath(cacheDir), BUILD_IDENTITY)
}

/** The escapes styles.ts writes: SGR (chalk) and OSC 8 hyperlinks to printable ASCII, ended by BEL. */
// eslint-disable-next-line no-control-regex -- the escapes a page may hold are what this matches
const OUR_ESCAPES = /\x1b\[[0-9;]*m|\x1b\]8;;[\x21-\x7e]*\x07/g

/** Whether `page` holds only what our renderer writes: its escapes, and no other control character. */
export function onlyOurEscapes(page: string): boolean {
  const rest = page.replace(OUR_ESCAPES, '')
  return sanitizeTerminal(rest) === rest
}

/**
 * Whether a file of `input` and `page` would be over MAX_PAGE_BYTES, told from their lengths alone (a
 * character is at least one byte): a summary of tens of megabytes is then never copied, checksummed or
 * scanned for escapes only to be refused by size.
 */
const tooBigToKeep = (input: string, page: string) => input.length + page.length > MAX_PAGE_BYTES

/**
 * The input `show` keeps the page of `paper` and `summaries` under (everything that decides the page
 * besides the build, which names the file too), or null when no page of it could be kept: the file
 * holds the input, and the input the bodies, so summaries of tens of megabytes are never stringified
 * into a key that get and put would refuse by its size alone.
 */
export function pageInput(
  paper: unknown,
  summaries: readonly { body: string }[],
  rendering: { width: number; color: boolean; hyperlinks: boolean },
): string | null {
  if (summaries.reduce((characters, summary) => characters + summary.body.length, 0) > MAX_PAGE_BYTES) return null
  return JSON.stringify([paper, summaries, rendering.width, rendering.color, rendering.hyperlinks])
}

const fileChecksum = (build: string, input: Buffer, page: Buffer) =>
  checksum(Buffer.concat([Buffer.from(`${build}\n`), input, Buffer.from('\n'), page]))

/** The rendered pages earlier runs kept, for one build of precis (see the top of this file). */
export class PageCache {
  constructor(
    /** The folder (pageCachePath). */
    readonly dir: string,
    /** The build of precis: a page another build rendered is not read. */
    private readonly build: string,
    /** How much the folder keeps. */
    private readonly bounds = { pages: MAX_PAGES, bytes: MAX_PAGES_BYTES },
  ) {}

  private fileOf(input: Buffer): string {
    return join(this.dir, checksum(Buffer.concat([Buffer.from(`${this.build}\n`), input])))
  }

  /** The page kept for `input`; undefined when there is none this build wrote for exactly that input. */
  get(input: string): string | undefined {
    if (tooBigToKeep(input, '')) return undefined // no file it could be in is ever read (or written)
    const key = Buffer.from(input)
    const path = this.fileOf(key)
    const bytes = readCacheFile(path, MAX_PAGE_BYTES)
    if (!bytes) return undefined
    const end = bytes.subarray(0, 256).indexOf(10)
    const start = headerStart(this.build)
    const header = end < 0 ? '' : bytes.toString('latin1', 0, end)
    if (!header.startsWith(start)) return undefined
    const fields = /^(\d{1,8}) (\d{1,8}) ([0-9a-f]{16})$/.exec(header.slice(start.length))
    if (!fields) return undefined
    const inputBytes = Number(fields[1])
    const pageBytes = Number(fields[2])
    // A file cut short or grown is not the one written.
    if (end + 1 + inputBytes + pageBytes !== bytes.length || inputBytes !== key.length) return undefined
    const storedInput = bytes.subarray(end + 1, end + 1 + inputBytes)
    if (!storedInput.equals(key)) return undefined
    const pageBuffer = bytes.subarray(end + 1 + inputBytes)
    if (fileChecksum(this.build, storedInput, pageBuffer) !== fields[3]) return undefined
    const page = pageBuffer.toString('utf8')
    if (!onlyOurEscapes(page)) return undefined
    touch(path)
    return page
  }

  /**
   * Keep `page` as what `input` renders to, then drop the least recently shown pages beyond the
   * bounds. Written to a temp file renamed over the name, so a reader sees a whole file, one
   * writer's or another's (both the same page). Never fails: a page that cannot be kept is only
   * rendered again next time.
   */
  put(input: string, page: string): void {
    if (tooBigToKeep(input, page) || !onlyOurEscapes(page)) return
    const key = Buffer.from(input)
    const body = Buffer.from(page)
    const header = `${headerStart(this.build)}${key.length} ${body.length} ${fileChecksum(this.build, key, body)}\n`
    const text = Buffer.concat([Buffer.from(header), key, body])
    if (text.length > MAX_PAGE_BYTES) return
    // Named after this process; created exclusively, so a link planted under the name is never written through.
    const temp = join(this.dir, `.page.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`)
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 })
      writeFileSync(temp, text, { mode: 0o600, flag: 'wx' })
      renameOver(temp, this.fileOf(key))
      this.evict()
    } catch {
      removeQuietly(temp)
    }
  }

  /** Removes stale temp files, anything that is not a page, and the least recently shown pages beyond the bounds. */
  private evict(): void {
    const now = Date.now()
    const pages: { path: string; size: number; used: number }[] = []
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name)
      try {
        const stat = lstatSync(path)
        if (NAME.test(name) && stat.isFile()) pages.push({ path, size: stat.size, used: stat.mtimeMs })
        else if (TEMP.test(name) && now - stat.mtimeMs > STALE_TEMP_MS) rmSync(path) // a link is removed, never its target
      } catch {
        // removed meanwhile by another run
      }
    }
    pages.sort((a, b) => b.used - a.used)
    let total = 0
    pages.forEach((page, i) => {
      total += page.size
      if (i >= this.bounds.pages || total > this.bounds.bytes) removeQuietly(page.path)
    })
  }
}

/** Marks a page as shown now, so eviction keeps it longer (its modification time is its last use). */
function touch(path: string): void {
  try {
    const now = new Date()
    lutimesSync(path, now, now)
  } catch {
    // another run removed it meanwhile: it is only shown from this read
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // nothing was made there
  }
}
