/**
 * Search answers kept on disk beside the metadata cache (cache.ts), one file per service and
 * query: `identify` asked again (or when a service is down) uses the answer it had. Entries are
 * validated on read like any outside file: a damaged one is simply a miss.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { readRegularFile } from '../platform/regular-file.js' // a named pipe planted in the cache would block a plain read
import { writeJsonAtomically } from './cache.js'
import type { PaperMetadata } from '../core/papers/metadata.js'
import { paperMetadataSchema } from './metadata.js'

/** The services `identify` searches. */
export type SearchService = 'arxiv' | 'crossref'

/** A cached answer: the papers found and when (ISO timestamp). */
export interface CachedSearch {
  results: PaperMetadata[]
  fetched: string
}

const entrySchema = z.object({ service: z.string(), query: z.string(), fetched: z.iso.datetime(), results: z.array(paperMetadataSchema) })

/** The file of one service's answer to `query`, named by a hash: no query can escape the folder. */
export function searchCacheFile(dir: string, service: SearchService, query: string): string {
  const hash = createHash('sha256').update(`${service}\u0000${query}`).digest('hex').slice(0, 24)
  return join(dir, 'searches', service, `${hash}.json`)
}

/** The cached answer, or null when there is none (or it is unreadable, or about another query). */
export async function readCachedSearch(dir: string, service: SearchService, query: string): Promise<CachedSearch | null> {
  try {
    const entry = entrySchema.safeParse(JSON.parse(readRegularFile(searchCacheFile(dir, service, query)).toString('utf8')))
    if (!entry.success || entry.data.service !== service || entry.data.query !== query) return null
    return { results: entry.data.results, fetched: entry.data.fetched }
  } catch {
    return null
  }
}

/** Store an answer; readers see the old file or the new one, never half. */
export async function writeCachedSearch(
  dir: string,
  service: SearchService,
  query: string,
  results: PaperMetadata[],
  now: Date,
): Promise<void> {
  await writeJsonAtomically(searchCacheFile(dir, service, query), { service, query, fetched: now.toISOString(), results })
}
