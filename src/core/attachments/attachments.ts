/**
 * Files and links attached to papers: the rules for what may be stored (safe file names, http(s)
 * links, sizes), the folder a paper's files live in, and which attachment or page `open` opens.
 * File names and keys come from other people's files and libraries, so they are treated as hostile:
 * a stored name is one this module would have made itself, and can never leave the paper's folder.
 */
import { lazyRequire } from '../lazy-require.js'
import { trashId, type Attachment, type Library, type Paper } from '../model.js'
import { collisionKey, fitName, RESERVED, safeFileStem } from '../text/filenames.js'
import { formatBytes } from '../text/sizes.js'
import { pushAll } from '../lists.js'

// Loaded on first use: every read checks attachment records (validation), few hash anything, and
// node:crypto costs each run's start-up.
const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

/** Largest file `attach` copies: PDFs of papers are a few MB; this leaves room for scans and slides, not data sets. */
export const MAX_ATTACHMENT_BYTES = 256 * 1024 * 1024
/** The limit as the README and messages say it. */
export const MAX_ATTACHMENT_TEXT = formatBytes(MAX_ATTACHMENT_BYTES)
/** Longest link kept; browsers and servers refuse much longer ones. */
export const MAX_LINK_LENGTH = 2000
/** Most attachments one paper may hold. */
export const MAX_ATTACHMENTS = 200

export type FileAttachment = Extract<Attachment, { kind: 'file' }>
export type LinkAttachment = Extract<Attachment, { kind: 'link' }>

const EXTENSION = /\.[A-Za-z0-9]{1,10}$/

/**
 * The file name an attachment gets for a file called `original` (a path: only its last part
 * counts): its stem made safe (letters, digits, `.`, `_`, `-`; no leading dot; never a Windows
 * device name) and its extension kept when it is short and plain, within the byte limit.
 */
export function attachmentFileName(original: string): string {
  const base = original.split(/[/\\]/).pop() ?? ''
  const extension = EXTENSION.exec(base)?.[0] ?? ''
  const stem = base.slice(0, base.length - extension.length)
  return fitName(safeFileStem(stem), '', extension)
}

/** Whether `name` may be stored as an attachment's file name: exactly what attachmentFileName makes of it. */
export function isAttachmentName(name: string): boolean {
  return name.length > 0 && attachmentFileName(name) === name
}

/** `name` with `-2`, `-3`, ... before its extension: the n-th candidate when the name is taken. */
export function numberedName(name: string, n: number): string {
  if (n < 2) return name
  const extension = EXTENSION.exec(name)?.[0] ?? ''
  return fitName(name.slice(0, name.length - extension.length), `-${n}`, extension)
}

/** The first of `name`, `name-2`, ... that no attachment of the paper has (ignoring case and normalisation). */
export function freeName(name: string, attachments: readonly Attachment[]): string {
  const taken = new Set(attachments.flatMap((a) => (a.kind === 'file' ? [collisionKey(a.name)] : [])))
  let n = 1
  while (taken.has(collisionKey(numberedName(name, n)))) n++
  return numberedName(name, n)
}

const KEPT = /[a-z0-9_-]/
const LONGEST_FOLDER_NAME = 150

/**
 * The folder name of a paper's files: the key, with every character but lowercase ASCII letters,
 * digits, `_` and `-` written as `%XX` (its UTF-8 bytes) and an uppercase letter as `+` and the
 * letter, so no two keys share a folder even where file names ignore case, and none is `.`, `..`,
 * a path or a device name. A very long one ends in a hash of the key.
 */
export function keyFolderName(key: string): string {
  let name = ''
  for (const ch of key) {
    if (KEPT.test(ch)) name += ch
    else if (/[A-Z]/.test(ch)) name += '+' + ch.toLowerCase()
    else for (const byte of new TextEncoder().encode(ch)) name += '%' + byte.toString(16).toUpperCase().padStart(2, '0')
  }
  if (RESERVED.test(name)) name = '%' + name.charCodeAt(0).toString(16).toUpperCase() + name.slice(1)
  if (name.length <= LONGEST_FOLDER_NAME) return name
  const hash = crypto().createHash('sha256').update(key).digest('hex').slice(0, 16)
  return name.slice(0, LONGEST_FOLDER_NAME - 17).replace(/%[0-9A-F]?$/, '') + '~' + hash
}

/** What is wrong with `text` as a link to attach (null: nothing): http or https, a host, no spaces or control characters. */
export function linkProblem(text: string): string | null {
  if (text.length > MAX_LINK_LENGTH) return `a link is at most ${MAX_LINK_LENGTH} characters`
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f]/u.test(text)) return 'a link has no spaces or control characters'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'not a URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https links can be attached, not ${url.protocol}`
  if (url.hostname === '') return 'a link needs a host'
  return null
}

/** Whether `text` looks like a link someone meant (a scheme first) rather than a file path. */
export function looksLikeUrl(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)
}

const SHA256 = /^[0-9a-f]{64}$/

/**
 * What is wrong with `value` as a paper's attachment list (null: nothing). Each item is a file
 * (`kind`, `name`, `sha256`, `size`, `added`) or a link (`kind`, `url`, `added`); file names are
 * safe and distinct ignoring case. `isTimestamp` is the library's own timestamp rule.
 */
export function attachmentsProblem(value: unknown, isTimestamp: (value: unknown) => boolean): string | null {
  if (!Array.isArray(value)) return 'attachments must be a list'
  if (value.length > MAX_ATTACHMENTS) return `at most ${MAX_ATTACHMENTS} attachments`
  const names = new Set<string>()
  for (const [i, item] of value.entries()) {
    const problem = attachmentProblem(item, isTimestamp)
    if (problem) return `attachment ${i + 1}: ${problem}`
    if ((item as Attachment).kind !== 'file') continue
    const name = collisionKey((item as FileAttachment).name)
    if (names.has(name)) return `attachment ${i + 1}: two files named ${JSON.stringify((item as FileAttachment).name)}`
    names.add(name)
  }
  return null
}

function attachmentProblem(item: unknown, isTimestamp: (value: unknown) => boolean): string | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'not an object'
  const record = item as Record<string, unknown>
  if (!isTimestamp(record.added)) return '"added" must be a timestamp'
  if (record.kind === 'file') {
    const { name, sha256, size } = record
    if (typeof name !== 'string' || !isAttachmentName(name)) return `unsafe file name ${JSON.stringify(name)}`
    if (typeof sha256 !== 'string' || !SHA256.test(sha256)) return 'sha256 must be 64 lowercase hex digits'
    if (!Number.isSafeInteger(size) || (size as number) < 0 || (size as number) > MAX_ATTACHMENT_BYTES) return 'size out of range'
    return null
  }
  if (record.kind === 'link') {
    if (typeof record.url !== 'string') return 'url must be text'
    return linkProblem(record.url)
  }
  return 'kind must be "file" or "link"'
}

/** The attachment as stored: known fields only, in file order. */
export function attachmentRecord(item: Attachment): Attachment {
  return item.kind === 'file'
    ? { kind: 'file', name: item.name, sha256: item.sha256, size: item.size, added: item.added }
    : { kind: 'link', url: item.url, added: item.added }
}

export const fileAttachments = (paper: Pick<Paper, 'attachments'>): FileAttachment[] =>
  (paper.attachments ?? []).filter((a): a is FileAttachment => a.kind === 'file')

export const linkAttachments = (paper: Pick<Paper, 'attachments'>): LinkAttachment[] =>
  (paper.attachments ?? []).filter((a): a is LinkAttachment => a.kind === 'link')

/** The file `open --pdf` opens: the first PDF attached, else the first file; null when none is. */
export function fileToOpen(paper: Pick<Paper, 'attachments'>): FileAttachment | null {
  const files = fileAttachments(paper)
  return files.find((f) => /\.pdf$/i.test(f.name)) ?? files[0] ?? null
}

const pathPart = (text: string) => text.split('/').map(encodeURIComponent).join('/')

/**
 * The pages of a paper `open --url` may open, best first: its arXiv page, its DOI's, its URL, then
 * attached links. Each is an http(s) URL that passes linkProblem; a stored URL that does not is skipped.
 */
export function webPages(paper: Pick<Paper, 'arxiv' | 'doi' | 'url' | 'attachments'>): string[] {
  const pages: string[] = []
  if (paper.arxiv) pages.push(`https://arxiv.org/abs/${pathPart(paper.arxiv)}`)
  if (paper.doi) pages.push(`https://doi.org/${pathPart(paper.doi)}`)
  if (paper.url) pages.push(paper.url)
  pushAll(
    pages,
    linkAttachments(paper).map((link) => link.url),
  )
  return [...new Set(pages.filter((page) => linkProblem(page) === null))]
}

/** The SHA-256 of a file's bytes, as attachments record it (64 lowercase hex digits). */
export function sha256Of(bytes: Uint8Array): string {
  return crypto().createHash('sha256').update(bytes).digest('hex')
}

/** Where a file with the SHA-256 `sha256` is attached: a paper of the library, else of the trash (with the entry's id). */
export function holderOfFile(lib: Library, sha256: string): { paper: Paper; trashId: string | null } | null {
  const holds = (paper: Paper) => fileAttachments(paper).some((file) => file.sha256 === sha256)
  const live = lib.papers.find(holds)
  if (live) return { paper: live, trashId: null }
  const entry = lib.trash.find((e) => e.paper !== null && holds(e.paper))
  return entry?.paper ? { paper: entry.paper, trashId: trashId(entry) } : null
}
