/**
 * File names for exported records. Ids come from imports and other people's libraries, so they are
 * treated as hostile: the name is built from an allow-list, kept short, unique on case-insensitive
 * and normalising file systems (macOS, Windows), and can never point outside the output folder.
 */
import path from 'node:path'

/** Longest file name written, in UTF-8 bytes, extension included (most file systems allow 255). */
export const MAX_FILE_NAME_BYTES = 200

// Names Windows refuses whatever the extension: `con.md` is as unusable as `con`.
export const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i
// Made when first used: a `u` pattern with \p classes costs ~0.2 ms to make, at the start of every read otherwise.
let notAllowed: RegExp | undefined
const notAllowedPattern = () => (notAllowed ??= /[^\p{L}\p{M}\p{N}._-]+/gu)

/**
 * A safe file stem for an id: NFC, only letters, digits, `.`, `_`, `-` (runs of anything else become
 * one `-`), no leading dots or dashes, no trailing dots, never a reserved device name, never empty.
 */
export function safeFileStem(id: string): string {
  const stem = id
    .normalize('NFC')
    .replace(notAllowedPattern(), '-')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '')
  if (stem === '') return 'untitled'
  const device = stem.split('.')[0]!
  return RESERVED.test(device) ? `_${stem}` : stem
}

/**
 * One file name per id, in the order given: `<stem><extension>`, at most MAX_FILE_NAME_BYTES, and
 * distinct from every other name even when compared case-insensitively after Unicode compatibility
 * normalisation; a clash gets `-2`, `-3`, ... . `extension` includes its dot, e.g. `.md`.
 */
export function uniqueFileNames(ids: readonly string[], extension: string): Map<string, string> {
  const names = new Map<string, string>()
  const used = new Set<string>()
  for (const id of ids) {
    const stem = safeFileStem(id)
    let name = fitName(stem, '', extension)
    for (let n = 2; used.has(collisionKey(name)); n++) name = fitName(stem, `-${n}`, extension)
    used.add(collisionKey(name))
    names.set(id, name)
  }
  return names
}

/**
 * The path of `name` inside `dir`. Throws when the result would not be a direct child of `dir`;
 * names from uniqueFileNames never do, so this guards against misuse rather than bad data.
 */
export function pathInside(dir: string, name: string): string {
  const root = path.resolve(dir)
  const full = path.resolve(root, name)
  if (path.dirname(full) !== root || path.basename(full) !== name) {
    throw new Error(`Refusing to write ${JSON.stringify(name)} outside ${root}`)
  }
  return full
}

/** How file systems that ignore case and normalisation would see a name. */
export function collisionKey(name: string): string {
  return name.normalize('NFKC').toLowerCase()
}

/** `stem + suffix + extension`, cutting the stem (never inside a character) to fit the byte limit. */
export function fitName(stem: string, suffix: string, extension: string): string {
  const budget = MAX_FILE_NAME_BYTES - utf8Length(suffix + extension)
  if (utf8Length(stem) <= budget) return stem + suffix + extension
  let cut = ''
  let bytes = 0
  for (const ch of stem) {
    bytes += utf8Length(ch)
    if (bytes > budget) break
    cut += ch
  }
  // Windows drops trailing dots, which would make two names equal again.
  return (cut.replace(/[.-]+$/, '') || 'untitled') + suffix + extension
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
