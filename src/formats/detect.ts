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
import { looksLikeRis, readRis } from './ris-import.js'
import { readCslJson } from './csljson-import.js'
import { readZoteroJson } from './zotero-import.js'
import { runWithDefaultSignals } from '../platform/interrupt.js'

const BY_EXTENSION: ReadonlyMap<string, ImportFormat> = new Map([
  ['.md', 'md'],
  ['.markdown', 'md'],
  ['.json', 'json'],
  ['.bib', 'bibtex'],
  ['.csv', 'shortscience'],
  ['.ris', 'ris'],
])

/** The formats written as JSON: a `.json` file is one of them, told apart by its content. */
const JSON_FORMATS: ReadonlySet<ImportFormat> = new Set(['json', 'csljson', 'zotero'])

/**
 * File extensions a folder import picks up for a format. `auto` takes the known ones but not `.txt`,
 * which a folder of notes holds for other reasons (a `LICENSE.txt` is not a summary); a `.txt` named
 * on the command line is read all the same.
 */
export function importExtensions(format: ImportFormat | 'auto'): Set<string> {
  if (format === 'auto') return new Set(BY_EXTENSION.keys())
  if (JSON_FORMATS.has(format)) return new Set(['.json'])
  const extensions = [...BY_EXTENSION].filter(([, f]) => f === format).map(([ext]) => ext)
  return new Set(format === 'shortscience' ? [...extensions, '.txt'] : extensions)
}

/**
 * The format of a file from its extension, else from its content: JSON (a library, CSL-JSON or
 * Zotero's, told apart by content whatever the extension), a BibTeX entry, a RIS record, a
 * ShortScience CSV header or page, and Markdown otherwise. `name` is null for standard input.
 */
export function detectFormat(name: string | null, text: string): ImportFormat {
  const byName = name === null ? undefined : BY_EXTENSION.get(path.extname(name).toLowerCase())
  const start = text.trimStart()
  if (byName === 'json' || (byName === undefined && (start.startsWith('{') || start.startsWith('[')))) return jsonFormat(start)
  if (byName) return byName
  if (looksLikeRis(text)) return 'ris'
  if (/^(?:%[^\n]*\n\s*)*@\s*[a-z]+\s*[{(]/i.test(start)) return 'bibtex'
  if (isCsvExport(text) || isShortScienceDump(text)) return 'shortscience'
  return 'md'
}

/**
 * The size limit for an input: a whole library file (JSON, or standard input that may be one) may be
 * large; a Markdown note, a `.bib` or a ShortScience export is refused beyond MAX_INPUT_BYTES.
 */
export function importSizeLimit(format: ImportFormat | 'auto', name: string | null): number {
  const json =
    JSON_FORMATS.has(format as ImportFormat) ||
    (format === 'auto' && (name === null || BY_EXTENSION.get(path.extname(name).toLowerCase()) === 'json'))
  return json ? MAX_LIBRARY_BYTES : MAX_INPUT_BYTES
}

/**
 * Read `text` as `format`; `source` names the input in problems and errors. Every record is checked
 * by the rules all ways in share before it is returned. The read and the check are one synchronous
 * call over text from outside (a CSL-JSON file of a million items, front matter of 2 MB): Ctrl-C
 * must end it.
 */
export async function readImport(format: ImportFormat, text: string, source: string): Promise<ImportResult> {
  const read = await formatReader(format)
  return runWithDefaultSignals(() => checkImportResult(read(text, source)))
}

async function formatReader(format: ImportFormat): Promise<(text: string, source: string) => ImportResult> {
  switch (format) {
    case 'md':
      return readMarkdownSummary
    case 'json':
      return readJsonLibrary
    case 'bibtex':
      return (await import('./bibtex-import.js')).readBibtex
    case 'csljson':
      return readCslJson
    case 'ris':
      return readRis
    case 'zotero':
      return readZoteroJson
    case 'shortscience':
      return (text, source) =>
        path.extname(source).toLowerCase() === '.csv' || isCsvExport(text)
          ? readShortScienceCsv(text, source)
          : readShortScienceDump(text, source)
  }
}

/**
 * Which JSON a text is, from its start, without parsing it (a library may be hundreds of MB): a precis
 * library names its format first; Zotero's items have an `itemType` and Better BibTeX's export a
 * `config`; other JSON arrays and objects with CSL's fields are CSL-JSON. Anything else is read as a
 * library, whose reader says what is wrong with it.
 */
function jsonFormat(start: string): ImportFormat {
  const head = start.slice(0, 1 << 20)
  if (/"format"\s*:\s*"precis-library"/.test(head.slice(0, 4096))) return 'json'
  if (/"itemType"\s*:/.test(head) || (start.startsWith('{') && /^\{\s*"config"\s*:/.test(head))) return 'zotero'
  if (start.startsWith('[') || /"(?:type|issued|container-title|author)"\s*:/.test(head.slice(0, 4096))) return 'csljson'
  return 'json'
}

/** ShortScience's CSV export starts with the header `paperid,text`. */
function isCsvExport(text: string): boolean {
  return /^\s*"?paperid"?\s*,\s*"?text"?\s*\r?\n/i.test(text)
}
