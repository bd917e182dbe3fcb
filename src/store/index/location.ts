import { createHash } from 'node:crypto'
import { join } from 'node:path'

/**
 * Where the index of the library file `target` (its real path) is kept: in precis's cache folder,
 * under a name made from that path. Never beside the library: sync would see it, and it belongs
 * to this machine. Deleting it loses nothing; the next read builds it again.
 */
export function indexPath(cacheDir: string, target: string): string {
  const name = createHash('sha256').update(target).digest('hex').slice(0, 32)
  return join(cacheDir, 'index', `${name}.index`)
}
