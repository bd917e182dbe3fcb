import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { UsageError } from '../../core/errors.js'
import { SETTINGS } from '../../core/config/settings.js'

/** The actions of `precis config`, replaceable in tests. */
export interface ConfigRuns {
  list(ctx: Context): Promise<void>
  get(name: string, ctx: Context): Promise<void>
  set(name: string, value: string, ctx: Context): Promise<void>
  unset(name: string, ctx: Context): Promise<void>
  path(ctx: Context): Promise<void>
}

// The work of each subcommand, loaded when it runs (start-up loads only the command line).
const configRuns: ConfigRuns = {
  list: async (ctx) => (await import('./run.js')).configListRun(ctx),
  get: async (name, ctx) => (await import('./run.js')).configGetRun(name, ctx),
  set: async (name, value, ctx) => (await import('./run.js')).configSetRun(name, value, ctx),
  unset: async (name, ctx) => (await import('./run.js')).configUnsetRun(name, ctx),
  path: async (ctx) => (await import('./run.js')).configPathRun(ctx),
}

const settingsHelp = [...SETTINGS].map(([name, spec]) => `  ${name.padEnd(12)} ${spec.description}`).join('\n')

export function registerConfig(program: Command, ctx: Context, runs: ConfigRuns = configRuns): void {
  const config = program
    .command('config')
    .description('Show or change the settings of the config file (default author, key pattern, template, ...)')
    .usage('[options] [command]')
    .argument('[command]')
    .addHelpText(
      'after',
      `
Settings (in $XDG_CONFIG_HOME/precis/config.toml, else ~/.config/precis/config.toml):
${settingsHelp}

A flag wins over the environment (PRECIS_KEY_PATTERN, PAGER, NO_COLOR, FORCE_COLOR), which wins
over the config file, which wins over the defaults.

Examples:
  precis config list
  precis config set by "Ada Lovelace"
  precis config set tags inbox,to-sort
  precis config get key_pattern
  precis config unset tags
`,
    )
    .action(async (word: string | undefined) => {
      if (word !== undefined) throw new UsageError(`Unknown command "config ${word}": use config list, get, set, unset or path`)
      await runs.list(ctx)
    })
  config
    .command('list')
    .description('Every setting, its value and where the value comes from')
    .addHelpText('after', '\nExamples:\n  precis config list\n  precis --json config list\n')
    .action(async () => runs.list(ctx))
  config
    .command('get')
    .description('The value of one setting')
    .argument('<name>', 'the setting')
    .addHelpText('after', '\nExamples:\n  precis config get by\n  precis --json config get pager\n')
    .action(async (name: string) => runs.get(name, ctx))
  config
    .command('set')
    .description('Set one setting in the config file (made if missing; comments are kept)')
    .argument('<name>', 'the setting')
    .argument('<value>', 'its value: tags separated by commas; true or false; \\n for a new line in the template')
    .addHelpText(
      'after',
      '\nExamples:\n  precis config set by "Ada Lovelace"\n  precis config set tags inbox,to-sort\n  precis config set pager false\n  precis config set template "## Problem\\n\\n## Method\\n"\n',
    )
    .action(async (name: string, value: string) => runs.set(name, value, ctx))
  config
    .command('unset')
    .description('Remove the line that sets one setting, so its default (or the environment) applies again')
    .argument('<name>', 'the setting, or a key precis warns it does not know')
    .addHelpText(
      'after',
      '\nExamples:\n  precis config unset width\n  precis config unset template\n  precis config unset colour    # a typo precis warns about\n',
    )
    .action(async (name: string) => runs.unset(name, ctx))
  config
    .command('path')
    .description('Where the config file is')
    .addHelpText('after', '\nExamples:\n  precis config path\n  $EDITOR "$(precis config path)"\n')
    .action(async () => runs.path(ctx))
}
