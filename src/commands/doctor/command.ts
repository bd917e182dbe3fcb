import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { DoctorOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const doctorRun = lazyRun(async () => (await import('./run.js')).doctorRun)

export function parseDoctorOptions(raw: { fix?: boolean; restoreBackup?: boolean; yes?: boolean }): DoctorOptions {
  if (raw.fix && raw.restoreBackup) throw new UsageError('Use --fix or --restore-backup, not both: restore first, then check again')
  return { fix: raw.fix === true, restoreBackup: raw.restoreBackup === true, yes: raw.yes === true }
}

export function registerDoctor(program: Command, ctx: Context, run = doctorRun): void {
  program
    .command('doctor')
    .description('Check the library and the files beside it; repair what is safe with --fix')
    .option('--fix', 'repair what can be repaired without losing anything (one write, backup kept)')
    .option('--restore-backup', 'put library.json.bak back in place of the library (the current file is kept aside)')
    .option('-y, --yes', 'do not ask before --restore-backup')
    .addHelpText(
      'after',
      `
Checks: the library reads and is valid; one paper recorded twice (same arXiv id, DOI, or title and
year); summaries whose paper is missing; tags breaking the rules; a lock left by a precis that is
gone; temp files of killed writers; the backup (valid, not newer than the library).
The cache folder (the index, the math cache, the pages show kept) is derived data and is not
checked: deleting it loses nothing.
Each problem is printed with its fix. Exit 0 when there is none; 4 when problems remain.
Papers without real metadata (a copied ShortScience page gives none) are listed "to identify"
with the command that finds them (precis identify <key>); they are not problems.

Examples:
  precis doctor
  precis doctor --fix
  precis doctor --restore-backup --yes
  precis --json doctor | jq '.findings[].kind'
`,
    )
    .action(async (raw: { fix?: boolean; restoreBackup?: boolean; yes?: boolean }) => run(parseDoctorOptions(raw), ctx))
}
