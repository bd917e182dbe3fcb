import { readFileSync } from 'node:fs'
import { Command, type Option } from 'commander'
import type { Context, GlobalOptions } from './context.js'
import { PACKAGE_JSON } from './package-files.js'
import { precisErrors } from './command-kit/command-errors.js'
import { DEFAULT_HELP_WIDTH, wrapHelp } from './command-kit/help-wrap.js'
import { registerAdd } from './commands/add/command.js'
import { registerDoctor } from './commands/doctor/command.js'
import { registerEdit } from './commands/edit/command.js'
import { registerExport } from './commands/export/command.js'
import { registerImport } from './commands/import/command.js'
import { registerList } from './commands/list/command.js'
import { registerRefresh } from './commands/refresh/command.js'
import { registerIdentify } from './commands/identify/command.js'
import { registerTrash } from './commands/trash/command.js'
import { registerRestore } from './commands/restore/command.js'
import { registerRm } from './commands/rm/command.js'
import { registerShow } from './commands/show/command.js'
import { registerFigures } from './commands/figures/command.js'
import { registerSearch } from './commands/search/command.js'
import { registerBrowse } from './commands/browse/command.js'
import { registerTag } from './commands/tag/command.js'
import { registerTags } from './commands/tags/command.js'
import { registerQueue } from './commands/queue/command.js'
import { registerStats } from './commands/stats/command.js'
import { registerHistory } from './commands/history/command.js'
import { registerMergeDriver } from './commands/merge-driver/command.js'
import { registerSync } from './commands/sync/command.js'
import { registerCompletion } from './commands/completion/command.js'
import { HELP_TOPICS, registerHelp } from './commands/help/command.js'
import { registerRelated } from './commands/related/command.js'
import { registerRekey } from './commands/rekey/command.js'
import { FIELDS } from './core/search/query-fields.js'
import { chooseColor, choosePager } from './core/config/precedence.js'
import { registerConfig } from './commands/config/command.js'
import { registerAttach } from './commands/attach/command.js'
import { registerOpen } from './commands/open/command.js'

const { version } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }

type Register = (program: Command, ctx: Context) => void

/** A command's folder: the names it registers (with aliases and hidden commands), and how. */
interface Registration {
  names: readonly string[]
  register: Register
}

/** Every command, in the order `precis --help` lists them; each is the folder src/commands/<name>/. */
const COMMANDS: readonly Registration[] = [
  { names: ['add'], register: registerAdd },
  { names: ['list', 'ls'], register: registerList },
  { names: ['show'], register: registerShow },
  { names: ['attach'], register: registerAttach },
  { names: ['open'], register: registerOpen },
  { names: ['figures'], register: registerFigures },
  { names: ['search'], register: registerSearch },
  { names: ['browse'], register: registerBrowse },
  { names: ['edit'], register: registerEdit },
  { names: ['rm'], register: registerRm },
  { names: ['restore'], register: registerRestore },
  { names: ['trash'], register: registerTrash },
  { names: ['export'], register: registerExport },
  { names: ['import'], register: registerImport },
  { names: ['tag'], register: registerTag },
  { names: ['tags'], register: registerTags },
  { names: ['queue'], register: registerQueue },
  { names: ['refresh'], register: registerRefresh },
  { names: ['identify'], register: registerIdentify },
  { names: ['stats'], register: registerStats },
  { names: ['doctor'], register: registerDoctor },
  { names: ['sync'], register: registerSync },
  { names: ['history'], register: registerHistory },
  { names: ['merge-driver'], register: registerMergeDriver },
  { names: ['help'], register: registerHelp },
  {
    names: ['completion', '__complete'],
    register: (program, ctx) =>
      registerCompletion(
        program,
        ctx,
        HELP_TOPICS.map((t) => t.name),
        [...FIELDS.keys()],
      ),
  },
  { names: ['related'], register: registerRelated },
  { names: ['rekey'], register: registerRekey },
  { names: ['config'], register: registerConfig },
]

/** Commands whose work reads the other commands: help prints theirs, completion writes them into its script. */
const NEED_EVERY_COMMAND = new Set(['help', 'completion'])

/**
 * The commands to build for `argv`, after the program's own options `globals`: only the one it
 * runs, when its first word after them names one; building every command with its help costs more
 * than the work of a `tags`. Every command otherwise — no command, help, a mistyped name (commander
 * suggests the closest) or a word that is not plainly one of `globals` — so that what commander
 * prints stays the same.
 */
export function commandsFor(argv: readonly string[] | undefined, globals: readonly Option[]): readonly Registration[] {
  if (argv === undefined) return COMMANDS
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word.startsWith('-')) {
      const name = word.split('=')[0]
      const option = globals.find((o) => o.long === name || o.short === name)
      const inline = word.includes('=')
      // `--library <file>`: the next word is its value, not the command.
      if (option?.required && !inline) i++
      else if (!option || option.optional || inline !== option.required) return COMMANDS
    } else {
      const named = COMMANDS.filter((command) => command.names.includes(word))
      return named.length === 1 && !NEED_EVERY_COMMAND.has(word) ? named : COMMANDS
    }
  }
  return COMMANDS
}

/**
 * Commands the config file's colour and pager do not reach, so that a broken config file never
 * stops them: help, the config command that mends it, and those other programs run.
 */
const IGNORE_CONFIG_OUTPUT = new Set(['help', 'config', 'completion', 'merge-driver'])

function topCommand(command: Command): Command {
  let top = command
  while (top.parent?.parent) top = top.parent
  return top
}

/** Colour and pager as flags, environment and config file choose them (a broken config file stops here: exit 4). */
function configureOutput(ctx: Context): void {
  const config = ctx.config.values()
  const pager = choosePager(ctx.globals.pager, ctx.env, config).value
  const color = chooseColor(ctx.globals.color, ctx.env, config)
  ctx.io.configure({ color: color.source === 'config' ? color.value : undefined, pager: pager !== false, pagerCommand: pager || undefined })
}

/** Help is as wide as the terminal it is printed on. */
export function helpWidth(ctx: Context): number {
  return ctx.io.columns ?? DEFAULT_HELP_WIDTH
}

/**
 * The commander root: global options (README, Commands) and the commands: those `argv` may run
 * (commandsFor), every one without it.
 */
export function buildProgram(ctx: Context, argv?: readonly string[]): Command {
  const program = new Command('precis')
    .description('A terminal library of paper summaries: Markdown with LaTeX, search, tags, export.')
    .version(version, '--version', 'print the version')
    .option('--library <file>', 'library file (default: $PRECIS_LIBRARY, else ~/.local/share/precis/library.json)')
    .option('--demo', 'work on a temporary copy of the bundled demo library')
    .option('--json', 'print data as JSON (where a command has data)')
    .option('--no-color', 'no colour or hyperlinks')
    .option('--no-pager', 'never page long output')
    .option('--no-input', 'never prompt; missing data is an error')
    .option('-q, --quiet', 'no messages on stderr, only data and errors')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    // Commander's refusals reach main as usage errors (precisErrors below), printed there like ours. What
    // commander still writes to its error stream is the help it shows unasked (`precis` alone): help, not an error.
    // Help fits the terminal: commander wraps its lists to the width, wrapHelp the texts added to them.
    .configureOutput({
      writeOut: (s) => ctx.io.out(wrapHelp(s, helpWidth(ctx))),
      writeErr: (s) => ctx.io.out(wrapHelp(s, helpWidth(ctx))),
      outputError: () => {},
      getOutHelpWidth: () => helpWidth(ctx),
      getErrHelpWidth: () => helpWidth(ctx),
    })
    .addHelpText(
      'after',
      '\nExamples:\n  precis --demo search "message passing"\n  precis add arXiv:1704.01212 --tag gnn\n  precis show gilmer2017neural\n',
    )

  program.hook('preAction', (_program, action) => {
    const opts = program.opts<Partial<GlobalOptions>>()
    ctx.globals = {
      library: opts.library,
      demo: opts.demo === true,
      json: opts.json === true,
      color: opts.color !== false,
      pager: opts.pager !== false,
      input: opts.input !== false,
      quiet: opts.quiet === true,
    }
    ctx.io.configure({ color: ctx.globals.color, pager: ctx.globals.pager })
    if (!IGNORE_CONFIG_OUTPUT.has(topCommand(action).name())) configureOutput(ctx)
  })

  for (const { register } of commandsFor(argv, program.options)) register(program, ctx)
  precisErrors(program)
  return program
}
