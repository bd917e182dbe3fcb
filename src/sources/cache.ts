/**
 * Resolved metadata kept on disk, one small JSON file per paper, so re-adding or refreshing works
 * offline. Entries are validated on read like any outside file: a damaged one is simply a miss.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { Source } from '../core/papers/identifiers.js'
import type { PaperMetadata } from '../core/papers/metadata.js'
import { paperMetadataSchema } from './metadata.js'
import { readRegularFile } from '../platform/regular-file.js'

/** A cache hit: the metadata and when it was fetched (ISO timestamp). */
export interface CachedMetadata {
  metadata: PaperMetadata
  fetched: string
}

const entrySchema = z.object({ source: z.string(), fetched: z.iso.datetime(), metadata: paperMetadataSchema })

export { cacheDir } from '../store/paths.js'

/** The cache file of `source`: a readable slug of the id plus a hash, so no id can escape the folder. */
export function cacheFile(dir: string, source: Source): string {
  const bare = source.kind === 'arxiv' ? source.id : source.doi
  const slug = bare.replace(/[^a-z0-9.-]+/gi, '_').slice(0, 80)
  const hash = createHash('sha256').update(sourceId(source)).digest('hex').slice(0, 12)
  return join(dir, 'sources', source.kind, `${slug}-${hash}.json`)
}

/** The cached metadata of `source`, or null when there is none (or it is unreadable). */
export async function readCached(dir: string, source: Source): Promise<CachedMetadata | null> {
  let text: string
  try {
    text = readRegularFile(cacheFile(dir, source)).toString('utf8') // a named pipe planted there would block a plain read
  } catch {
    return null
  }
  try {
    const entry = entrySchema.safeParse(JSON.parse(text))
    if (!entry.success || entry.data.source !== sourceId(source)) return null
    return { metadata: entry.data.metadata, fetched: entry.data.fetched }
  } catch {
    return null
  }
}

/** Store `metadata` for `source`, atomically: readers see the old file or the new one, never half. */
export async function writeCached(dir: string, source: Source, metadata: PaperMetadata, now: Date): Promise<void> {
  await writeJsonAtomically(cacheFile(dir, source), { source: sourceId(source), fetched: now.toISOString(), metadata })
}

/** Write `value` as JSON to `file` (folders made as needed) through a temp file renamed over it. */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await writeFileAtomically(file, JSON.stringify(value, null, 2) + '\n')
}

/** Write `data` to `file` (folders made as needed) through a temp file renamed over it. */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${randomUUID()}.tmp`
  try {
    await writeFile(temp, data, { flag: 'wx' })
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

function sourceId(source: Source): string {
  return source.kind === 'arxiv' ? `arxiv:${source.id}` : `doi:${source.doi}`
}
