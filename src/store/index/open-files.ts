import { closeSync } from 'node:fs'

const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd)
  } catch {
    // already closed
  }
})

/**
 * Close `fd` once nothing can read `reader` any more (or with the process): a file kept open for
 * the later reads of one state of it (an index's sections, a postings file's blocks, the records a
 * command's name lookups read) when its reads are not known to be over.
 */
export function closeWhenUnreachable(reader: object, fd: number): void {
  openFiles.register(reader, fd)
}
