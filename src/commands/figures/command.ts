import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const figuresRun = lazyRun(async () => (await import('./run.js')).figuresRun)

export function registerFigures(program: Command, ctx: Context, run = figuresRun): void {
  program
    .command('figures')
    .description("List a summary's figures (numbered as show's [fig N]); --download keeps them for offline reading")
    .argument('<handle>', 'summary id, paper key (all its summaries) or unique prefix')
    .option('--download', 'fetch the figures not yet in the cache (PNG, JPEG, GIF and WebP over http(s); never SVG)')
    .addHelpText(
      'after',
      `
Without --download precis never uses the network: it lists the figures and whether each is cached.

Examples:
  precis figures gilmer2017neural
  precis figures gilmer --download
`,
    )
    .action(async (handle: string, raw: { download?: boolean }) => run({ handle, download: raw.download === true }, ctx))
}
