import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const refreshRun = lazyRun(async () => (await import('./run.js')).refreshRun)

export function registerRefresh(program: Command, ctx: Context, run = refreshRun): void {
  program
    .command('refresh')
    .description("Fetch a paper's metadata again; show what changes, then apply it")
    .argument('<handle>', 'paper key, summary id or unique prefix')
    .option('-y, --yes', 'apply without asking')
    .option('--offline', 'never use the network (metadata from the cache only)')
    .addHelpText(
      'after',
      `
The paper is looked up by its DOI when it has one, else by its arXiv id. Fields the source
leaves empty are kept; the arXiv id, DOI and URL are only filled in, never replaced; the
citekey never changes.

Examples:
  precis refresh gilmer2017neural
  precis refresh gilmer --yes
`,
    )
    .action(async (handle: string, raw: { yes?: boolean; offline?: boolean }) =>
      run({ handle, yes: raw.yes === true, offline: raw.offline === true }, ctx),
    )
}
