import { join } from 'node:path'
import { checksum } from './checksum.js'

/**
 * Where the index of the library file `target` (its real path) is kept: in precis's cache folder,
 * under a name made from that path. Never beside the library: sync would see it, and it belongs
 * to this machine. Deleting it loses nothing; the next read builds it again.
 */
export function indexPath(cacheDir: string, target: string): string {
  // Two libraries whose paths give one name share the file, each rebuilding it: the header names the library.
  const name = checksum(Buffer.from(target))
  return join(cacheDir, 'index', `${name}.index`)
}

/** Where the search postings of the library whose index is at `indexPath` are kept: beside it, `<name>.postings`. */
export function postingsPath(indexPath: string): string {
  return indexPath.replace(/\.index$/, '') + '.postings'
}

/** Where the delta of the postings at `path` is kept: beside them, `<name>.postings-delta`. */
export function deltaPath(path: string): string {
  return `${path}-delta`
}
