import { spawnSync } from 'node:child_process'
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../support/context.js'

/** A folder on its own small tmpfs, so that writing into it can really run out of space. */
export interface TinyDisk {
  dir: string
  /** Fill the disk until about `spareBytes` are free; returns a function that frees the space again. */
  fill(spareBytes: number): () => void
  unmount(): void
}

/** Write zeros into `path` until its file system has about `spareBytes` free. */
function fillUntil(path: string, spareBytes: number): void {
  const fd = openSync(path, 'w')
  const chunk = Buffer.alloc(64 * 1024)
  try {
    for (;;) {
      const { bavail, bsize } = statfsSync(path)
      const free = bavail * bsize
      if (free <= spareBytes) return
      writeSync(fd, chunk, 0, Math.min(chunk.length, free - spareBytes))
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
}

/** Mount a tmpfs of `kilobytes` when this process may (root on Linux); null when it may not. */
export function mountTinyDisk(kilobytes: number): TinyDisk | null {
  if (process.platform !== 'linux') return null
  const dir = tempDir('precis-tinydisk-')
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k,mode=0700`, 'tmpfs', dir], { stdio: 'ignore' })
  if (mounted.status !== 0) return null
  let fills = 0
  return {
    dir,
    fill(spareBytes) {
      const filler = join(dir, `.filler-${fills++}`)
      fillUntil(filler, spareBytes)
      return () => rmSync(filler)
    },
    unmount: () => void spawnSync('umount', [dir], { stdio: 'ignore' }),
  }
}
