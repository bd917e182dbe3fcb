import { type Command, CommanderError } from 'commander'
import { UsageError } from '../core/errors.js'
import { editDistance } from '../core/text/similar.js'

/** Commander's exits that are not failures: help or the version, asked for. */
const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help'])

/** `precis tags rename`: the words that run `command`. */
function commandPath(command: Command): string {
  const names: string[] = []
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name())
  return names.join(' ')
}

function seeHelp(command: Command): string {
  return `See: ${commandPath(command)} --help`
}

/**
 * Commander's refusal (`error: unknown option '--frmat'\n(Did you mean --format?)`) in precis'
 * words: the message without commander's prefix, the suggestion and the help to read as hints.
 */
export function usageFromCommander(message: string, command: Command): UsageError {
  const [first = '', ...rest] = message.replace(/^error: /, '').split('\n')
  const hints = rest.map((line) => line.replace(/^\((.*)\)$/, '$1')).filter((line) => line !== '')
  return new UsageError(first, [...hints, seeHelp(command)])
}

/** The long options `command` takes: its own, its help, and those of the commands above it (the global ones). */
function longOptions(command: Command): string[] {
  const flags: string[] = []
  for (let c: Command | null = command; c !== null; c = c.parent) {
    for (const option of c.createHelp().visibleOptions(c)) if (option.long) flags.push(option.long)
  }
  return flags
}

/** The known flag nearest to a mistyped one, by edit distance (`--limt` is `--limit`, not `--library`). */
export function nearestFlag(flag: string, known: readonly string[]): string | undefined {
  const allowed = Math.max(2, Math.floor(flag.length / 3))
  const ranked = known.map((k) => ({ k, d: editDistance(flag, k, allowed) })).filter((c) => c.d <= allowed)
  return ranked.sort((a, b) => a.d - b.d)[0]?.k
}

/** An option `command` does not know, with the closest it does. */
function unknownOptionError(flag: string, command: Command): UsageError {
  const suggestion = nearestFlag(flag, longOptions(command))
  return new UsageError(`unknown option '${flag}'`, [...(suggestion ? [`Did you mean ${suggestion}?`] : []), seeHelp(command)])
}

/**
 * Let `command` take words that start with one dash (`-attention`, `-tag:todo`: exclusions, tags to
 * remove) while still refusing a mistyped long option (`--limt`): commander lets through either
 * every unknown option or none. Words after `--` are always words.
 */
export function allowDashWords(command: Command): Command {
  command.allowUnknownOption(true)
  const parse = command.parseOptions.bind(command)
  command.parseOptions = (args) => {
    const parsed = parse(args)
    const end = parsed.unknown.indexOf('--')
    const known = longOptions(command)
    const flags = (end === -1 ? parsed.unknown : parsed.unknown.slice(0, end)).filter((word) => word.startsWith('--'))
    // `--help` is among them: commander reads it from the unknown words, after this.
    const flag = flags.map((word) => word.split('=')[0]!).find((word) => !known.includes(word))
    if (flag !== undefined) throw unknownOptionError(flag, command)
    return parsed
  }
  return command
}

/**
 * Every command's refusals become precis' usage errors (main prints them and exits 2); help and
 * the version, asked for, stay commander's successes.
 */
export function precisErrors(command: Command): void {
  command.exitOverride((error: CommanderError) => {
    if (COMMANDER_SUCCESS.has(error.code)) throw new CommanderError(0, error.code, error.message)
    throw usageFromCommander(error.message, command)
  })
  for (const sub of command.commands) precisErrors(sub)
}
