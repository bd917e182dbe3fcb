/**
 * Run a generated completion script in a real shell and ask it what it completes, the way the
 * shell would at a prompt: bash through COMP_LINE/COMP_POINT and `_precis` (compgen-style),
 * zsh with its completion builtins replaced by functions that print what they were given, fish
 * through its own `complete -C`. `precis` itself is a shell function that answers `__complete`
 * from files of candidates (written by the test from the real command) and logs its arguments.
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

function run(shell: string, args: string[], dir: string, cwd: string): Probe {
  const result = spawnSync(shell, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, DIR: dir, LANG: 'C.UTF-8' },
  })
  if (result.status !== 0) throw new Error(`${shell} failed (${result.status}): ${result.stderr}`)
  const calls = readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter(Boolean)
  writeFileSync(join(dir, 'calls'), '')
  return { replies: result.stdout.split('\n').filter(Boolean), calls }
}

const BASH_FAKE = String.raw`
precis() {
  printf '%s\n' "$*" >> "$DIR/calls"
  local source=${'$'}{@: -3:1} prefix=${'$'}{@: -1} line
  while IFS= read -r line; do [[ $line == "$prefix"* ]] && printf '%s\n' "$line"; done < "$DIR/candidates/$source"
}`

/** What bash completes for `line` (the cursor at its end). */
export function probeBash(dir: string, line: string, cwd = dir): Probe {
  const program = `source "$DIR/script"\n${BASH_FAKE}\nCOMP_LINE=$1; COMP_POINT=${'$'}{#COMP_LINE}\n_precis\nprintf '%s\\n' "${'$'}{COMPREPLY[@]}"`
  return run('bash', ['--norc', '--noprofile', '-c', program, 'probe', line], dir, cwd)
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

/** What zsh's `_precis` offers for `line` (the cursor at its end), through stubbed completion builtins. */
export function probeZsh(dir: string, line: string, cwd = dir): Probe {
  const program = `${ZSH_STUBS}\nsource "$DIR/script"\nwords=(\${(z)1}); [[ $1 == *' ' ]] && words+=('')\nCURRENT=\${#words}; PREFIX=\${words[CURRENT]}\n_precis\ntrue`
  return run('zsh', ['-f', '-c', program, 'probe', line], dir, cwd)
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

/** What fish completes for `line` (its own `complete -C`), candidates without their descriptions. */
export function probeFish(dir: string, line: string, cwd = dir): Probe {
  const program = `source $DIR/script\n${FISH_FAKE}\ncomplete -C $argv[1]`
  const probe = run('fish', ['--no-config', '-c', program, line], dir, cwd)
  return { ...probe, replies: probe.replies.map((r) => r.split('\t')[0]!) }
}
