/**
 * The fish completion script: the table (table.ts) as lists and a walker over `commandline`,
 * printing `candidate<TAB>description` lines for one catch-all `complete` rule (fish filters them
 * itself). Fish functions do not see their caller's variables, so the walker's state is passed as
 * arguments. Each path's rows are lists named by the path's place in `__precis_paths` (a variable
 * name cannot hold the path itself), found with the `contains` builtin rather than a loop.
 */
import { rowsByPath, type CompletionRow } from './table.js'

/** `text` as one single-quoted fish word (fish escapes only `\` and `'` inside single quotes). */
export function fishQuoted(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => '\\' + c)}'`
}

// A template literal: `\\` is a backslash (there is no `${` in fish).
const WALKER = `
# __precis_find TYPE PATH NAME: the value of the command or flag (TYPE) NAME under PATH.
function __precis_find --argument-names type where name
    set -l p (contains -i -- "$where" $__precis_paths); or return 1
    set -l names __precis_{$type}_names_$p
    set -l i (contains -i -- "$name" $$names); or return 1
    set -l values __precis_{$type}_values_$p
    set values $$values
    echo $values[$i]
end

# __precis_described TYPE PATH: "name<TAB>description" for each command or flag under PATH.
function __precis_described --argument-names type where
    set -l p (contains -i -- "$where" $__precis_paths); or return
    set -l described __precis_{$type}_described_$p
    string join \\n -- $$described
end

function __precis_flag_kind --argument-names where flag
    __precis_find flag $where $flag; or __precis_find flag precis $flag
end

# __precis_arg_kind PATH N: the value kind of the command's positional argument N (from 0).
function __precis_arg_kind --argument-names where n
    set -l p (contains -i -- "$where" $__precis_paths); or return 1
    set -l values __precis_arg_values_$p
    set values $$values
    set -l names __precis_arg_names_$p
    set -l i 0
    for name in $$names
        set i (math $i + 1)
        set -l from (string replace '+' '' -- $name)
        if test "$name" = "$n"; or begin; string match -q -- '*+' $name; and test $n -ge $from; end
            echo $values[$i]
            return 0
        end
    end
    return 1
end

# __precis_values KIND PREFIX WORD COMMAND LIBRARY...: the values of KIND; PREFIX (--sort=) is typed before them.
function __precis_values --argument-names kind prefix word command
    set -l library $argv[5..-1]
    set -l typed (string sub -s (math (string length -- "$prefix") + 1) -- "$word")
    switch $kind
        case file
            for value in (__fish_complete_path "$typed")
                echo "$prefix$value"
            end
        case 'choice:*' 'topic:*'
            for value in (string split ' ' -- (string replace -r '^[^:]*:' '' -- $kind))
                echo "$prefix$value"
            end
        case 'dynamic:*'
            for value in ($command $library __complete (string replace 'dynamic:' '' -- $kind) -- "$typed" 2>/dev/null)
                echo "$prefix$value"
            end
    end
end

function __precis_complete
    set -l tokens (commandline -opc)
    set -l word (commandline -ct)
    set -l command $tokens[1]
    set -l where precis
    set -l n 0
    set -l pending
    set -l library
    set -l kind
    set -l sub
    for w in $tokens[2..-1]
        if test -n "$pending"
            test "$pending" = --library; and set library $library --library $w
            set pending
            continue
        end
        switch $w
            case '--library=*' --demo
                set library $library $w
        end
        switch $w
            case '-*=*'
            case '-?*'
                set kind (__precis_flag_kind $where $w)
                and test "$kind" != -
                and set pending $w
            case '*'
                set sub
                test $n -eq 0; and set sub (__precis_find cmd $where $w)
                if test -n "$sub"
                    set where "$where $sub"
                else
                    set n (math $n + 1)
                end
        end
    end

    if test -n "$pending"
        __precis_values (__precis_flag_kind $where $pending) '' "$word" $command $library
    else if string match -q -- '--*=*' "$word"
        set -l prefix (string replace -r '=.*' '=' -- "$word")
        __precis_values (__precis_flag_kind $where (string trim -r -c = -- $prefix)) $prefix "$word" $command $library
    else
        set kind (__precis_arg_kind $where $n)
        if string match -q -- '-*' "$word"
            __precis_described flag $where
            test "$where" != precis; and __precis_described flag precis
        else if test $n -eq 0
            __precis_described cmd $where
        end
        test -n "$kind"; and __precis_values $kind '' "$word" $command $library
    end
end

complete -c precis -f -a '(__precis_complete)'
`

/** `set -g NAME VALUE...` for a list of one path's rows. */
function list(name: string, values: readonly string[]): string {
  return `set -g ${name} ${values.map(fishQuoted).join(' ')}`
}

/** The table as global lists: the paths, and for each path's commands, flags and arguments their names and values. */
function tableLists(rows: readonly CompletionRow[]): string {
  const paths = [...new Set(rows.map((row) => row.path))]
  const lines = [
    '# The table: the paths, and for the path at place P in __precis_paths its commands (cmd), flags and arguments (arg):',
    '# their names, their values and "name<TAB>description" lines.',
    list('__precis_paths', paths),
  ]
  for (const type of ['cmd', 'flag', 'arg'] as const) {
    for (const [path, group] of rowsByPath(rows, type)) {
      const named = (what: string) => `__precis_${type}_${what}_${paths.indexOf(path) + 1}`
      const names = group.map((row) => row.name)
      const values = group.map((row) => row.value)
      const described = group.map((row) => `${row.name}\t${row.description}`)
      lines.push(list(named('names'), names), list(named('values'), values))
      if (type !== 'arg') lines.push(list(named('described'), described))
    }
  }
  return lines.join('\n')
}

/** The fish completion script for the table. */
export function fishScript(rows: readonly CompletionRow[]): string {
  return [
    '# fish completion for precis (generated by `precis completion fish`; regenerate after upgrading).',
    '# Install: precis completion fish > ~/.config/fish/completions/precis.fish',
    '',
    tableLists(rows),
    WALKER,
  ].join('\n')
}
