/**
 * The temp files a writer makes beside the library, named after their writer so that a later
 * writer can tell those of a killed one: `.library.json.tmp-<pid>-<host>-<random>` (`bak` for the
 * backup's). A killed writer cannot remove its own, and a 30 MB library leaves 30 MB each time.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'

/**
 * This host in temp names: a short hash of its name, which may be long or hold any character. The
 * same host always gives the same tag; another host a different one but for a 1 in 4 billion chance.
 */
function hostTag(host: string): string {
  return createHash('sha256').update(host).digest('hex').slice(0, 8)
}

/**
 * A fresh, unguessable name beside `path` for a file being prepared, naming this process and host:
 * `tmp` for a new library before its rename, `bak` for the backup's link before its rename.
 */
export function tempNameBeside(path: string, purpose: 'tmp' | 'bak'): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${process.pid}-${hostTag(hostname())}-${randomBytes(6).toString('hex')}`)
}

/** Who made the temp file `entry` beside the library named `libraryName`; null when it is no such file. */
export function tempFileWriter(entry: string, libraryName: string): { pid: number; hostTag: string } | null {
  const prefix = `.${libraryName}.`
  if (!entry.startsWith(prefix)) return null
  const match = /^(?:tmp|bak)-([1-9][0-9]{0,9})-([0-9a-f]{8})-[0-9a-f]{12}$/.exec(entry.slice(prefix.length))
  return match ? { pid: Number(match[1]), hostTag: match[2]! } : null
}

/**
 * Remove the temp files beside the library at `path` whose writer is certainly gone: made on this
 * host by a process that no longer runs (the test the lock makes of its owner). A file of a live
 * process, of another host or named otherwise (an older precis) is left to `precis doctor --fix`.
 * A dead process renames nothing any more, so its files are no one's; a failure to remove one
 * leaves it there and never stops the write.
 */
export async function removeDeadWritersFiles(path: string): Promise<void> {
  const { processIsAlive } = await import('./lock.js') // not for naming a file: a reader names the index's
  const dir = dirname(path)
  const name = basename(path)
  const here = hostTag(hostname())
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const entry of entries) {
    const writer = tempFileWriter(entry, name)
    if (!writer || writer.hostTag !== here || writer.pid === process.pid || processIsAlive(writer.pid)) continue
    await rm(join(dir, entry), { force: true }).catch(() => undefined) // a link is removed, never its target
  }
}
