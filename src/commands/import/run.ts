import path from 'node:path'
import type { Context } from '../../context.js'
import { plural } from '../../core/text/plural-count.js'
import { DataError } from '../../core/errors.js'
import { keyPatternIn } from '../../core/config/precedence.js'
import { changesLibrary, mergeRecords, type MergeAction, type OnConflict } from '../../core/merge/import-merge.js'
import { detectFormat, importExtensions, importSizeLimit, readImport } from '../../formats/detect.js'
import type { ImportFormat } from '../../formats/import-formats.js'
import { collectImportFiles, readImportFile, type SkippedEntry } from '../../formats/import-files.js'
import { checkInputSize, decodeInput } from '../../core/text/input.js'
import { planLines, problemLines, tally, updateLines } from './report.js'
import type { ImportProblem, ImportRecord } from '../../core/merge/imported-records.js'
import { forEachInterruptible } from '../../platform/interrupt.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { Progress } from '../../command-kit/progress.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { libraryStepNote, withStepNote } from '../../command-kit/step-note.js'

export interface ImportOptions {
  /** Files and folders; `-` is standard input. */
  paths: string[]
  format: ImportFormat | 'auto'
  dryRun: boolean
  onConflict: OnConflict
  /** Import the valid records even when others are invalid. */
  partial: boolean
  /** In folders, follow symbolic links wherever they lead (by default only links to files inside the folder are read). */
  followSymlinks: boolean
}

export async function importRun(opts: ImportOptions, ctx: Context): Promise<void> {
  const keyPattern = keyPatternIn(ctx.env, ctx.config.values()) // a bad pattern is refused before any file is read
  const { records, problems } = await readInputs(opts, ctx)
  if (problems.length > 0 && !opts.partial) {
    throw new DataError(
      `Nothing was imported: ${plural(problems.length, 'invalid record')} (--partial imports the rest)`,
      problemLines(problems).map(sanitizeTerminal),
    )
  }
  const mergeOptions = { onConflict: opts.onConflict, now: ctx.clock.now(), keyPattern }
  const library = await withStepNote(ctx, libraryStepNote(ctx, 'Reading'), () => ctx.store.read())
  // Merged in place: `library` becomes what the import makes of it, saved as it is unless it changed meanwhile.
  const preview = mergeRecords(library, records, mergeOptions)
  if (opts.dryRun) {
    if (ctx.globals.json) printJson(ctx, { actions: preview, problems })
    else ctx.io.out(sanitizeTerminal(planLines(preview)))
    inform(ctx, `Dry run, nothing written: ${tally(preview)}`)
  } else if (!changesLibrary(preview)) {
    if (ctx.globals.json) printJson(ctx, { actions: preview, problems })
    inform(ctx, `Nothing changed: ${tally(preview)}`)
  } else {
    const saving = libraryStepNote(ctx, `Importing ${tally(preview)}: saving`)
    const actions: MergeAction[] = await withStepNote(ctx, saving, () =>
      ctx.store.update(
        (lib, { unchanged }) => {
          // Merged again only when the library changed since the preview was made of it.
          if (!unchanged) return mergeRecords(lib, records, mergeOptions)
          Object.assign(lib, library)
          return preview
        },
        { since: library, message: (done) => `import ${opts.paths.join(' ')} (${tally(done)})` },
      ),
    )
    // Each field changed in a record the library had, as `old → new`: what an update replaced is said.
    const updates = updateLines(actions)
    if (ctx.globals.json) printJson(ctx, { actions, problems })
    else if (updates !== '') inform(ctx, sanitizeTerminal(updates))
    inform(ctx, `Imported: ${tally(actions)}`)
  }
  if (problems.length > 0)
    inform(ctx, ['Skipped as invalid:', ...problemLines(problems).map((line) => `  ${sanitizeTerminal(line)}`)].join('\n'))
}

/** Read and parse every input; a file that cannot be read at all is one problem naming it. */
async function readInputs(opts: ImportOptions, ctx: Context): Promise<{ records: ImportRecord[]; problems: ImportProblem[] }> {
  const records: ImportRecord[] = []
  const problems: ImportProblem[] = []
  const read = async (name: string | null, source: string, load: () => Promise<string>) => {
    try {
      const text = await load()
      const format = opts.format === 'auto' ? detectFormat(name, text) : opts.format
      // Standard input was allowed a library's size; what it turned out to be may allow less.
      if (name === null) checkInputSize(Buffer.byteLength(text), source, importSizeLimit(format, name))
      const result = await readImport(format, text, source)
      // One at a time: spread as arguments, a file of a few hundred thousand records overflows the stack.
      for (const record of result.records) records.push(record)
      for (const problem of result.problems) problems.push(problem)
    } catch (error) {
      if (!(error instanceof DataError)) throw error
      problems.push({ origin: source, reason: error.message })
    }
  }
  if (opts.paths[0] === '-') {
    await read(null, 'stdin', async () => decodeInput(await ctx.io.readStdin(), 'stdin', importSizeLimit(opts.format, null)))
    return { records, problems }
  }
  const { files, skipped } = await collectImportFiles(opts.paths, ctx.cwd, importExtensions(opts.format), opts.followSymlinks)
  if (skipped.length > 0) inform(ctx, skippedLines(skipped, ctx.cwd, opts.followSymlinks))
  const progress = new Progress(ctx, 'Reading', files.length)
  await forEachInterruptible(files, async (file, i) => {
    const source = path.relative(ctx.cwd, file.path) || file.path
    await read(file.path, source, async () => readImportFile(file.target, source, importSizeLimit(opts.format, file.path)))
    progress.update(i + 1)
  })
  progress.finish()
  return { records, problems }
}

/** What the walk through the folders did not read, each path with its reason, and how to read links out of the folder. */
function skippedLines(skipped: readonly SkippedEntry[], cwd: string, followSymlinks: boolean): string {
  const lines = skipped.map(
    ({ path: where, reason }) => `  ${sanitizeTerminal(path.relative(cwd, where) || where)}: ${sanitizeTerminal(reason)}`,
  )
  const hint =
    !followSymlinks && skipped.some((s) => s.reason.includes(' outside '))
      ? ['--follow-symlinks reads what links outside the folder lead to.']
      : []
  return [`Skipped ${skipped.length === 1 ? 'one entry' : `${skipped.length} entries`} in the folders:`, ...lines, ...hint].join('\n')
}
