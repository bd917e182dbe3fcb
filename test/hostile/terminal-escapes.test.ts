import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseListOptions } from '../../src/commands/list/command.js'
import { parseSearchOptions } from '../../src/commands/search/command.js'
import { parseTagsListOptions } from '../../src/commands/tags/command.js'
import { listRun } from '../../src/commands/list/run.js'
import { searchRun } from '../../src/commands/search/run.js'
import { showRun } from '../../src/commands/show/run.js'
import { statsRun } from '../../src/commands/stats/run.js'
import { tagsListRun } from '../../src/commands/tags/run.js'
import { trashRun } from '../../src/commands/trash/run.js'
import type { Context } from '../../src/context.js'
import { moveToTrash } from '../../src/core/records/trash.js'
import { tempDir, testContext } from '../support/context.js'
import { startServer } from '../unit/sources/server.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { writeLibraryFile } from './support/files.js'
import { makePdf } from '../support/pdf.js'
import { precisRun } from './support/in-process.js'
import { builtCommands, precisOn } from './support/precis.js'
import { expectTerminalSafe, HOSTILE, HOSTILE_NO_SGR, HOSTILE_STORABLE } from './support/terminal.js'

const BODY = `Message passing, written by someone else: ${HOSTILE}\n`
let library: string
let home: string
let id: string

beforeAll(async () => {
  home = tempDir('precis-escapes-')
  library = join(home, 'library.json')
  // Flags refuse C0 controls, so all of HOSTILE is planted in the file, as a library written before
  // that rule, a hand edit or a sync peer may hold it; what flags may store goes through them.
  id = 'evil2024x'
  writeLibraryFile(
    library,
    libraryOf(
      [
        paper({ key: id, title: HOSTILE, authors: [`Ada ${HOSTILE}`], venue: HOSTILE, url: HOSTILE }),
        paper({ key: 'trash2023x', title: `Trashed ${HOSTILE}`, authors: ['Bo Trash'] }),
      ],
      [
        summary({ id, paper: id, by: HOSTILE, body: BODY, tags: ['gnn'] }),
        summary({ id: 'trash2023x', paper: 'trash2023x', body: HOSTILE }),
      ],
    ),
  )
  const add = await precisOn(
    library,
    [
      'add',
      '--title',
      HOSTILE_STORABLE,
      '--author',
      `Ada ${HOSTILE_STORABLE}`,
      '--venue',
      HOSTILE_STORABLE,
      '--by',
      HOSTILE_STORABLE,
      '--tag',
      'gnn',
      '--year',
      '2024',
      '--file',
      '-',
    ],
    { input: `Through flags: ${HOSTILE_STORABLE}\n` },
  )
  expect(add.code, add.stderr).toBe(0)
  expectTerminalSafe(add.stdout + add.stderr, 'add')
  const rm = await precisOn(library, ['rm', 'trash2023x', '--yes'])
  expect(rm.code, rm.stderr).toBe(0)
  expectTerminalSafe(rm.stdout + rm.stderr, 'rm')
})

/** Commands that print library data, with the exit code each should give. */
function dataCommands(): [string, () => string[], number][] {
  const built = builtCommands()
  const commands: [string, () => string[], number][] = [
    ['list', () => ['list'], 0],
    ['list --json', () => ['--json', 'list'], 0],
    ['show (rendered)', () => ['show', id, '--width', '60'], 0],
    ['show --json', () => ['--json', 'show', id], 0],
    ['trash', () => ['trash'], 0],
    ['trash --json', () => ['--json', 'trash'], 0],
    ['show of a handle that does not exist, with candidates', () => ['show', HOSTILE], 3],
    ['rm of a handle that does not exist', () => ['rm', HOSTILE, '--yes'], 3],
    ['edit of a handle that does not exist', () => ['edit', HOSTILE, '--title', 'x'], 3],
    ['restore of an id not in the trash', () => ['restore', HOSTILE], 3],
    ['an unknown option', () => [`--${HOSTILE}`], 2],
    ['an unknown command', () => [HOSTILE], 2],
    ['a source that is neither arXiv nor DOI', () => ['add', HOSTILE], 2],
    ['a bad --year', () => ['add', '--title', 'x', '--author', 'y', '--year', HOSTILE, '--body', 'x'], 2],
    ['a tag with control characters', () => ['add', '--title', 'x', '--author', 'y', '--tag', HOSTILE, '--body', 'x'], 2],
    ['a bad --sort', () => ['list', '--sort', HOSTILE], 2],
    ['a bad --width', () => ['show', id, '--width', HOSTILE], 2],
    [
      'add with control characters in its flags',
      () => ['add', '--title', HOSTILE, '--author', HOSTILE, '--url', HOSTILE, '--body', HOSTILE],
      2,
    ],
    ['edit with a link that is no link', () => ['edit', id, '--url', HOSTILE], 2],
  ]
  if (built.has('tags'))
    commands.push(
      ['tags', () => ['tags'], 0],
      ['tags --json', () => ['--json', 'tags'], 0],
      ['tags rename of a bad tag', () => ['tags', 'rename', HOSTILE, 'x'], 2],
    )
  if (built.has('tag')) commands.push(['tag with a bad tag', () => ['tag', id, `+${HOSTILE}`], 2])
  if (built.has('search')) {
    commands.push(['search', () => ['search', 'message'], 0], ['search --json', () => ['--json', 'search', 'message'], 0])
    commands.push(['search with an unbalanced quote', () => ['search', `title:"${HOSTILE}`], 2])
  }
  if (built.has('stats')) commands.push(['stats', () => ['stats'], 0])
  return commands
}

/** The data commands run by the built binary (one of each way out: data, a refused handle, commander's refusal); the rest in-process. */
const SPAWNED_DATA_COMMANDS = new Set(['list', 'show of a handle that does not exist, with candidates', 'an unknown option'])

describe('terminal escapes and bidi controls in stored text and in arguments', () => {
  it.concurrent.each(dataCommands())('%s: nothing raw reaches stdout or stderr', async (name, args, code) => {
    const result = await precisRun(library, args(), { env: { HOME: home }, spawned: SPAWNED_DATA_COMMANDS.has(name) })
    expect(result.code, result.stderr).toBe(code)
    expectTerminalSafe(result.stdout, 'stdout')
    expectTerminalSafe(result.stderr, 'stderr')
    // Shown, not dropped: where the text appears, its escaped form is there for the reader to see.
    const output = result.stdout + result.stderr
    if (output.includes('Evil')) expect(output).toMatch(/\\u001[Bb]/)
  })

  it('--json output parses back to the exact stored text', async () => {
    const result = await precisRun(library, ['--json', 'show', id])
    const [entry] = JSON.parse(result.stdout) as [{ title: string; body: string; venue: string }]
    expect(entry).toMatchObject({ title: HOSTILE, venue: HOSTILE, body: BODY })
  })

  it('show --raw is the exception by contract: it prints the stored Markdown byte for byte (for files and pipes)', async () => {
    // Spawned: the bytes as a pipe receives them.
    const result = await precisOn(library, ['show', id, '--raw'])
    expect(result.stdout).toBe(BODY)
  })

  it('an edited summary that fails validation is reported without raw controls', async () => {
    const editor = join(home, 'editor.sh')
    // YAML errors quote the offending line: here it carries the hostile text.
    writeFileSync(editor, `#!/bin/sh\nprintf -- '---\\ntitle: %s\\nyear: [unclosed\\n---\\nBody\\n' '${HOSTILE}' > "$1"\n`, { mode: 0o755 })
    const result = await precisOn(library, ['edit', id], { env: { HOME: home, EDITOR: editor } })
    expect(result.code).toBe(4)
    expectTerminalSafe(result.stderr, 'stderr')
  })
})

describe('terminal escapes arriving in imported files', () => {
  /** Each import format carrying `hostile` in its text fields. */
  const files = (hostile: string): [string, string, string][] => {
    const bibtexSafe = hostile.replace(/[{}\\]/g, '') // BibTeX would read braces and backslashes as markup
    return [
      [
        'md',
        'note.md',
        `---\ntitle: ${JSON.stringify(hostile)}\nauthors: [${JSON.stringify('Ada ' + hostile)}]\nyear: 2021\ntags: [imported]\n---\n${hostile}\n`,
      ],
      [
        'json',
        'library.json',
        JSON.stringify({
          format: 'precis-library',
          version: 1,
          trash: [],
          papers: [
            {
              key: 'evil2021x',
              title: hostile,
              authors: [hostile],
              year: 2021,
              venue: hostile,
              arxiv: null,
              doi: null,
              url: null,
              abstract: hostile,
              added: '2024-01-01T00:00:00.000Z',
            },
          ],
          summaries: [
            {
              id: 'evil2021x',
              paper: 'evil2021x',
              by: hostile,
              body: hostile,
              tags: ['imported'],
              created: '2024-01-01T00:00:00.000Z',
              updated: '2024-01-01T00:00:00.000Z',
            },
          ],
        }),
      ],
      [
        'bibtex',
        'refs.bib',
        `@article{evil2021x,\n  title = {${bibtexSafe}},\n  author = {Ada ${bibtexSafe}},\n  journal = {${bibtexSafe}},\n  year = 2021,\n  annote = {${bibtexSafe}}\n}\n`,
      ],
    ]
  }

  it.concurrent.each(files(HOSTILE))(
    '%s with C0 controls: the import is refused (exit 4), its message printing nothing raw',
    async (format, name, content) => {
      const spawned = format === 'md'
      const dir = tempDir('precis-import-escapes-')
      const file = join(dir, name === 'library.json' ? 'export.json' : name)
      writeFileSync(file, content)
      const result = await precisRun(join(dir, 'library.json'), ['import', file, '--format', format], { env: { HOME: dir }, spawned })
      expect(result.code, result.stderr).toBe(4)
      expect(result.stderr).toMatch(/contains a control character/)
      expectTerminalSafe(result.stdout + result.stderr, 'import')
    },
  )

  it.concurrent.each(files(HOSTILE_STORABLE))(
    '%s: the import plan, the import, and list and show afterwards print nothing raw',
    async (format, name, content) => {
      const dir = tempDir('precis-import-escapes-')
      const file = join(dir, name === 'library.json' ? 'export.json' : name)
      writeFileSync(file, content)
      const into = join(dir, 'library.json')
      const spawned = format === 'md'
      const run = async (args: string[]) => {
        const result = await precisRun(into, args, { env: { HOME: dir }, spawned })
        expect(result.code, `precis ${args.join(' ')}: ${result.stderr}`).toBe(0)
        expectTerminalSafe(result.stdout + result.stderr, `precis ${args.join(' ')}`)
        return result.stdout
      }
      await run(['import', file, '--format', format, '--dry-run'])
      await run(['import', file, '--format', format])
      const [entry] = JSON.parse(await run(['--json', 'list'])) as { id: string; title: string }[]
      expect(entry?.title).toContain('Evil')
      await run(['list'])
      await run(['show', entry!.id, '--width', '70'])
    },
  )
})

describe('terminal escapes in metadata replies', () => {
  it.each([
    [
      'a DOI reply (CSL-JSON)',
      '10.5555/evil.2',
      'PRECIS_DOI_URL',
      '',
      () => ({
        headers: { 'content-type': 'application/vnd.citationstyles.csl+json' },
        body: JSON.stringify({
          title: HOSTILE,
          author: [{ given: HOSTILE, family: `Evil${HOSTILE}` }],
          'container-title': HOSTILE,
          abstract: HOSTILE,
          issued: { 'date-parts': [[2022]] },
        }),
      }),
    ],
    [
      'an arXiv reply (Atom)',
      'arXiv:2202.00002',
      'PRECIS_ARXIV_URL',
      '/api/query',
      () => ({
        headers: { 'content-type': 'application/atom+xml' },
        body:
          `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2202.00002v1</id><published>2022-02-01T00:00:00Z</published>` +
          `<title>${xmlText(HOSTILE)}</title><summary>${xmlText(HOSTILE)}</summary><author><name>Ada ${xmlText(HOSTILE)}</name></author></entry></feed>`,
      }),
    ],
  ])('%s: add, list and show print nothing raw', async (_, source, variable, path, reply) => {
    const server = await startServer(reply)
    try {
      const dir = tempDir('precis-metadata-escapes-')
      const into = join(dir, 'library.json')
      const env = { HOME: dir, [variable]: server.origin + path }
      const spawned = variable === 'PRECIS_DOI_URL'
      const add = await precisRun(into, ['add', source, '--yes', '--body', 'x'], { env, spawned })
      expect(add.code, add.stderr).toBe(0)
      expectTerminalSafe(add.stdout + add.stderr, 'add')
      for (const args of [['list'], ['show', add.stdout.trim(), '--width', '70']]) {
        const result = await precisRun(into, args, { env, spawned })
        expect(result.code, result.stderr).toBe(0)
        expectTerminalSafe(result.stdout + result.stderr, `precis ${args.join(' ')}`)
      }
    } finally {
      await server.close()
    }
  })
})

/** Text as XML character data: every control character as a numeric reference, as a hostile server would send it. */
function xmlText(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
}

describe('on a colour terminal (in process: spawned children never have one)', () => {
  const lib = libraryOf(
    [
      paper({ key: 'evil2024x', title: HOSTILE_NO_SGR, authors: [HOSTILE_NO_SGR], venue: HOSTILE_NO_SGR, url: HOSTILE_NO_SGR }),
      paper({ key: 'gone2023x', title: HOSTILE_NO_SGR }),
    ],
    [
      summary({ id: 'evil2024x', paper: 'evil2024x', by: HOSTILE_NO_SGR, body: `Message passing ${HOSTILE_NO_SGR}\n`, tags: ['gnn'] }),
      summary({ id: 'gone2023x', paper: 'gone2023x' }),
    ],
  )
  moveToTrash(lib, ['gone2023x'], new Date('2024-05-01T00:00:00Z'))

  it.each([
    ['list', (ctx: Context) => listRun(parseListOptions({}), ctx)],
    ['show', (ctx: Context) => showRun({ handles: ['evil2024x'], raw: false, width: null, images: null }, ctx)],
    ['trash', (ctx: Context) => trashRun({ empty: false, yes: false }, ctx)],
    ['tags', (ctx: Context) => tagsListRun(parseTagsListOptions({}), ctx)],
    ['search', (ctx: Context) => searchRun(parseSearchOptions(['message'], {}), ctx)],
    ['stats', (ctx: Context) => statsRun({ top: 5 }, ctx)],
  ])('%s: only our own colours, everything else escaped', async (_, run) => {
    const ctx = testContext({ tty: true, color: true, columns: 100, library: lib })
    await run(ctx)
    expectTerminalSafe(ctx.stdout(), 'stdout', { colour: true })
    expectTerminalSafe(ctx.stderr(), 'stderr', { colour: true })
  })
})

describe('a file name with a line break, in an error', () => {
  it('stays on the error line, the break shown as \\u000A (README: every error is one line)', async () => {
    const dir = tempDir('precis-escapes-')
    const name = 'paper\nprecis: forged line.pdf'
    writeFileSync(join(dir, name), makePdf({ pages: [['A Paper Without Identifiers']] }))
    const library = join(dir, 'library.json')
    const added = await precisOn(library, ['add', '--title', 'Other', '--author', 'Ann Bee', '--year', '2020', '--no-summary'], {
      cwd: dir,
    })
    expect(added.code, added.stderr).toBe(0)
    for (const args of [
      ['add', name],
      ['attach', 'bee2020other', `missing-${name}`],
    ]) {
      const result = await precisOn(library, args, { cwd: dir })
      expect(result.code, result.stderr).toBe(args[0] === 'add' ? 2 : 3)
      const [first, ...hints] = result.stderr.trimEnd().split('\n')
      expect(first).toMatch(/^precis: .*paper\\u000Aprecis: forged line\.pdf/)
      expect(hints.filter((line) => line.startsWith('precis:'))).toEqual([])
    }
  })
})
