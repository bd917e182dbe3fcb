/**
 * From a parsed source to metadata: the right client, the on-disk cache in front of it, and
 * `--offline` honoured (the cache only, never the network).
 */
import { NetworkError } from '../core/errors.js'
import { parseSource, type Source } from '../core/papers/identifiers.js'
import type { Paper } from '../core/model.js'
import type { ClientOptions } from './http.js'
import type { PaperMetadata } from '../core/papers/metadata.js'

/**
 * How to resolve: the environment (base URLs, cache dir), offline mode, and the HTTP knobs (whose
 * `now` also stamps cache entries, and whose `notice` also hears of a fallback to the cache).
 */
export interface ResolveOptions extends ClientOptions {
  /** Read only the cache; a miss is a NetworkError. */
  offline: boolean
}

/**
 * Metadata for `source`, fetched fresh and cached; when the service cannot be used, the cached
 * copy (with a notice). Throws NotFoundError for unknown ids, NetworkError when nothing is usable.
 * arXiv entries that name their published DOI keep both identifiers.
 */
export async function resolveSource(source: Source, options: ResolveOptions): Promise<PaperMetadata> {
  // The clients and the cache bring zod and fast-xml-parser: loaded here, not by every command that names a source.
  const [{ fetchArxiv }, { cacheDir, readCached, writeCached }, { fetchDoi }, { describeShortened }] = await Promise.all([
    import('./arxiv.js'),
    import('./cache.js'),
    import('./doi.js'),
    import('./metadata.js'),
  ])
  const dir = cacheDir(options.env)
  if (options.offline) {
    const cached = await readCached(dir, source)
    if (cached) return cached.metadata
    throw new NetworkError(`${describeSource(source)} is not in the metadata cache, and --offline keeps precis off the network`)
  }
  let metadata: PaperMetadata
  try {
    metadata = source.kind === 'arxiv' ? await fetchArxiv(source.id, source.version, options) : await fetchDoi(source.doi, options)
    if (metadata.shortened) options.notice?.(describeShortened(metadata.shortened, source.kind === 'arxiv' ? 'arXiv' : 'doi.org'))
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error
    const cached = await readCached(dir, source)
    if (!cached) throw error
    options.notice?.(`${error.message}; using the metadata cached on ${cached.fetched.slice(0, 10)}`)
    return cached.metadata
  }
  try {
    await writeCached(dir, source, metadata, options.now?.() ?? new Date())
  } catch (error) {
    // A cache that cannot be written costs only offline use later; the metadata itself is fine.
    options.notice?.(`Could not write the metadata cache in ${dir}: ${(error as Error).message}`)
  }
  return metadata
}

/** How a source is named in messages: `arXiv:2003.10555v2`, `DOI 10.1038/nature14539`. */
export function describeSource(source: Source): string {
  return source.kind === 'arxiv' ? `arXiv:${source.id}${source.version ?? ''}` : `DOI ${source.doi}`
}

/**
 * Where a stored paper's metadata comes from: its DOI when it has one (the version of record),
 * else its arXiv id; null when it has neither (or they are not valid identifiers).
 */
export function sourceOfPaper(paper: Pick<Paper, 'arxiv' | 'doi'>): Source | null {
  const fromDoi = paper.doi === null ? null : parseSource(paper.doi)
  if (fromDoi) return fromDoi
  const fromArxiv = paper.arxiv === null ? null : parseSource(paper.arxiv)
  return fromArxiv?.kind === 'arxiv' ? { ...fromArxiv, version: null } : null
}
