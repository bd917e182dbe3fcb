/**
 * Every row of the real table, asked of each shell's generated lookups in one shell: the value a
 * command or flag name has at its path, each argument index's kind, and each path's lists, as the
 * table says (the first row that matches wins, as when the scripts read the table row by row).
 */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../src/program.js'
import { bashScript } from '../../src/commands/completion/bash.js'
import { completionSpec } from '../../src/commands/completion/command.js'
import { fishQuoted, fishScript } from '../../src/commands/completion/fish.js'
import { completionRows, type CompletionRow } from '../../src/commands/completion/table.js'
import { zshScript } from '../../src/commands/completion/zsh.js'
import { HELP_TOPICS } from '../../src/commands/help/command.js'
import { singleQuoted } from '../../src/core/text/shell-words.js'
import { testContext } from '../support/context.js'
import { hasShell } from '../unit/connected/shell-probes.js'

/** Rows no command has yet, to check the scripts match names literally and let the first row win. */
const ODD: CompletionRow[] = [
  { type: 'cmd', path: 'precis odd', name: 'a:b', value: 'a:b', description: "it's odd" },
  { type: 'cmd', path: 'precis odd', name: '*', value: 'star', description: '' },
  { type: 'cmd', path: 'precis odd', name: '[ab]', value: 'class', description: 'a $HOME `x`' },
  { type: 'flag', path: 'precis odd', name: '--x', value: 'choice:a b', description: 'first' },
  { type: 'flag', path: 'precis odd', name: '--x', value: 'none', description: 'second' },
  { type: 'arg', path: 'precis odd', name: '0', value: 'none', description: '' },
  { type: 'arg', path: 'precis odd', name: '1+', value: 'file', description: '' },
]

const rows = [
  ...completionRows(
    completionSpec(
      buildProgram(testContext()),
      HELP_TOPICS.map((t) => t.name),
    ),
  ),
  ...ODD,
]
const paths = [...new Set(rows.map((row) => row.path))]

/** The value of the first row of `type` at `path` named `name`, as `status<TAB>value`. */
function lookedUp(type: CompletionRow['type'], path: string, name: string): string {
  const row = rows.find((r) => r.type === type && r.path === path && r.name === name)
  return row ? `0\t${row.value}` : '1\t'
}

/** Argument `n`'s kind: the row `n`, or `k+` with k ≤ n. */
function argument(path: string, n: number): string {
  const row = rows.find(
    (r) => r.type === 'arg' && r.path === path && (r.name === `${n}` || (r.name.endsWith('+') && n >= Number(r.name.slice(0, -1)))),
  )
  return row ? `0\t${row.value}` : '1\t'
}

/** A lookup asked of the shell: the function and its arguments, and the lines it must print. */
interface Query {
  call: [string, ...string[]]
  expected: string[]
}

/** Every name of `type` at its path, and names that are not there (`a` would match `*` or `[ab]` as a pattern). */
function nameQueries(type: 'cmd' | 'flag', fn: (path: string) => [string, ...string[]]): Query[] {
  const queries: Query[] = []
  for (const path of paths) {
    const names = new Set(rows.filter((r) => r.type === type && r.path === path).map((r) => r.name))
    for (const name of [...names, 'no-such-name', 'a']) queries.push({ call: [...fn(path), name], expected: [lookedUp(type, path, name)] })
  }
  return queries
}

/** Argument indexes 0 to three past the path's last argument row. */
function argQueries(fn: (path: string) => [string, ...string[]]): Query[] {
  return paths.flatMap((path) => {
    const count = rows.filter((r) => r.type === 'arg' && r.path === path).length
    return Array.from({ length: count + 3 }, (_, n) => ({
      call: [...fn(path), `${n}`] as [string, ...string[]],
      expected: [argument(path, n)],
    }))
  })
}

function listQueries(type: 'cmd' | 'flag', fn: string, item: (row: CompletionRow) => string): Query[] {
  return [...paths, 'precis no-such-path'].map((path) => ({
    call: [fn, path],
    expected: rows.filter((r) => r.type === type && r.path === path).map(item),
  }))
}

const MARK = '@@'

/** bash and zsh: the lookups answer in `_precis_v` (status 1 when there is none) and `_precis_list`. */
function caseProgram(queries: readonly Query[]): string {
  return queries
    .map(({ call }) => {
      const ask = call.map(singleQuoted).join(' ')
      return call[0].startsWith('_precis_flags') || call[0].startsWith('_precis_commands')
        ? `${ask}; printf '%s\\n' ${MARK} "\${_precis_list[@]}"`
        : `${ask}; printf '%s\\n' ${MARK} "$?	$_precis_v"`
    })
    .join('\n')
}

function fishProgram(queries: readonly Query[]): string {
  return queries
    .map(({ call }) => {
      const ask = call.map(fishQuoted).join(' ')
      return call[0] === '__precis_described' ? `echo ${MARK}; ${ask}` : `set -l v (${ask}); printf '%s\\n' ${MARK} "$status	$v"`
    })
    .join('\n')
}

function caseQueries(item: (row: CompletionRow) => string): Query[] {
  return [
    ...nameQueries('cmd', (path) => ['_precis_sub', path]),
    ...nameQueries('flag', (path) => ['_precis_flag', path]),
    ...argQueries((path) => ['_precis_arg', path]),
    ...listQueries('cmd', '_precis_commands', item),
    ...listQueries('flag', '_precis_flags', item),
  ]
}

const described = (row: CompletionRow) => `${row.name}\t${row.description}`

const SHELLS: { shell: string; script: string; queries: Query[]; program: (queries: readonly Query[]) => string; args: string[] }[] = [
  {
    shell: 'bash',
    script: bashScript(rows),
    queries: caseQueries((row) => row.name),
    program: caseProgram,
    args: ['--norc', '--noprofile', '-c'],
  },
  {
    shell: 'zsh',
    // Sourced outside completion, the script registers itself with compdef.
    script: `compdef() { : }\n${zshScript(rows)}`,
    queries: caseQueries((row) => `${row.name.replace(/:/g, '\\:')}:${row.description}`),
    program: caseProgram,
    args: ['-f', '-c'],
  },
  {
    shell: 'fish',
    script: fishScript(rows),
    queries: [
      ...nameQueries('cmd', (path) => ['__precis_find', 'cmd', path]),
      ...nameQueries('flag', (path) => ['__precis_find', 'flag', path]),
      ...argQueries((path) => ['__precis_arg_kind', path]),
      ...listQueries('cmd', '__precis_described', described).map((q) => ({
        ...q,
        call: ['__precis_described', 'cmd', q.call[1]!] as Query['call'],
      })),
      ...listQueries('flag', '__precis_described', described).map((q) => ({
        ...q,
        call: ['__precis_described', 'flag', q.call[1]!] as Query['call'],
      })),
    ],
    program: fishProgram,
    args: ['--no-config', '-c'],
  },
]

describe.each(SHELLS.filter(({ shell }) => shell === 'bash' || hasShell(shell)))(
  'the $shell script’s lookups',
  ({ shell, script, queries, program, args }) => {
    it('answer every row of the table as the table says', () => {
      const result = spawnSync(shell, [...args, `${script}\n${program(queries)}`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' },
      })
      expect(result.stderr).toBe('')
      const [before, ...answers] = result.stdout.split(`${MARK}\n`)
      expect(before).toBe('')
      expect(answers.map((answer, i) => [queries[i]?.call, answer.split('\n').filter(Boolean)])).toEqual(
        queries.map((q) => [q.call, q.expected]),
      )
    })
  },
)
