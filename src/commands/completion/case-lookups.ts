/**
 * The table as shell functions for bash and zsh: each lookup is a `case` over the path, then
 * over the name, so a Tab costs the shell's own pattern matching rather than a loop over every
 * row. Answers come back in variables the walker declares local (`_precis_v`, `_precis_list`),
 * not printed, so asking costs no `$(…)` subshell. Patterns are single-quoted: matched literally.
 */
import { singleQuoted as quoted } from '../../core/text/shell-words.js'
import { rowsByPath, type CompletionRow } from './table.js'

/** One arm of a `case`: a quoted pattern and what it does. */
type Arm = [pattern: string, action: string]

/** `# USAGE: WHAT` and `NAME() {`, NAME being USAGE's first word. */
function header(usage: string, what: string): string[] {
  return [`# ${usage}: ${what}`, `${usage.split(' ')[0]}() {`]
}

/** A function of PATH and a second word: a `case` on the path, in it a `case` on the word; it fails when none matches. */
function lookupFunction(usage: string, what: string, groups: Map<string, Arm[]>): string[] {
  const lines = [...header(usage, what), '  _precis_v=', '  case $1 in']
  for (const [path, arms] of groups) {
    lines.push(`    ${quoted(path)})`, '      case $2 in')
    for (const [pattern, action] of arms) lines.push(`        ${pattern}) ${action} ;;`)
    if (!arms.some(([pattern]) => pattern === '*')) lines.push('        *) return 1 ;;')
    lines.push('      esac ;;')
  }
  lines.push('    *) return 1 ;;', '  esac', '}')
  return lines
}

/** A function of PATH setting `_precis_list` to that path's items. */
function listFunction(usage: string, what: string, groups: Map<string, string[]>): string[] {
  const lines = [...header(usage, what), '  case $1 in']
  for (const [path, items] of groups) lines.push(`    ${quoted(path)}) _precis_list=(${items.map(quoted).join(' ')}) ;;`)
  lines.push('    *) _precis_list=() ;;', '  esac', '}')
  return lines
}

function mapGroups<T>(groups: Map<string, CompletionRow[]>, each: (row: CompletionRow) => T): Map<string, T[]> {
  return new Map([...groups].map(([path, rows]) => [path, rows.map(each)]))
}

/** `k+` stands for index k and every one after it; the walker counts arguments from 0. */
function argArm(row: CompletionRow): Arm {
  const set = `_precis_v=${quoted(row.value)}`
  return row.name.endsWith('+') ? ['*', `(($2 >= ${row.name.slice(0, -1)})) && ${set}`] : [quoted(row.name), set]
}

/**
 * The lookups the walker asks: `_precis_sub PATH NAME` (a command's canonical name),
 * `_precis_flag PATH FLAG` (a flag's value kind), `_precis_arg PATH N` (argument N's value kind),
 * each into `_precis_v` and failing when there is none; `_precis_commands PATH` and
 * `_precis_flags PATH` (each row as `item` spells it) into `_precis_list`.
 */
export function caseLookups(rows: readonly CompletionRow[], item: (row: CompletionRow) => string): string {
  const named = (row: CompletionRow): Arm => [quoted(row.name), `_precis_v=${quoted(row.value)}`]
  const commands = rowsByPath(rows, 'cmd')
  const flags = rowsByPath(rows, 'flag')
  return [
    ...lookupFunction('_precis_sub PATH NAME', 'the canonical name of command NAME under PATH.', mapGroups(commands, named)),
    ...lookupFunction('_precis_flag PATH FLAG', 'the value kind of the flag of the command at PATH.', mapGroups(flags, named)),
    ...lookupFunction('_precis_arg PATH N', 'the value kind of argument N (from 0).', mapGroups(rowsByPath(rows, 'arg'), argArm)),
    ...listFunction('_precis_commands PATH', 'the commands under PATH.', mapGroups(commands, item)),
    ...listFunction('_precis_flags PATH', 'the flags of the command at PATH.', mapGroups(flags, item)),
  ].join('\n')
}
