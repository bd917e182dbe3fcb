/**
 * Run a generated completion script in a real shell and ask it what it completes, the way the
 * shell would at a prompt: bash through COMP_LINE/COMP_POINT and `_precis` (compgen-style),
 * zsh with its completion builtins replaced by functions that print what they were given, fish
 * through its own `complete -C`. `precis` itself is a shell function that answers `__complete`
 * from files of candidates (written by the test from the real command) and logs its arguments.
 * One shell answers many lines, one after another as at a prompt: a line's answer, and the calls
 * it made, follow a marker line.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Whether `shell` can be run here. */
export function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0
}

export interface Probe {
  /** What the shell offers, in its order. */
  replies: string[]
  /** The argument lists `precis` was called with (one string per call). */
  calls: string[]
}

/** A folder with the script, the candidate files (`<source>` → lines) and an empty call log. */
export function probeFolder(dir: string, script: string, candidates: ReadonlyMap<string, readonly string[]>): string {
  mkdirSync(join(dir, 'candidates'), { recursive: true })
  writeFileSync(join(dir, 'script'), script)
  for (const [source, lines] of candidates) writeFileSync(join(dir, 'candidates', source), lines.map((l) => l + '\n').join(''))
  writeFileSync(join(dir, 'calls'), '')
  return dir
}

/** Printed before each line's answer, and logged before its calls. */
const MARK = '@@ next probe @@'

/** The chunks of `text` after each marker line, as lists of non-empty lines. */
function chunks(text: string): string[][] {
  const [before, ...after] = text.split(`${MARK}\n`)
  if (before !== '') throw new Error(`output before the first probe: ${before}`)
  return after.map((chunk) => chunk.split('\n').filter(Boolean))
}

function run(shell: string, args: string[], dir: string, cwd: string, count: number): Probe[] {
  const result = spawnSync(shell, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, DIR: dir, LANG: 'C.UTF-8', MARK },
  })
  if (result.status !== 0) throw new Error(`${shell} failed (${result.status}): ${result.stderr}`)
  const replies = chunks(result.stdout)
  const calls = chunks(readFileSync(join(dir, 'calls'), 'utf8'))
  writeFileSync(join(dir, 'calls'), '')
  if (replies.length !== count || calls.length !== count) throw new Error(`${shell} answered ${replies.length} of ${count} lines`)
  return replies.map((reply, i) => ({ replies: reply, calls: calls[i]! }))
}

const BASH_FAKE = String.raw`
precis() {
  printf '%s\n' "$*" >> "$DIR/calls"
  local source=${'$'}{@: -3:1} prefix=${'$'}{@: -1} line
  while IFS= read -r line; do [[ $line == "$prefix"* ]] && printf '%s\n' "$line"; done < "$DIR/candidates/$source"
}`

/** What bash completes for each of `lines` (the cursor at its end), in one shell. */
export function probeBash(dir: string, lines: readonly string[], cwd = dir): Probe[] {
  const program = String.raw`source "$DIR/script"
${BASH_FAKE}
for COMP_LINE in "$@"; do
  printf '%s\n' "$MARK"; printf '%s\n' "$MARK" >> "$DIR/calls"
  COMP_POINT=${'$'}{#COMP_LINE}
  _precis
  printf '%s\n' "${'$'}{COMPREPLY[@]}"
done`
  return run('bash', ['--norc', '--noprofile', '-c', program, 'probe', ...lines], dir, cwd, lines.length)
}

const ZSH_STUBS = String.raw`
compdef() { : }
compadd() {
  local -a offered
  if [[ $1 == -a ]]; then offered=("${'$'}{(@P)2}"); else shift; offered=("$@"); fi
  local v; for v in $offered; do [[ $v == "$PREFIX"* ]] && print -r -- "$v"; done
}
_describe() {
  local item
  for item in "${'$'}{(@P)${'$'}{@[-1]}}"; do [[ ${'$'}{item%%:*} == "$PREFIX"* ]] && print -r -- "${'$'}{item%%:*}"; done
}
_files() { print -r -- '<files>' }
compset() { [[ $1 == -P ]] && PREFIX=${'$'}{PREFIX#*=} }
precis() {
  print -r -- "$*" >> "$DIR/calls"
  local source=${'$'}{@[-3]} prefix=${'$'}{@[-1]} line
  while IFS= read -r line; do [[ $line == "$prefix"* ]] && print -r -- "$line"; done < "$DIR/candidates/$source"
}`

/** What zsh's `_precis` offers for each of `lines` (the cursor at its end), through stubbed completion builtins, in one shell. */
export function probeZsh(dir: string, lines: readonly string[], cwd = dir): Probe[] {
  const program = String.raw`${ZSH_STUBS}
source "$DIR/script"
for line in "$@"; do
  print -r -- "$MARK"; print -r -- "$MARK" >> "$DIR/calls"
  words=(${'$'}{(z)line}); [[ $line == *' ' ]] && words+=('')
  CURRENT=${'$'}{#words}; PREFIX=${'$'}{words[CURRENT]}
  _precis
done
true`
  return run('zsh', ['-f', '-c', program, 'probe', ...lines], dir, cwd, lines.length)
}

const FISH_FAKE = String.raw`
function precis
    echo "$argv" >> $DIR/calls
    set -l source $argv[-3]
    set -l prefix $argv[-1]
    for line in (cat $DIR/candidates/$source)
        string match -q -- "$prefix*" $line; and echo $line
    end
end`

/** What fish completes for each of `lines` (its own `complete -C`), candidates without their descriptions, in one shell. */
export function probeFish(dir: string, lines: readonly string[], cwd = dir): Probe[] {
  const program = String.raw`source $DIR/script
${FISH_FAKE}
for line in $argv
    echo $MARK; echo $MARK >> $DIR/calls
    complete -C $line
end`
  const probes = run('fish', ['--no-config', '-c', program, ...lines], dir, cwd, lines.length)
  return probes.map((probe) => ({ ...probe, replies: probe.replies.map((r) => r.split('\t')[0]!) }))
}
