import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parseLibrary } from '../../../src/core/schema/schema.js'
import type { Library } from '../../../src/core/model.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/** A library of at least `bytes` bytes as precis writes it, so a write takes long enough to be interrupted. */
export function paddedLibrary(bytes: number): Library {
  const body = 'Message passing over graphs with $h_v^{t+1} = U(h_v^t, m_v^{t+1})$, read as text. '.repeat(50)
  const count = Math.ceil(bytes / (body.length + 400))
  const papers = Array.from({ length: count }, (_, i) => paper({ key: `filler${i}2020paper`, title: `Filler paper ${i}` }))
  // Each body its own text: the same text on two papers is a duplicate doctor reports.
  return libraryOf(
    papers,
    papers.map((p) => summary({ id: p.key, paper: p.key, body: `${p.title}. ${body}`, tags: ['filler'] })),
  )
}

/** Write `library` to `path` exactly as precis would. */
export function writeLibraryFile(path: string, library: Library): void {
  writeFileSync(path, [...serializeLibrary(library)].join(''), { mode: 0o600 })
}

/** Read and validate the library at `path`; throws when it is not a valid library. */
export function readLibraryFile(path: string): Library {
  return parseLibrary(readFileSync(path, 'utf8'), path)
}

/** Files a writer leaves beside `library.json` only when it dies mid-write. */
export function leftoverTempFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^\.library\.json\.(tmp|bak)-/.test(name))
    .sort()
}

/**
 * The leftover temp files whose writer is certainly gone: precis removes those at its next write.
 * A file whose writer's pid runs again is left, rightly: on a busy machine pids wrap around (32,768
 * here) and a killed writer's pid may already belong to another process, which precis cannot tell
 * from the writer.
 */
export function deadWritersTempFiles(dir: string): string[] {
  return leftoverTempFiles(dir).filter((name) => !pidRuns(Number(/-(\d+)-/.exec(name)?.[1])))
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A file's SHA-256 ("absent" when there is none), to assert byte-identity: comparing megabyte
 * Buffers with toEqual walks them byte by byte and takes seconds.
 */
export function fingerprint(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent'
}
