import type { Context } from '../../context.js'
import type { Library } from '../../core/model.js'
import { checkLibrary } from '../../core/doctor/doctor.js'
import type { Finding, FindingKind } from '../../core/doctor/finding.js'
import { checkFolder, type FolderState } from '../../core/doctor/files.js'
import { checkAttachments } from '../../core/doctor/attachments.js'
import { attachmentsRoot, listAttachmentFolders } from '../../store/attachment-files.js'
import { repairLibrary } from '../../core/doctor/repair.js'
import { papersToIdentify, type ToIdentify } from '../../core/doctor/identify.js'
import { CancelError, DataError, NotFoundError, UsageError } from '../../core/errors.js'
import { NewerLibraryError } from '../../core/schema/upgrade.js'
import { oneLine } from '../../render/summary-rows.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { lockTimeout } from '../../store/lock-timeout.js'
import { inspectFolder, removeLeftovers } from '../../store/maintenance.js'
import { restoreBackup } from '../../store/restore-backup.js'
import { readLibraryForChecks } from '../../store/checked-library.js'
import { confirmOrRequireYes, inform, printJson } from '../../command-kit/shared.js'
import { libraryStepNote, withStepNote } from '../../command-kit/step-note.js'
import { pushAll } from '../../core/lists.js'

export interface DoctorOptions {
  fix: boolean
  restoreBackup: boolean
  yes: boolean
}

const LIBRARY_KINDS: ReadonlySet<FindingKind> = new Set([
  'duplicate-paper',
  'duplicate-summary',
  'missing-paper',
  'trash-missing-paper',
  'trash-key-taken',
  'bad-tags',
  'case-twin-keys',
])

/** A library that does not read, as a finding whose fix names the backup. */
function unreadable(error: DataError, library: string, folder: FolderState | null): Finding {
  const backup = folder?.backup
  const issues = error.details.filter((line) => !backup || !line.includes(backup.path)) // the backup is our fix's business
  const fix = !backup
    ? 'There is no backup: repair the file by hand (the problems are listed above), or move it aside to start a new library'
    : backup.problem
      ? `The backup ${backup.path} is damaged too: repair the library by hand (the problems are listed above)`
      : `precis doctor --restore-backup puts back ${backup.path} (saved ${new Date(backup.mtimeMs).toISOString()}); the damaged file is kept aside`
  return { kind: 'unreadable-library', problem: [error.message, ...issues].join('; '), fix, fixable: false, subjects: [library] }
}

/** What is wrong with the attached files; an attachment folder that is a link is one finding, not an unreadable library. */
function attachmentFindings(library: Library, path: string): Finding[] {
  let folders
  try {
    folders = listAttachmentFolders(path)
  } catch (error) {
    if (!(error instanceof DataError)) throw error
    const fix = 'precis keeps attached files only in a real folder: move it aside, and the files back into one'
    return [{ kind: 'orphaned-attachment', problem: error.message, fix, fixable: false, subjects: [attachmentsRoot(path)] }]
  }
  return checkAttachments(library, attachmentsRoot(path), folders)
}

/** The problems found, and the papers left to identify (not problems: work to do). */
interface Examination {
  findings: Finding[]
  toIdentify: ToIdentify[]
}

async function examine(ctx: Context): Promise<Examination> {
  const path = ctx.store.path
  const folder = path === null ? null : await withStepNote(ctx, libraryStepNote(ctx, 'Checking the backup of'), () => inspectFolder(path))
  let inside: Finding[]
  let toIdentify: ToIdentify[] = []
  try {
    const library = await withStepNote(ctx, libraryStepNote(ctx, 'Reading'), () => readLibraryForChecks(ctx.store))
    inside = await withStepNote(ctx, libraryStepNote(ctx, 'Checking'), async () => checkLibrary(library))
    if (path !== null) pushAll(inside, attachmentFindings(library, path))
    toIdentify = papersToIdentify(library)
  } catch (error) {
    // A newer precis's library is not damaged: no fix of ours (a restored backup least of all) applies.
    if (!(error instanceof DataError) || error instanceof NewerLibraryError) throw error
    inside = [unreadable(error, folder?.library ?? ctx.store.path ?? '', folder)]
  }
  return { findings: [...inside, ...(folder ? checkFolder(folder) : [])], toIdentify }
}

/** Apply the safe repairs for `findings`; returns what was done. */
async function repair(ctx: Context, findings: readonly Finding[]): Promise<string[]> {
  const fixable = findings.filter((f) => f.fixable)
  const done: string[] = []
  if (fixable.some((f) => LIBRARY_KINDS.has(f.kind))) {
    pushAll(done, await withStepNote(ctx, libraryStepNote(ctx, 'Repairing'), () => ctx.store.update((lib) => repairLibrary(lib))))
  }
  const path = ctx.store.path
  if (path !== null && fixable.some((f) => !LIBRARY_KINDS.has(f.kind))) {
    const removed = await removeLeftovers(path, lockTimeout(ctx.env)) // taking the lock breaks a stale one
    for (const f of fixable) if (f.kind === 'stale-lock') done.push(`Removed the stale lock ${f.subjects[0]}`)
    if (removed.length > 0) done.push(`Removed ${removed.length} leftover temp ${removed.length === 1 ? 'file' : 'files'}`)
  }
  return done
}

function formatFinding(f: Finding, ctx: Context): string {
  const { style } = ctx.io
  return `${style.yellow(`[${f.kind}]`)} ${sanitizeTerminal(f.problem)}\n  ${style.dim('fix:')} ${sanitizeTerminal(f.fix)}\n`
}

/** The papers to identify, one line each under a heading that says what to do; '' when none. */
function formatToIdentify(papers: readonly ToIdentify[], ctx: Context): string {
  if (papers.length === 0) return ''
  const { style } = ctx.io
  const count = papers.length === 1 ? '1 paper has' : `${papers.length} papers have`
  const heading = `${style.yellow('[to identify]')} ${count} no real metadata yet; precis identify <key> finds ${papers.length === 1 ? 'it' : 'each'}:`
  return [heading, ...papers.map((p) => `  ${sanitizeTerminal(p.key)}  ${style.dim(oneLine(p.title))}`)].join('\n') + '\n'
}

export async function doctorRun(opts: DoctorOptions, ctx: Context): Promise<void> {
  if (opts.restoreBackup) return restoreBackupRun(opts, ctx)
  let examined = await examine(ctx)
  const fixed = opts.fix && examined.findings.some((f) => f.fixable) ? await repair(ctx, examined.findings) : []
  if (fixed.length > 0) examined = await examine(ctx)
  const { findings, toIdentify } = examined
  const library = ctx.store.path ?? '(in memory)'
  if (ctx.globals.json) printJson(ctx, { library, fixed, findings, toIdentify })
  else
    ctx.io.out(
      [
        ...fixed.map((line) => `Fixed: ${sanitizeTerminal(line)}\n`),
        ...findings.map((f) => formatFinding(f, ctx)),
        formatToIdentify(toIdentify, ctx),
      ].join(''),
    )
  if (findings.length === 0) return inform(ctx, `No problems found in ${sanitizeTerminal(library)}`)
  const fixable = findings.filter((f) => f.fixable).length
  const hint = fixable > 0 && !opts.fix ? [`${fixable} of them can be repaired with: precis doctor --fix`] : []
  throw new DataError(`${findings.length} ${findings.length === 1 ? 'problem' : 'problems'} found in ${library}`, hint)
}

async function restoreBackupRun(opts: DoctorOptions, ctx: Context): Promise<void> {
  const path = ctx.store.path
  if (path === null) throw new UsageError('--restore-backup works on a library file')
  const { library, backup } = await inspectFolder(path)
  if (!backup) throw new NotFoundError(`There is no backup to restore: ${library}.bak does not exist`)
  if (backup.problem) throw new DataError(`The backup is not a valid library either, so it was not restored: ${backup.problem}`)
  const question = `Replace ${library} with its backup saved ${new Date(backup.mtimeMs).toISOString()} (the current file is kept beside it)?`
  if (!(await confirmOrRequireYes(ctx, opts.yes, question))) throw new CancelError('The library was left as it was')
  const restored = await restoreBackup(path, ctx.clock.now(), lockTimeout(ctx.env))
  if (ctx.globals.json) return printJson(ctx, { library, ...restored })
  inform(ctx, `Restored ${sanitizeTerminal(library)} from ${sanitizeTerminal(restored.backup)}`)
  if (restored.keptAs) inform(ctx, `The file it replaced is kept at ${sanitizeTerminal(restored.keptAs)}`)
}
