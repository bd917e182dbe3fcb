import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { testContext, tempDir } from '../support/context.js'
import { summary } from '../support/library.js'
import { connectedLibrary } from '../unit/connected/fixture.js'
import { hasShell, probeBash, probeFish, probeFolder, probeZsh, type Probe } from '../unit/connected/shell-probes.js'

function library() {
  const lib = connectedLibrary()
  lib.trash.push({ summary: summary({ id: 'old2010removed', paper: 'old2010removed' }), paper: null, deleted: '2025-01-01T00:00:00.000Z' })
  return lib
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const ctx = testContext({ library: library() })
  const code = await main(argv, ctx)
  return { code, out: ctx.stdout(), err: ctx.stderr() }
}

async function complete(source: string, prefix: string): Promise<string[]> {
  const { code, out } = await run(['__complete', source, '--', prefix])
  expect(code).toBe(0)
  return out.split('\n').filter(Boolean)
}

describe('__complete: candidates from the library', () => {
  it.each([
    ['handles', 'gil', ['gilmer2017neural', 'gilmer2017neural-2']],
    ['handles', 'KIPF', ['kipf2017semi']],
    ['handles', 'dev', ['devlin2019bert']],
    ['handles', 'zzz', []],
    ['tags', 'ml', ['ml', 'ml/graphs']],
    ['tags', '', ['attention', 'bayesian', 'chemistry', 'gnn', 'ml', 'ml/graphs', 'nlp', 'optimisation']],
    ['tag-ops', '+g', ['+gnn']],
    ['tag-ops', '-ch', ['-chemistry']],
    ['tag-ops', 'vas', ['vaswani2017attention']],
    ['trash', '', ['old2010removed']],
    ['query', 'tag:ml', ['tag:ml', 'tag:ml/graphs']],
    ['query', '-tag:b', ['-tag:bayesian']],
    ['query', 'id:sno', ['id:snoek2012practical']],
    ['query', 'ye', ['year:']],
    ['query', 'message', []],
    ['query', 'state:', ['state:none', 'state:read', 'state:reading', 'state:to-read']],
    ['query', '-state:re', ['-state:read', '-state:reading']],
    ['query', 'sta', ['state:']],
  ])('%s %j → %j', async (source, prefix, expected) => {
    expect(await complete(source, prefix)).toEqual(expected)
  })

  it('leaves out values a shell cannot take (control characters)', async () => {
    const lib = library()
    lib.papers.push({ ...lib.papers[0]!, key: 'gilmer\u001b[2J' })
    const ctx = testContext({ library: lib })
    await main(['__complete', 'handles', 'gil'], ctx)
    expect(ctx.stdout()).toBe('gilmer2017neural\ngilmer2017neural-2\n')
  })

  it('prints nothing, successfully, when the library cannot be read', async () => {
    const dir = tempDir()
    const file = join(dir, 'library.json')
    writeFileSync(file, '{ not json')
    const ctx = testContext({ library: file })
    expect(await main(['__complete', 'handles', ''], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
  })

  it('is hidden from help and from the scripts', async () => {
    const help = await run(['--help'])
    expect(help.out).not.toContain('__complete')
    const script = await run(['completion', 'bash'])
    expect(script.out).not.toContain('\t__complete\t')
  })
})

describe('completion <shell>', () => {
  it('refuses other shells with the choices', async () => {
    const { code, err } = await run(['completion', 'tcsh'])
    expect(code).toBe(2)
    expect(err).toMatch(/bash, zsh, fish/)
  })

  it.each(['bash', 'zsh', 'fish'])('the %s script says how to install it', async (shell) => {
    const { code, out } = await run(['completion', shell])
    expect(code).toBe(0)
    expect(out).toMatch(/# Install: precis completion /)
  })
})

/** Candidate files for the shell probes, from the real `__complete`. */
async function candidateFiles(): Promise<Map<string, string[]>> {
  const files = new Map<string, string[]>()
  files.set('handles', await complete('handles', ''))
  files.set('tags', await complete('tags', ''))
  files.set('trash', await complete('trash', ''))
  files.set('tag-ops', [...(await complete('tag-ops', '')), ...(await complete('tag-ops', '+')), ...(await complete('tag-ops', '-'))])
  const query = await Promise.all(['', '-', 'tag:', '-tag:', 'id:'].map((p) => complete('query', p)))
  files.set('query', query.flat())
  return files
}

type Prober = (dir: string, lines: readonly string[], cwd?: string) => Probe[]

/** Probes every shell answers alike: [line, what must be offered, what must not]. */
const COMMON: [string, string[], string[]][] = [
  ['precis ', ['add', 'list', 'show', 'stats', 'completion', 'help'], ['__complete', 'merge-driver', '--library']],
  ['precis st', ['stats'], ['show']],
  ['precis --de', ['--demo'], []],
  ['precis show gi', ['gilmer2017neural', 'gilmer2017neural-2'], ['kipf2017semi']],
  ['precis show gilmer2017neural ki', ['kipf2017semi'], []],
  ['precis show --w', ['--width'], []],
  ['precis ls --so', ['--sort'], []],
  ['precis ls --json --so', ['--sort'], []],
  ['precis tag kipf2017semi +g', ['+gnn'], []],
  ['precis tag kipf2017semi -', ['-attention', '--query'], []],
  ['precis edit kipf2017semi --tag ml', ['ml', 'ml/graphs'], []],
  ['precis tags rename ml/', ['ml/graphs'], []],
  ['precis tags rename ml/graphs gn', ['gnn'], []],
  ['precis tags ', ['rename', 'rm'], []],
  ['precis tags rename --', ['--help'], ['--sort']],
  ['precis restore ', ['old2010removed'], ['gilmer2017neural']],
  ['precis completion ', ['bash', 'zsh', 'fish'], []],
  ['precis export --format ', ['md', 'json', 'bibtex', 'html'], ['gilmer2017neural']],
  ['precis export --format b', ['bibtex'], ['md']],
  ['precis ls --sort ', ['added', 'year', 'title'], []],
  ['precis tags --sort n', ['name'], ['count']],
  ['precis import --format ', ['auto', 'md', 'json', 'bibtex', 'shortscience'], []],
  ['precis import --on-conflict ', ['skip', 'update', 'keep-both'], []],
  ['precis help qu', ['query'], []],
  ['precis help sh', ['show'], []],
  ['precis stats --top ', [], ['gilmer2017neural', '--top']],
]

/** Lines and the arguments `precis` must be called with: the library flags are passed on to `__complete`. */
const LIBRARY_CALLS: [string, string[]][] = [
  ['precis --library /tmp/lib.json show gi', ['--library /tmp/lib.json __complete handles -- gi']],
  ['precis --demo tags rm b', ['--demo __complete tags -- b']],
  ['precis --library=/tmp/x.json rm k', ['--library=/tmp/x.json __complete handles -- k']],
  ['precis ls --sort ', []],
]

/** A flag's value is not a command or an argument: [line, word, whether it is offered]. */
const FLAG_VALUES: [string, string, boolean][] = [
  ['precis --library sh', 'show', false],
  ['precis --library show sh', 'show', true],
  ['precis show --width 72 gi', 'gilmer2017neural', true],
]

/** Each shell's spelling of a value after `--flag=` and of a query field's value (bash replies after the last `=` or `:`). */
const SPELLED: Record<string, [string, string[]][]> = {
  bash: [
    ['precis ls --sort=ye', ['year']],
    ['precis search tag:ml/', ['ml/graphs']],
  ],
  zsh: [
    ['precis ls --sort=ye', ['year']],
    ['precis search tag:ml/', ['tag:ml/graphs']],
  ],
  fish: [
    ['precis ls --sort=ye', ['--sort=year']],
    ['precis search tag:ml/', ['tag:ml/graphs']],
  ],
}

const SHELLS: [string, Prober][] = [
  ['bash', probeBash],
  ['zsh', probeZsh],
  ['fish', probeFish],
]

/** Writes the script, the candidate files and a file to complete (notes/gp.md), and asks one shell every line. */
async function probeAll(shell: string, probe: Prober, lines: readonly string[]): Promise<(line: string) => Probe> {
  const { out } = await run(['completion', shell])
  const dir = probeFolder(tempDir(`precis-${shell}-`), out, await candidateFiles())
  mkdirSync(join(dir, 'notes'))
  writeFileSync(join(dir, 'notes', 'gp.md'), '')
  const answers = new Map(probe(dir, lines).map((answer, i) => [lines[i]!, answer]))
  return (line) => answers.get(line) ?? expect.fail(`${line} was not probed`)
}

// bash is required (it is on every machine this runs on); zsh and fish are probed where installed.
describe.each(SHELLS.filter(([shell]) => shell === 'bash' || hasShell(shell)))('the %s script', (shell, probe) => {
  let answer: (line: string) => Probe

  beforeAll(async () => {
    const lines = [COMMON, LIBRARY_CALLS, FLAG_VALUES, SPELLED[shell]!].flatMap((cases) => cases.map(([line]) => line))
    answer = await probeAll(shell, probe, lines)
  })

  it.each(COMMON)('%j offers %j', (line, offered, notOffered) => {
    const { replies } = answer(line)
    for (const word of offered) expect(replies).toContain(word)
    for (const word of notOffered) expect(replies).not.toContain(word)
  })

  it.each(LIBRARY_CALLS)('%j calls precis with %j', (line, calls) => {
    expect(answer(line).calls).toEqual(calls)
  })

  it.each(FLAG_VALUES)('%j: %j offered is %j (a flag value is not a command or an argument)', (line, word, offered) => {
    expect(answer(line).replies.includes(word)).toBe(offered)
  })

  it.each(SPELLED[shell]!)('%j offers exactly %j', (line, replies) => {
    expect(answer(line).replies).toEqual(replies)
  })
})

/** bash's exact replies: [line, replies, why]. */
const DETAIL: [string, string[], string][] = [
  ['precis add --file notes/g', ['notes/gp.md'], 'files for a file flag'],
  ['precis --library=notes/g', ['notes/gp.md'], 'files after `--flag=`: bash splits the word at "=", the reply is what follows it'],
  ['precis tag --query tag:ml/', ['ml/graphs'], 'after the last ":" of a query field, as bash splits words there'],
  ['precis tag --query ye', ['year:'], 'query fields'],
  ['precis import notes/', ['notes/gp.md'], 'files for import paths'],
  ['precis add --title Neu', [], 'nothing for free text'],
]

describe('the bash script, in detail', () => {
  let answer: (line: string) => Probe

  beforeAll(async () => {
    answer = await probeAll(
      'bash',
      probeBash,
      DETAIL.map(([line]) => line),
    )
  })

  it.each(DETAIL)('%j replies %j (%s)', (line, replies) => {
    expect(answer(line).replies).toEqual(replies)
  })
})
