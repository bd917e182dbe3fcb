import path from 'node:path'
import type { Context } from '../../context.js'
import { figureEmbedder } from '../../command-kit/figure-embedder.js'
import { plural } from '../../core/text/plural-count.js'
import { DataError, UsageError } from '../../core/errors.js'
import { pathInside, uniqueFileNames } from '../../core/text/filenames.js'
import { LIBRARY_FORMAT, LIBRARY_VERSION, type Library, type Paper } from '../../core/model.js'
import type { Query } from '../../core/search/query.js'
import { libraryEntries, type OutlineEntry } from '../../core/records/entries.js'
import { outlineFilter } from '../../core/search/outline-filter.js'
import { readAtPositions, readOutline } from '../../store/outline-reads.js'
import type { LibraryOutline } from '../../core/records/outline.js'
import { compareIds, serializeSortedRecords } from '../../store/serialize.js'
import type { Store } from '../../store/store.js'
import { citationKeys, libraryToBibtex } from '../../formats/bibtex.js'
import { citedPaperKeysBeyond, type CitationNames } from '../../formats/citations.js'
import { namesFolder, pathExists, refuseOverwrites, writeOutputFiles, type OutputFile } from '../../formats/export-files.js'
import { writeNewFolder } from '../../formats/export-folder.js'
import { librarySubset, libraryToJson } from '../../formats/json.js'
import { cslJsonPieces, libraryToCslJson } from '../../formats/csljson.js'
import { libraryToRis } from '../../formats/ris.js'
import { summaryToMarkdown } from '../../formats/markdown.js'
import { obsidianNote, wikiLinkCitations } from '../../formats/obsidian.js'
import { readingListMarkdown, readingListMarkdownPieces } from '../../formats/reading-list.js'
import type { ExportParts } from '../../formats/export-parts.js'
import { joinedParts, placedBibliography, placedSummaryFiles } from '../../formats/placed-export.js'
import { citedBeyond, inParts, paperParts, positions } from '../../core/records/outline-parts.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { Progress } from '../../command-kit/progress.js'
import { inform } from '../../command-kit/shared.js'
import { libraryStepNote, withStepNote } from '../../command-kit/step-note.js'
import { papersByKey } from '../../core/papers/papers.js'

export type ExportFormat = 'md' | 'json' | 'bibtex' | 'html' | 'csljson' | 'ris'

export interface ExportOptions {
  /** Which summaries (search grammar); null for the whole library. */
  query: Query | null
  /** The query as typed, for the default title. */
  queryText: string
  format: ExportFormat
  /** A file, or for `md` a folder (one file per summary); null for stdout. */
  out: string | null
  /** Companion BibTeX file for `md`. */
  bib: string | null
  force: boolean
  /** Title of a reading list (md document, html). */
  title: string | null
  /** html: images from the web are shown (loaded when the page opens) rather than linked. */
  remoteImages: boolean
  /** bibtex, csljson: summaries written into each entry's `annote`; ris: each as a note (`N1`). */
  withSummaries: boolean
  /** md to a folder: `obsidian` writes Obsidian properties and `[[key]]` links between notes. */
  flavor: 'plain' | 'obsidian'
}

export async function exportRun(opts: ExportOptions, ctx: Context): Promise<void> {
  const out = opts.out === null ? null : path.resolve(ctx.cwd, opts.out)
  const toFolder = out !== null && (await namesFolder(opts.out!, out))
  if (toFolder && opts.format !== 'md') throw new UsageError(await oneFileMessage(opts, out))
  if (!toFolder && opts.flavor === 'obsidian')
    throw new UsageError('--flavor obsidian writes one note per summary: give --out a folder (ending in "/")')
  const placed = await withStepNote(ctx, libraryStepNote(ctx, 'Reading'), () => placedExport(opts, ctx, out, toFolder))
  const written = placed ? placed.written : await wholeExport(opts, ctx, out, toFolder)
  // An empty file (or refs.bib) left behind would make the next real export refuse to overwrite it.
  if (written === null) return inform(ctx, sanitizeTerminal(nothingMessage(opts)))
  const { files, document } = written
  const newFolder = toFolder && !(await pathExists(out)) ? out : null
  // Nothing can be overwritten inside a folder that does not exist yet.
  await refuseOverwrites(newFolder === null ? files : files.filter((f) => path.dirname(f.path) !== newFolder), opts.force)
  const progress = new Progress(ctx, 'Exporting', files.length)
  const update = (done: number) => progress.update(done)
  await (newFolder !== null ? writeNewFolder(newFolder, files, update) : writeOutputFiles(files, update))
  progress.finish()
  if (document !== null && out === null) {
    // A terminal is shown the text made safe as a whole (an escape sequence may span two pieces); a pipe gets each piece as made.
    if (ctx.io.stdoutIsTTY) ctx.io.out(sanitizeTerminal(typeof document === 'string' ? document : [...document].join('')))
    else if (typeof document === 'string') ctx.io.out(document)
    else for (const piece of document) await ctx.io.outInTurn(piece)
  }
  if (files.length > 0) inform(ctx, sanitizeTerminal(wroteMessage(written, opts, toFolder)))
}

/** What an export writes: its files (made as they are written), the document for stdout, and what the message counts. */
interface Written {
  files: OutputFile[]
  /** The single document (also for stdout), or null for a folder. */
  document: string | Iterable<string> | null
  summaries: number
  /** Papers exported without a summary. */
  unsummarised: number
}

/** The export from the library read whole, for a query the outline cannot answer; null when it selects nothing. */
async function wholeExport(opts: ExportOptions, ctx: Context, out: string | null, toFolder: boolean): Promise<Written | null> {
  const { selected, names, cited } = await withStepNote(ctx, libraryStepNote(ctx, 'Reading'), () =>
    selection(ctx.store, opts.query, opts.bib !== null),
  )
  if (selected.papers.length === 0) return null
  const bib = opts.bib === null ? null : path.resolve(ctx.cwd, opts.bib)
  const files: OutputFile[] = toFolder
    ? opts.flavor === 'obsidian'
      ? obsidianFiles(selected, out!, names)
      : summaryFiles(selected, out!)
    : []
  const document = toFolder ? null : await singleDocument(selected, opts, ctx, out, bib, names)
  if (document !== null && out !== null) files.push({ path: out, content: () => document })
  // The cited papers go in too, so every citation in the list resolves.
  if (bib !== null) files.push({ path: bib, content: () => bibliography(bib, { ...selected, papers: [...selected.papers, ...cited] }) })
  const summarised = new Set(selected.summaries.map((s) => s.paper))
  return {
    files,
    document,
    summaries: selected.summaries.length,
    unsummarised: selected.papers.filter((p) => !summarised.has(p.key)).length,
  }
}

/**
 * Papers a part for HTML: marked's garbage over parts of 64 outlived the young generation, and the
 * HTML export of 100,000 summaries peaked at 440–465 MB; parts of 16 let it go young (230–240 MB), in the same time.
 */
const HTML_PART_PAPERS = 16

/**
 * The export, when the outline selects its records (everything, or a query on tags, year, id,
 * reading state): each file made as it is written, a part at a time, from records read where they
 * lie, so an export of every record never holds the library whole. Null when the outline cannot
 * select them; `written` null when it selects nothing.
 */
async function placedExport(
  opts: ExportOptions,
  ctx: Context,
  out: string | null,
  toFolder: boolean,
): Promise<{ written: Written | null } | null> {
  const { store } = ctx
  const chosen = await chosenEntries(store, opts.query)
  if (!chosen) return null
  const { outline, entries } = chosen
  const keys = new Set(entries.map((entry) => entry.paper.key))
  const ids = new Set(entries.flatMap((entry) => (entry.summary ? [entry.summary.id] : [])))
  const papers = positions(outline.papers, (paper) => keys.has(paper.key))
  const summaries = positions(outline.summaries, (summary) => ids.has(summary.id))
  if (papers.length === 0) return { written: null }
  const read = (paperPlaces: readonly number[], summaryPlaces: readonly number[]) => {
    const records = readAtPositions(store, outline, paperPlaces, summaryPlaces)
    if (!records) throw new DataError(`The library changed while it was being exported: run the export again`)
    return records
  }
  const exported: ExportParts = {
    papers: papers.map((at) => outline.papers[at]!),
    summaryCount: summaries.length,
    parts: () => paperParts(outline, papers, summaries, read),
  }
  const summarised = new Set(summaries.map((at) => outline.summaries[at]!.paper))
  const written = (files: OutputFile[], document: Iterable<string> | null): { written: Written } => {
    if (document !== null && out !== null) files.unshift({ path: out, content: () => document })
    return {
      written: {
        files,
        document,
        summaries: summaries.length,
        unsummarised: papers.filter((at) => !summarised.has(outline.papers[at]!.key)).length,
      },
    }
  }
  const bib = opts.bib === null ? null : path.resolve(ctx.cwd, opts.bib)
  // The papers cited besides, from what the outline keeps of each summary (citedPaperKeys, in library order): no body read for them.
  const cited = bib === null ? [] : citedBeyond(outline, keys, summaries)
  const bibFiles = bib === null ? [] : [{ path: bib, content: () => placedBibliography(bib, exported, cited, outline, read) }]
  if (toFolder) {
    const files = placedSummaryFiles(outline, summaries, out!, opts.flavor === 'obsidian', read)
    return written([...files, ...bibFiles], null)
  }
  const title = opts.title ?? (opts.queryText ? `Reading list: ${opts.queryText}` : 'Reading list')
  switch (opts.format) {
    case 'json': {
      const sorted = (places: number[], id: (at: number) => string) => [...places].sort((a, b) => compareIds(id(a), id(b)))
      const paperRecords = inParts(
        sorted(papers, (at) => outline.papers[at]!.key),
        (part) => read(part, []).papers,
      )
      const summaryRecords = inParts(
        sorted(summaries, (at) => outline.summaries[at]!.id),
        (part) => read([], part).summaries,
      )
      return written([], serializeSortedRecords({ format: LIBRARY_FORMAT, version: LIBRARY_VERSION }, paperRecords, summaryRecords))
    }
    case 'md': {
      const options = { title, bibliography: bibliographyName(ctx, out, bib), library: outline }
      return written(bibFiles, readingListMarkdownPieces(exported, options, cited))
    }
    case 'html': {
      const { readingListHtmlParts } = await import('../../formats/html.js') // marked and temml: only here
      const options = { title, now: ctx.clock.now(), library: outline, remoteImages: opts.remoteImages, embedFigure: figureEmbedder(ctx) }
      return written(
        [],
        rendering(ctx, summaries.length, (progress) =>
          readingListHtmlParts(
            { ...exported, parts: () => paperParts(outline, papers, summaries, read, HTML_PART_PAPERS) },
            { ...options, progress },
          ),
        ),
      )
    }
    case 'csljson':
      return written([], cslJsonPieces(exported.parts(), opts.withSummaries, citationKeys(exported.papers)))
    case 'bibtex':
    case 'ris': {
      const citeKeys = citationKeys(exported.papers)
      const { withSummaries } = opts
      const write = (part: Library) =>
        opts.format === 'ris' ? libraryToRis(part, withSummaries, citeKeys) : libraryToBibtex(part, { withSummaries, keys: citeKeys })
      return written([], joinedParts(exported.parts(), write))
    }
  }
}

/**
 * The entries an export selects, with the outline they are of: from the outline (everything, or a
 * query on tags, year, id, reading state), else through the postings (a query on the texts: only
 * the entries that may match are read, filterFromIndex); null when neither can select them (a
 * query on citations).
 */
async function chosenEntries(store: Store, query: Query | null): Promise<{ outline: LibraryOutline; entries: OutlineEntry[] } | null> {
  const test = query === null ? () => true : outlineFilter(query)
  if (test) {
    const outline = await readOutline(store)
    return { outline, entries: libraryEntries(outline).filter(test) }
  }
  // Loaded only then, with what a search loads (the postings engine).
  const { filterFromIndex } = await import('../../store/filter-reads.js')
  const filtered = await filterFromIndex(store, query!)
  if (!filtered) return null
  const all = libraryEntries(filtered.outline)
  return { outline: filtered.outline, entries: filtered.positions.map((at) => all[at]!) }
}

/** The list names its bibliography relative to itself, so Pandoc finds it from the list's folder. */
function bibliographyName(ctx: Context, out: string | null, bib: string | null): string | null {
  return bib === null
    ? null
    : path
        .relative(out === null ? ctx.cwd : path.dirname(out), bib)
        .split(path.sep)
        .join('/')
}

/** The records an export writes, and what their citations resolve against. */
interface Selection {
  selected: Library
  /** Every paper's outline, and which paper each summary id names. */
  names: CitationNames
  /** The papers the summaries selected cite that are not selected, whole (for the bibliography; none unless asked for). */
  cited: Paper[]
}

/** The records `query` selects (all of them when null) from the library read whole, and with `bibliography` the papers they cite besides. */
async function selection(store: Store, query: Query | null, bibliography: boolean): Promise<Selection> {
  const lib = await store.read()
  const entries = libraryEntries(lib)
  // The scan (search.ts), loaded only by a query: exporting everything never runs it.
  const selected = librarySubset(lib, query ? (await import('../../core/search/search.js')).filterEntries(entries, query) : entries)
  const byKey = papersByKey(lib)
  const cited = bibliography ? citedPaperKeysBeyond(lib, selected).map((key) => byKey.get(key)!) : []
  return { selected, names: lib, cited }
}

/** The reading list's bibliography, in the format its extension names as Pandoc reads them: `.json` CSL-JSON, else BibTeX. */
function bibliography(file: string, lib: Library): string {
  return path.extname(file).toLowerCase() === '.json' ? libraryToCslJson(lib) : libraryToBibtex(lib)
}

/** One Markdown file per summary, named after its id, inside `folder`. */
function summaryFiles(lib: Library, folder: string): OutputFile[] {
  const names = uniqueFileNames(
    lib.summaries.map((s) => s.id),
    '.md',
  )
  const papers = papersByKey(lib)
  return lib.summaries.map((s) => ({
    path: pathInside(folder, names.get(s.id)!),
    content: () => summaryToMarkdown(s, papers.get(s.paper)!),
  }))
}

/** One Obsidian note per summary, named after its id, citations as links to the notes (`whole` resolves them). */
function obsidianFiles(lib: Library, folder: string, whole: CitationNames): OutputFile[] {
  const names = uniqueFileNames(
    lib.summaries.map((s) => s.id),
    '.md',
  )
  const papers = papersByKey(lib)
  // A paper's note is its first summary's file; papers outside the export are linked by key.
  const notes = new Map<string, string>()
  for (const s of lib.summaries) if (!notes.has(s.paper)) notes.set(s.paper, names.get(s.id)!.replace(/\.md$/, ''))
  const citations = wikiLinkCitations(whole, notes)
  return lib.summaries.map((s) => ({
    path: pathInside(folder, names.get(s.id)!),
    content: () => obsidianNote(s, papers.get(s.paper)!, citations),
  }))
}

/** The document: whole, or (HTML) in pieces rendered as they are written. */
async function singleDocument(
  lib: Library,
  opts: ExportOptions,
  ctx: Context,
  out: string | null,
  bib: string | null,
  whole: CitationNames,
): Promise<string | Iterable<string>> {
  const title = opts.title ?? (opts.queryText ? `Reading list: ${opts.queryText}` : 'Reading list')
  switch (opts.format) {
    case 'md': {
      return readingListMarkdown(lib, { title, bibliography: bibliographyName(ctx, out, bib), library: whole })
    }
    case 'json':
      return libraryToJson(lib)
    case 'bibtex':
      return libraryToBibtex(lib, { withSummaries: opts.withSummaries })
    case 'csljson':
      return libraryToCslJson(lib, opts.withSummaries)
    case 'ris':
      return libraryToRis(lib, opts.withSummaries)
    case 'html': {
      const { readingListHtmlPieces } = await import('../../formats/html.js') // marked and temml: only here
      const options = { title, now: ctx.clock.now(), library: whole, remoteImages: opts.remoteImages, embedFigure: figureEmbedder(ctx) }
      return rendering(ctx, lib.summaries.length, (progress) => readingListHtmlPieces(lib, { ...options, progress }))
    }
  }
}

/** `pieces` with a progress bar of the summaries rendered, shown while they are asked for. */
function* rendering(ctx: Context, summaries: number, pieces: (progress: (done: number) => void) => Iterable<string>): Generator<string> {
  const progress = new Progress(ctx, 'Rendering', summaries)
  yield* pieces((done) => progress.update(done))
  progress.finish()
}

function nothingMessage(opts: ExportOptions): string {
  return opts.query ? `No summaries match "${opts.queryText}"; nothing written` : 'The library is empty; nothing written'
}

function wroteMessage({ summaries, unsummarised }: Written, opts: ExportOptions, toFolder: boolean): string {
  const bib = opts.bib === null ? '' : ` and ${opts.bib}`
  if (!toFolder) return `Wrote ${opts.out ?? 'the document to stdout'}${bib}`
  const count = plural(summaries, 'summary', 'summaries')
  const note =
    unsummarised === 0
      ? ''
      : `; ${plural(unsummarised, 'paper')} without a summary ${unsummarised === 1 ? 'is' : 'are'} only in BibTeX and JSON exports`
  return `Wrote ${count} to ${opts.out}${bib}${note}`
}

/** Why `--out` cannot take a one-file format: it is a folder, or its name says one (a final "/", no extension). */
async function oneFileMessage(opts: ExportOptions, out: string): Promise<string> {
  const what = (await pathExists(out)) ? 'is a folder' : 'names a folder (it ends in "/" or has no extension)'
  return `--out ${opts.out} ${what}; --format ${opts.format} writes one file: give it a file name with an extension`
}
