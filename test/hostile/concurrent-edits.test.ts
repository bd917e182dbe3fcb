/**
 * Issue 16, point 2: a command that read the library before taking the lock must apply its change to
 * the records as they are inside it. Each test lands another precis between the command's read and
 * its write, deterministically, through a step the command waits on: its standard input, its
 * editor, or the metadata service it asks. No sleeps.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Library } from '../../src/core/model.js'
import { tempDir } from '../support/context.js'
import { libraryOf, paper, smallLibrary, summary } from '../support/library.js'
import { fixture } from '../unit/sources/fixtures.js'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { readLibraryFile, writeLibraryFile } from './support/files.js'
import { BIN, precisOn, runCommand } from './support/precis.js'

const ID = 'gilmer2017neural'

function setting(library: Library = smallLibrary()) {
  const dir = tempDir('precis-concurrent-')
  const path = join(dir, 'library.json')
  writeLibraryFile(path, library)
  return { dir, library: path, env: { HOME: dir, PRECIS_LOCK_TIMEOUT_MS: '10000', PRECIS_CACHE_DIR: join(dir, 'cache') } }
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`
/** The shell words that run precis on `library`. */
const precisWords = (library: string, args: readonly string[]) =>
  [process.execPath, BIN, '--library', library, ...args].map(quote).join(' ')

const summaryOf = (library: string, id = ID) => readLibraryFile(library).summaries.find((s) => s.id === id)!
const paperOf = (library: string, key = ID) => readLibraryFile(library).papers.find((p) => p.key === key)!

/** More than a pipe holds (64 KiB on Linux): writing it returns only once the reader is reading. */
const FILLER = 'Message passing over graphs, read as text.\n'.repeat(6000)

/**
 * A shell script that writes FILLER to its standard output, then (the reader is now reading it, so it
 * read the library before) runs the command given as its arguments, then writes the rest of the
 * text and ends. Its command's exit code goes to `status`. (A shell and cat, not a node process: the
 * same writes for a few milliseconds of start-up.)
 */
function feederScript(dir: string): string {
  const filler = join(dir, 'filler.txt')
  writeFileSync(filler, FILLER)
  const script = join(dir, 'feeder.sh')
  writeFileSync(script, `status=$1\nshift\ncat ${quote(filler)}\n"$@" </dev/null >/dev/null\necho $? > "$status"\nprintf 'New body.\\n'\n`)
  return script
}

/** precis `args` reading its standard input, during which precis `meanwhile` runs. */
async function whileReadingStdin(setup: ReturnType<typeof setting>, args: readonly string[], meanwhile: readonly string[]) {
  const { dir, library, env } = setup
  const status = join(dir, 'meanwhile.status')
  const feeder = ['/bin/sh', feederScript(dir), status, process.execPath, BIN, '--library', library, ...meanwhile].map(quote).join(' ')
  const result = await runCommand('/bin/sh', ['-c', `${feeder} | ${precisWords(library, args)}`], { env })
  return { ...result, meanwhile: Number(readFileSync(status, 'utf8')) }
}

/** `precis edit <args> --file -` reading a text during which `meanwhile` (precis arguments) runs. */
const editFromStdinWhile = (setup: ReturnType<typeof setting>, editArgs: readonly string[], meanwhile: readonly string[]) =>
  whileReadingStdin(setup, ['edit', ...editArgs, '--file', '-'], meanwhile)

/** An $EDITOR that runs precis `meanwhile` (as another terminal would) while it is open, then edits with `sed`. */
function editorScript(setup: ReturnType<typeof setting>, meanwhile: readonly string[], sed: string): string {
  const script = join(setup.dir, 'editor.sh')
  writeFileSync(script, `#!/bin/sh\nset -e\n${precisWords(setup.library, meanwhile)} >/dev/null\nsed -i ${quote(sed)} "$1"\n`, {
    mode: 0o755,
  })
  return script
}

const keptAt = (stderr: string) => /Your text is kept at (.+\.md)/.exec(stderr)?.[1]

describe('edit --file - while another precis changes the same summary', () => {
  it('issue 16: a tag added by precis tag while edit read its text is kept', async () => {
    const setup = setting()
    const result = await editFromStdinWhile(setup, [ID], ['tag', ID, '+important'])
    expect(result.meanwhile).toBe(0)
    expect(result.code, result.stderr).toBe(0)
    expect(summaryOf(setup.library)).toMatchObject({ body: FILLER + 'New body.\n', tags: ['gnn', 'chemistry', 'important'] })
  })

  it('with field flags: the fields each side set are all kept (title, body and a tag here; venue, by and a tag there)', async () => {
    const setup = setting()
    const result = await editFromStdinWhile(
      setup,
      [ID, '--title', 'Mine', '--tag', 'mine'],
      ['edit', ID, '--venue', 'Theirs', '--by', 'Them', '--tag', 'theirs'],
    )
    expect(result.meanwhile).toBe(0)
    expect(result.code, result.stderr).toBe(0)
    expect(paperOf(setup.library)).toMatchObject({ title: 'Mine', venue: 'Theirs' })
    expect(summaryOf(setup.library)).toMatchObject({
      by: 'Them',
      body: FILLER + 'New body.\n',
      tags: ['gnn', 'chemistry', 'theirs', 'mine'],
    })
  })

  it('a field both set is refused (exit 1) and changes nothing; the text read is kept where the message says', async () => {
    const setup = setting()
    const result = await editFromStdinWhile(setup, [ID, '--title', 'Mine'], ['edit', ID, '--title', 'Theirs'])
    expect(result.meanwhile).toBe(0)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`precis: "${ID}" was changed by someone else while you were editing (title); your edit was not applied`)
    expect(readFileSync(keptAt(result.stderr)!, 'utf8')).toBe(FILLER + 'New body.\n')
    expect(paperOf(setup.library).title).toBe('Theirs')
    expect(summaryOf(setup.library).body).toBe(smallLibrary().summaries[0]!.body)
  })
})

describe('edit in $EDITOR while another precis changes the same summary', () => {
  it('a tag added meanwhile is kept beside the title edited', async () => {
    const setup = setting()
    const editor = editorScript(setup, ['tag', ID, '+important'], 's/^title: .*/title: Mine/')
    const result = await precisOn(setup.library, ['edit', ID], { env: { ...setup.env, VISUAL: editor } })
    expect(result.code, result.stderr).toBe(0)
    expect(paperOf(setup.library).title).toBe('Mine')
    expect(summaryOf(setup.library).tags).toEqual(['gnn', 'chemistry', 'important'])
  })

  it('a tag removed in the editor and one added meanwhile: both happen', async () => {
    const setup = setting()
    const editor = editorScript(setup, ['tag', ID, '+important'], '/^  - chemistry$/d')
    const result = await precisOn(setup.library, ['edit', ID], { env: { ...setup.env, VISUAL: editor } })
    expect(result.code, result.stderr).toBe(0)
    expect(summaryOf(setup.library).tags).toEqual(['gnn', 'important'])
  })

  it('the title edited on both sides: refused, theirs stays, the edited document is kept', async () => {
    const setup = setting()
    const editor = editorScript(setup, ['edit', ID, '--title', 'Theirs'], 's/^title: .*/title: Mine/')
    const result = await precisOn(setup.library, ['edit', ID], { env: { ...setup.env, VISUAL: editor } })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('(title); your edit was not applied')
    expect(readFileSync(keptAt(result.stderr)!, 'utf8')).toContain('title: Mine\n')
    expect(paperOf(setup.library).title).toBe('Theirs')
  })
})

describe('refresh while another precis edits the paper', () => {
  let server: TestServer | undefined
  afterEach(() => server?.close())

  const stale = paper({
    key: 'cruz2005count',
    title: 'On the count of lattice  points',
    authors: ['S. de la Cruz'],
    year: 2005,
    arxiv: 'math/0501234',
    venue: 'My notes',
  })

  /** A metadata service that lets precis `meanwhile` run before it answers, while refresh waits for it. */
  async function refreshWhile(meanwhile: readonly string[]) {
    const setup = setting(libraryOf([stale], [summary({ id: stale.key, paper: stale.key })]))
    let other = -1
    server = await startServer(() => {
      other =
        spawnSync(process.execPath, [BIN, '--library', setup.library, ...meanwhile], {
          env: { PATH: process.env.PATH ?? '', HOME: setup.dir },
        }).status ?? -1
      return { body: fixture('arxiv/old-style.xml') }
    })
    const result = await precisOn(setup.library, ['refresh', stale.key, '--yes'], {
      env: { ...setup.env, PRECIS_ARXIV_URL: `${server.origin}/api/query` },
    })
    return { ...result, other, library: setup.library }
  }

  it('a field it does not change, edited meanwhile, is kept', async () => {
    const result = await refreshWhile(['edit', stale.key, '--venue', 'Edited meanwhile'])
    expect(result.other).toBe(0)
    expect(result.code, result.stderr).toBe(0)
    expect(paperOf(result.library, stale.key)).toMatchObject({
      title: 'On the Count of Lattice Points',
      authors: ['Sofía de la Cruz'],
      venue: 'Edited meanwhile',
    })
  })

  it('a field it would change, edited meanwhile, refuses the refresh (exit 1): the edit stays, nothing else changes', async () => {
    const result = await refreshWhile(['edit', stale.key, '--title', 'Edited meanwhile'])
    expect(result.other).toBe(0)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('precis: "cruz2005count" was changed by someone else while refreshing (title); nothing was changed')
    expect(paperOf(result.library, stale.key)).toEqual({ ...stale, title: 'Edited meanwhile' })
  })
})

describe('add --file - while another precis edits the paper it attaches to', () => {
  it('attaches to that paper, retitled meanwhile, rather than adding it again under its old title', async () => {
    const known = paper({ key: 'lovelace1843notes', title: 'Notes on the Engine', authors: ['Ada Lovelace'], year: 1843 })
    const setup = setting(libraryOf([known], [summary({ id: known.key, paper: known.key })]))
    const args = ['add', '--title', 'Notes on the Engine', '--author', 'Ada Lovelace', '--year', '1843', '--file', '-']
    const result = await whileReadingStdin(setup, args, ['edit', known.key, '--title', 'Notes on the Analytical Engine'])
    expect(result.meanwhile).toBe(0)
    expect(result.code, result.stderr).toBe(0)
    const lib = readLibraryFile(setup.library)
    expect(lib.papers.map((p) => [p.key, p.title])).toEqual([['lovelace1843notes', 'Notes on the Analytical Engine']])
    expect(lib.summaries.map((s) => s.id)).toEqual(['lovelace1843notes', 'lovelace1843notes-2'])
  })
})

/**
 * precis `args` in a terminal (util-linux \`script\` gives it one): when it asks a question holding
 * `question`, precis `meanwhile` runs, then the answer is yes. What it printed comes back with its
 * exit code and the exit code of `meanwhile`.
 */
function confirmAfter(setup: ReturnType<typeof setting>, args: readonly string[], question: string, meanwhile: readonly string[]) {
  const env = { ...setup.env, PATH: process.env.PATH ?? '', TERM: 'xterm', NO_COLOR: '1' }
  return new Promise<{ code: number | null; output: string; other: number | null }>((resolve, reject) => {
    const child = spawn('script', ['-qfec', precisWords(setup.library, args), '/dev/null'], { env, stdio: ['pipe', 'pipe', 'inherit'] })
    let output = ''
    let other: number | null = null
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text
      if (other !== null || !output.includes(question)) return
      other = spawnSync(process.execPath, [BIN, '--library', setup.library, ...meanwhile], { env }).status
      child.stdin.write('y\r')
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output, other }))
  })
}

describe('commands that ask first, while another precis changes the library before the answer', () => {
  it('rm trashes the summary as it is then: its body edited meanwhile is what the trash keeps', async () => {
    const setup = setting()
    const result = await confirmAfter(setup, ['rm', 'gilmer2017neural-2'], 'to the trash?', [
      'edit',
      'gilmer2017neural-2',
      '--body',
      'Edited meanwhile.',
    ])
    expect(result.other).toBe(0)
    expect(result.code, result.output).toBe(0)
    expect(readLibraryFile(setup.library).trash.map((e) => [e.summary?.id, e.summary?.body])).toEqual([
      ['gilmer2017neural-2', 'Edited meanwhile.'],
    ])
  })

  it('tag --query changes tags on the summaries as they are then: a body and a tag given meanwhile stay', async () => {
    const setup = setting()
    const result = await confirmAfter(setup, ['tag', '--query', 'tag:gnn', '+mine'], 'Change tags', [
      'edit',
      ID,
      '--body',
      'Edited meanwhile.',
      '--tag',
      'theirs',
    ])
    expect(result.other).toBe(0)
    expect(result.code, result.output).toBe(0)
    expect(summaryOf(setup.library)).toMatchObject({ body: 'Edited meanwhile.', tags: ['gnn', 'chemistry', 'theirs', 'mine'] })
  })

  it('tags rm removes the tag from the summaries as they are then: a body edited meanwhile stays', async () => {
    const setup = setting()
    const result = await confirmAfter(setup, ['tags', 'rm', 'chemistry'], 'Remove "chemistry"', ['edit', ID, '--body', 'Edited meanwhile.'])
    expect(result.other).toBe(0)
    expect(result.code, result.output).toBe(0)
    expect(summaryOf(setup.library)).toMatchObject({ body: 'Edited meanwhile.', tags: ['gnn'] })
  })

  it('trash --empty deletes what it asked about: a summary trashed meanwhile stays restorable', async () => {
    const setup = setting()
    expect((await precisOn(setup.library, ['rm', 'gilmer2017neural-2', '--yes'], { env: setup.env })).code).toBe(0)
    const result = await confirmAfter(setup, ['trash', '--empty'], 'for good?', ['rm', 'rasmussen2004gaussian', '--yes'])
    expect(result.other).toBe(0)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('Kept 1 summary trashed since you confirmed')
    expect(readLibraryFile(setup.library).trash.map((e) => e.summary?.id)).toEqual(['rasmussen2004gaussian'])
    expect((await precisOn(setup.library, ['restore', 'rasmussen2004gaussian'], { env: setup.env })).code).toBe(0)
  })
})
