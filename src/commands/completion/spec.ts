/**
 * What shell completion knows, read from the commander program itself (so the scripts never
 * drift from the commands): each command's name, aliases, flags and arguments, and what kind of
 * value each flag and argument takes. Kinds are read from names: an argument called `<handle...>`
 * completes handles, `--library <file>` completes files, `.choices([...])` completes the choices.
 */
import { Help, type Argument, type Command, type Option } from 'commander'

/** The shells precis writes completion for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

/** What a value completes to. Dynamic kinds are listed by `precis __complete <kind>`. */
export type ValueKind =
  | { kind: 'none' }
  | { kind: 'file' }
  | { kind: 'choice'; choices: string[] }
  | { kind: 'dynamic'; source: DynamicSource }
  /** A command name or help topic (`precis help <topic>`). */
  | { kind: 'topic'; choices: string[] }

/** Lists that come from the library, printed by `precis __complete`. */
export type DynamicSource = 'handles' | 'tags' | 'tag-ops' | 'trash' | 'query'

export const DYNAMIC_SOURCES: readonly DynamicSource[] = ['handles', 'tags', 'tag-ops', 'trash', 'query']

export interface FlagSpec {
  /** Every spelling: `--limit`, `-n`. */
  names: string[]
  description: string
  /** What its value completes to; null when it takes no value. */
  value: ValueKind | null
}

export interface CommandSpec {
  name: string
  aliases: string[]
  description: string
  flags: FlagSpec[]
  /** What each positional argument completes to, in order. */
  args: ValueKind[]
  /** The last argument takes any number of values (`<handle...>`). */
  variadic: boolean
  subcommands: CommandSpec[]
}

const NONE: ValueKind = { kind: 'none' }
const FILE: ValueKind = { kind: 'file' }
const dynamic = (source: DynamicSource): ValueKind => ({ kind: 'dynamic', source })

/** Value names that mean "a file", e.g. `<file>`, `<paths...>`, `<dir>`, `<file|dir>`, `<path|->`. */
const FILE_NAME = /^(?:files?|paths?|dirs?|folders?|-)(?:\|(?:files?|paths?|dirs?|folders?|-))*$/

/** Where a value is written: as a positional argument or after a flag (`--arxiv <id>` is not a trash id). */
export type ValuePlace = 'argument' | 'flag'

/** A value kind from the name a command gives its argument or flag value. */
export function kindFromName(name: string, place: ValuePlace, choices?: readonly string[], topics: readonly string[] = []): ValueKind {
  if (choices && choices.length > 0) return { kind: 'choice', choices: [...choices] }
  const lower = name.toLowerCase()
  if (lower === 'topic' && place === 'argument') return { kind: 'topic', choices: [...topics] }
  if (lower.includes('handle') && lower.includes('tag')) return dynamic('tag-ops')
  if (lower.includes('handle')) return dynamic('handles')
  if (lower === 'tag' || lower === 'tags' || lower === 'old' || lower === 'new') return dynamic('tags')
  if (lower === 'id' && place === 'argument') return dynamic('trash')
  if (lower === 'query' || lower === 'q') return dynamic('query')
  if (FILE_NAME.test(lower)) return FILE
  return NONE
}

/** The value name inside a flag: `--out <file|dir>` → `file|dir`. */
function flagValueName(option: Option): string {
  return /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1]?.replace(/\.\.\.$/, '') ?? ''
}

function flagSpec(option: Option): FlagSpec {
  const takesValue = option.required || option.optional
  const names = [option.long, option.short].filter((n): n is string => typeof n === 'string')
  const valueName = flagValueName(option)
  return {
    names,
    description: option.description,
    value: takesValue ? kindFromName(valueName, 'flag', option.argChoices) : null,
  }
}

function argKind(argument: Argument, topics: readonly string[]): ValueKind {
  return kindFromName(argument.name(), 'argument', argument.argChoices, topics)
}

/** The completion spec of `command` and everything below it. Hidden commands and options are left out. */
export function commandSpec(command: Command, topics: readonly string[] = []): CommandSpec {
  const help = new Help()
  const args = command.registeredArguments
  return {
    name: command.name(),
    aliases: command.aliases(),
    description: command.description(),
    flags: help.visibleOptions(command).map(flagSpec),
    args: args.map((argument) => argKind(argument, topics)),
    variadic: args.at(-1)?.variadic ?? false,
    subcommands: help.visibleCommands(command).map((sub) => commandSpec(sub, topics)),
  }
}

/** Every command path (`list`, `tags rename`) with its spec, parents first. */
export function commandPaths(root: CommandSpec): { path: string[]; spec: CommandSpec }[] {
  const walk = (spec: CommandSpec, path: string[]): { path: string[]; spec: CommandSpec }[] => [
    { path, spec },
    ...spec.subcommands.flatMap((sub) => walk(sub, [...path, sub.name])),
  ]
  return walk(root, [])
}
