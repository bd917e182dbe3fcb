/**
 * The completion spec as a table of rows, from which each shell script generates its lookups.
 * The scripts' walkers are fixed text that ask those lookups, so everything that changes with the
 * program (commands, flags, arguments) is data generated from this table.
 *
 *   cmd   <path>  <name or alias>  <canonical name>  <description>
 *   flag  <path>  <flag>           <value kind>      <description>
 *   arg   <path>  <index>[+]       <value kind>
 *
 * A path is `precis` followed by canonical command names (`precis tags rename`). A value kind is
 * `-` (the flag takes no value), `none`, `file`, `choice:<a b c>`, `topic:<a b c>` or
 * `dynamic:<source>`. `2+` means the argument at index 2 and every one after it.
 */
import { commandPaths, type CommandSpec, type ValueKind } from './spec.js'

/** One row of the table: what a name means at a command path. */
export interface CompletionRow {
  type: 'cmd' | 'flag' | 'arg'
  /** `precis` and canonical command names: `precis tags rename`. */
  path: string
  /** A command's name or alias, a flag, or an argument's index (`2+`: 2 and every one after). */
  name: string
  /** A command's canonical name, or the value kind of a flag or argument. */
  value: string
  /** One line without tabs; empty for arguments. */
  description: string
}

/** Descriptions are one line without tabs (they come from our own code, but the format must hold). */
function field(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters would break the one-line description format
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
}

/** The table's spelling of a value kind (null: the flag takes no value). */
export function kindText(kind: ValueKind | null): string {
  if (kind === null) return '-'
  switch (kind.kind) {
    case 'none':
    case 'file':
      return kind.kind
    case 'choice':
    case 'topic':
      return `${kind.kind}:${kind.choices.join(' ')}`
    case 'dynamic':
      return `dynamic:${kind.source}`
  }
}

/** The rows for `root` (the program) and every command below it, parents first. */
export function completionRows(root: CommandSpec): CompletionRow[] {
  const rows: CompletionRow[] = []
  for (const { path, spec } of commandPaths(root)) {
    const here = ['precis', ...path].join(' ')
    for (const sub of spec.subcommands) {
      const description = field(sub.description)
      for (const name of [sub.name, ...sub.aliases]) rows.push({ type: 'cmd', path: here, name, value: sub.name, description })
    }
    for (const flag of spec.flags) {
      const value = kindText(flag.value)
      const description = field(flag.description)
      for (const name of flag.names) rows.push({ type: 'flag', path: here, name, value, description })
    }
    spec.args.forEach((kind, index) => {
      const last = index === spec.args.length - 1
      rows.push({ type: 'arg', path: here, name: `${index}${last && spec.variadic ? '+' : ''}`, value: kindText(kind), description: '' })
    })
  }
  return rows
}

/** The rows of `type`, grouped by path in the table's order (a lookup answers from its path's group). */
export function rowsByPath(rows: readonly CompletionRow[], type: CompletionRow['type']): Map<string, CompletionRow[]> {
  const groups = new Map<string, CompletionRow[]>()
  for (const row of rows) {
    if (row.type !== type) continue
    const group = groups.get(row.path)
    if (group) group.push(row)
    else groups.set(row.path, [row])
  }
  return groups
}
