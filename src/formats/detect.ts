/**
 * Which reader an import file needs (`--format auto`) and the one place that calls the readers.
 * The BibTeX reader is loaded only when a `.bib` file is read: its parser takes ~100 ms to load.
 */
import path from 'node:path'
import { readJsonLibrary } from './json.js'
import { readMarkdownSummary } from './markdown.js'
import { MAX_INPUT_BYTES, MAX_LIBRARY_BYTES } from '../core/text/input.js'
import type { ImportResult } from '../core/merge/imported-records.js'
import type { ImportFormat } from './import-formats.js'
import { checkImportResult } from './record-check.js'
import { isShortScienceDump, readShortScienceCsv, readShortScienceDump } from './shortscience.js'

const BY_EXTENSION: ReadonlyMap<string, ImportFormat> = new Map([
  ['.md', 'md'],
  ['.markdown', 'md'],
  ['.json', 'json'],
  ['.bib', 'bibtex'],
  ['.csv', 'shortscience'],
])

/**
 * File extensions a folder import picks up for a format. `auto` takes the known ones but not `.txt`,
 * which a folder of notes holds for other reasons (a `LICENSE.txt` is not a summary); a `.txt` named
 * on the command line is read all the same.
 */
export function importExtensions(format: ImportFormat | 'auto'): Set<string> {
  if (format === 'auto') return new Set(BY_EXTENSION.keys())
  const extensions = [...BY_EXTENSION].filter(([, f]) => f === format).map(([ext]) => ext)
  return new Set(format === 'shortscience' ? [...extensions, '.txt'] : extensions)
}

/**
 * The format of a file from its extension, else from its content: a JSON object, a BibTeX entry,
 * a ShortScience CSV header or page, and Markdown otherwise. `name` is null for standard input.
 */
export function detectFormat(name: string | null, text: string): ImportFormat {
  const byName = name === null ? undefined : BY_EXTENSION.get(path.extname(name).toLowerCase())
  if (byName) return byName
  const start = text.trimStart()
  if (start.startsWith('{')) return 'json'
  if (/^(?:%[^\n]*\n\s*)*@\s*[a-z]+\s*[{(]/i.test(start)) return 'bibtex'
  if (isCsvExport(text) || isShortScienceDump(text)) return 'shortscience'
  return 'md'
}

/**
 * The size limit for an input: a whole library file (JSON, or standard input that may be one) may be
 * large; a Markdown note, a `.bib` or a ShortScience export is refused beyond MAX_INPUT_BYTES.
 */
export function importSizeLimit(format: ImportFormat | 'auto', name: string | null): number {
  const json = format === 'json' || (format === 'auto' && (name === null || BY_EXTENSION.get(path.extname(name).toLowerCase()) === 'json'))
  return json ? MAX_LIBRARY_BYTES : MAX_INPUT_BYTES
}

/**
 * Read `text` as `format`; `source` names the input in problems and errors. Every record is checked
 * by the rules all ways in share before it is returned.
 */
export async function readImport(format: ImportFormat, text: string, source: string): Promise<ImportResult> {
  return checkImportResult(await readFormat(format, text, source))
}

async function readFormat(format: ImportFormat, text: string, source: string): Promise<ImportResult> {
  switch (format) {
    case 'md':
      return readMarkdownSummary(text, source)
    case 'json':
      return readJsonLibrary(text, source)
    case 'bibtex': {
      const { readBibtex } = await import('./bibtex-import.js')
      return readBibtex(text, source)
    }
    case 'shortscience':
      return path.extname(source).toLowerCase() === '.csv' || isCsvExport(text)
        ? readShortScienceCsv(text, source)
        : readShortScienceDump(text, source)
  }
}

/** ShortScience's CSV export starts with the header `paperid,text`. */
function isCsvExport(text: string): boolean {
  return /^\s*"?paperid"?\s*,\s*"?text"?\s*\r?\n/i.test(text)
}
