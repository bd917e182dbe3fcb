/**
 * Recognising the identifiers people paste: arXiv ids and DOIs, bare, prefixed or as URLs.
 * Pure functions; nothing here touches the network.
 */

/** What `precis add <source>` was given, normalised. */
export type Source =
  | { kind: 'arxiv'; /** id without version */ id: string; /** e.g. `v3`, or null when none was given */ version: string | null }
  | { kind: 'doi'; /** lower-cased canonical `10.x/y` */ doi: string }

// New style (2007+): YYMM.NNNN or YYMM.NNNNN. Old style: archive[.SC]/YYMMNNN, e.g. math.AG/0501234;
// the subject class is not part of the canonical id, so it is dropped.
const NEW_ARXIV = /^(\d{4}\.\d{4,5})(v\d+)?$/
const OLD_ARXIV = /^([a-z]+(?:-[a-z]+)*)(?:\.[a-z]{2})?\/(\d{7})(v\d+)?$/i
const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org'])
const ARXIV_PATH = /^\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/

// Registrant code with optional subdivisions, then any suffix without whitespace, invisible
// characters or halves of a surrogate pair. Made when first used: a `u` pattern with \p classes
// costs ~0.1 ms to make, at the start of every command otherwise.
let doiRegex: RegExp | undefined
const doiPattern = () => (doiRegex ??= /^10\.\d{4,9}(?:\.\d+)*\/[^\s\p{Cc}\p{Cf}\p{Cs}]+$/u)
const DOI_HOSTS = new Set(['doi.org', 'www.doi.org', 'dx.doi.org'])
// arXiv registers DOIs of its own (DataCite); they name an arXiv paper, which its API describes best.
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i

/** Parse a user-given source (arXiv id or DOI, bare, prefixed or as a URL); null when it is neither. */
export function parseSource(input: string): Source | null {
  const arxiv = parseArxiv(input)
  if (arxiv) return arxiv
  const doi = normalizeDoi(input)
  if (!doi) return null
  const viaArxiv = ARXIV_DOI.exec(doi)
  return (viaArxiv && parseArxivId(viaArxiv[1]!)) || { kind: 'doi', doi }
}

/** The arXiv id without its version (`2003.10555`, `math/0501234`), or null when the text is not one. */
export function normalizeArxivId(input: string): string | null {
  return parseArxiv(input)?.id ?? null
}

/** The lower-cased canonical DOI (`10.1000/xyz`), or null when the text is not one. */
export function normalizeDoi(input: string): string | null {
  const text = input.trim()
  const bare = fromUrl(text, DOI_HOSTS, /^\/(.+)$/) ?? text.replace(/^doi:\s*/i, '')
  return fitsInUrl(bare) && doiPattern().test(bare) ? bare.toLowerCase() : null
}

/** Longest text read as an identifier: real ones are far shorter, and each becomes part of a URL. */
export const MAX_IDENTIFIER_LENGTH = 1000

/**
 * Whether `doi` can become a URL path and a link unchanged: within the length limit, no `.` or `..`
 * segment (a URL resolves them away: `10.1234/../admin` is `/admin`), no lone surrogate (it has
 * no UTF-8 form to percent-encode).
 */
function fitsInUrl(doi: string): boolean {
  if (doi.length > MAX_IDENTIFIER_LENGTH || /\p{Cs}/u.test(doi)) return false
  return !doi.split('/').some((segment) => segment === '.' || segment === '..')
}

/** Longest link stored, in characters (the metadata sources cut theirs to the same). */
export const MAX_URL_LENGTH = 2000

/**
 * An absolute http or https link, trimmed, or null: other schemes (`javascript:`, `file:`, `data:`)
 * are never stored, nor links with white space, invisible characters or over MAX_URL_LENGTH.
 */
export function normalizeUrl(input: string): string | null {
  const text = input.trim()
  if (text.length > MAX_URL_LENGTH || /[\s\p{Cc}\p{Cf}\p{Cs}]/u.test(text) || !URL.canParse(text)) return null
  const { protocol, hostname } = new URL(text)
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '' ? text : null
}

function parseArxiv(input: string): Extract<Source, { kind: 'arxiv' }> | null {
  const text = input.trim()
  if (text.length > MAX_IDENTIFIER_LENGTH) return null
  const bare = fromUrl(text, ARXIV_HOSTS, ARXIV_PATH) ?? text.replace(/^arxiv:\s*/i, '')
  return parseArxivId(bare)
}

function parseArxivId(text: string): Extract<Source, { kind: 'arxiv' }> | null {
  const modern = NEW_ARXIV.exec(text)
  if (modern) return { kind: 'arxiv', id: modern[1]!, version: modern[2] ?? null }
  const old = OLD_ARXIV.exec(text)
  if (old) return { kind: 'arxiv', id: `${old[1]!.toLowerCase()}/${old[2]!}`, version: old[3] ?? null }
  return null
}

/** The decoded path part captured by `path` when `text` is an http(s) URL on one of `hosts`. */
function fromUrl(text: string, hosts: Set<string>, path: RegExp): string | null {
  const withScheme = /^https?:\/\//i.test(text) ? text : /^[\w.]+\.org\//i.test(text) ? `https://${text}` : null
  if (!withScheme || !URL.canParse(withScheme)) return null
  const url = new URL(withScheme)
  if (!hosts.has(url.hostname)) return null
  const match = path.exec(url.pathname)
  if (!match) return null
  try {
    return decodeURIComponent(match[1]!)
  } catch {
    return null // malformed percent-encoding is not an identifier
  }
}
