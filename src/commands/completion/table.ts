/**
 * The completion spec as a table of tab-separated rows, embedded in each shell script. The
 * scripts' walkers are fixed text that look things up in this table, so everything that changes
 * with the program (commands, flags, arguments) is data generated from it.
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

/** The rows for `root` (the program) and every command below it, one per line. */
export function completionTable(root: CommandSpec): string {
  const rows: string[][] = []
  for (const { path, spec } of commandPaths(root)) {
    const here = ['precis', ...path].join(' ')
    for (const sub of spec.subcommands) {
      for (const name of [sub.name, ...sub.aliases]) rows.push(['cmd', here, name, sub.name, field(sub.description)])
    }
    for (const flag of spec.flags) {
      for (const name of flag.names) rows.push(['flag', here, name, kindText(flag.value), field(flag.description)])
    }
    spec.args.forEach((kind, index) => {
      const last = index === spec.args.length - 1
      rows.push(['arg', here, `${index}${last && spec.variadic ? '+' : ''}`, kindText(kind)])
    })
  }
  return rows.map((row) => row.join('\t')).join('\n')
}
