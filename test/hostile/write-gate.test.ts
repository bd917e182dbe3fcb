/**
 * The reproducers of "a command reports success, then the library cannot be read": every value that
 * reaches a record is normalised or refused at the door, so a command that exits 0 leaves a library
 * the next command reads, and a refusal leaves the file exactly as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { fingerprint, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisRun } from './support/in-process.js'
import type { RunResult } from './support/precis.js'

const NORMAL: Record<string, string> = { '--title': 'Normal', '--author': 'Ann Normal', '--year': '2020', '--body': 'notes' }
/** `add` with the normal flags, `flag` set to `value`. */
const addWith = (flag?: string, value?: string) => [
  'add',
  ...Object.entries({ ...NORMAL, ...(flag && { [flag]: value! }) }).flat(),
  '--no-input',
]
const normal = addWith()

function setting() {
  const dir = tempDir('precis-gate-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, smallLibrary())
  return { dir, library, before: fingerprint(library), env: { HOME: dir, PRECIS_CACHE_DIR: join(dir, 'cache') } }
}

/** The command succeeded and the library still reads, by precis itself (the binary when `spawned`) and by the schema. */
async function expectReadable(result: RunResult, library: string, spawned = false): Promise<void> {
  expect(result.code, result.stderr).toBe(0)
  const list = await precisRun(library, ['list', '--json'], { spawned })
  expect(list.code, list.stderr).toBe(0)
  const lib = readLibraryFile(library)
  for (const p of lib.papers) expect(p.key.length).toBeLessThanOrEqual(200)
  for (const s of lib.summaries) expect(s.id.length).toBeLessThanOrEqual(210)
}

/** Refused with `code`, the reason in the user's terms, the file untouched. */
function expectRefused(result: RunResult, code: number, reason: RegExp, library: string, before: string): void {
  expect(result.signal).toBeNull()
  expect(result.code, result.stderr).toBe(code)
  expect(result.stderr).toMatch(reason)
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
  expect(fingerprint(library)).toBe(before)
}

describe('long titles and names make keys within their limit', () => {
  it('a 195-character title, added after a normal one: exit 0, and list reads the library', async () => {
    const { library } = setting()
    expect((await precisRun(library, normal, { spawned: true })).code).toBe(0)
    const long = await precisRun(
      library,
      ['add', '--title', 'x'.repeat(195), '--author', 'Bob Long', '--year', '2021', '--body', 'b', '--no-input'],
      { spawned: true },
    )
    await expectReadable(long, library, true)
    expect(long.stdout.trim().length).toBeLessThanOrEqual(200)
  })

  it('a 190-character family name', async () => {
    const { library } = setting()
    await expectReadable(
      await precisRun(library, [
        'add',
        '--title',
        'Long Names',
        '--author',
        `Ann ${'y'.repeat(190)}`,
        '--year',
        '2021',
        '--body',
        'b',
        '--no-input',
      ]),
      library,
    )
  })

  it('long titles with the same first word, added three times: collision suffixes stay within the limit too', async () => {
    const { library } = setting()
    for (let i = 0; i < 3; i++) {
      await expectReadable(
        await precisRun(library, [
          'add',
          '--title',
          `${'z'.repeat(195)} ${i}`,
          '--author',
          `Bob ${'q'.repeat(190)}`,
          '--year',
          '2021',
          '--body',
          `b${i}`,
          '--no-input',
        ]),
        library,
      )
    }
  })

  it('a Markdown import of a 195-character title', async () => {
    const { dir, library } = setting()
    const file = join(dir, 'long.md')
    writeFileSync(file, `---\ntitle: ${'w'.repeat(195)}\nauthors: [${'f'.repeat(190)}, Ann]\nyear: 2021\n---\nbody\n`)
    await expectReadable(await precisRun(library, ['import', file]), library)
  })

  it('a Markdown import of a title over 1000 characters: refused, naming the field', async () => {
    const { dir, library, before } = setting()
    const file = join(dir, 'huge.md')
    writeFileSync(file, `---\ntitle: ${'w'.repeat(4_900_000)}\n---\nbody\n`)
    expectRefused(
      await precisRun(library, ['import', file]),
      4,
      /huge\.md: title is longer than 1000 characters \(4900000\)/,
      library,
      before,
    )
  })
})

describe('a hostile metadata reply', () => {
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('a 4.9 MB one-word title from a DOI reply: stored cut, with a key within its limit', async () => {
    const { library, env } = setting()
    const title = 'T'.repeat(4_900_000)
    server = await startServer(() => ({
      headers: { 'content-type': 'application/vnd.citationstyles.csl+json' },
      body: JSON.stringify({
        DOI: '10.5555/huge',
        type: 'article',
        title,
        author: [{ given: 'Eve', family: 'Huge' }],
        issued: { 'date-parts': [[2020]] },
      }),
    }))
    const result = await precisRun(library, ['add', '10.5555/huge', '--body', 'b', '--tag', 'x', '--no-input'], {
      env: { ...env, PRECIS_DOI_URL: server.origin },
      spawned: true,
    })
    await expectReadable(result, library, true)
    const stored = readLibraryFile(library).papers.find((p) => p.doi === '10.5555/huge')!
    expect(stored.title.length).toBeLessThanOrEqual(1000)
    expect(stored.key.length).toBeLessThanOrEqual(200)
  })
})

describe('dates in Markdown front matter', () => {
  const invalid = [
    ['created', '2020-02-30T00:00:00Z'],
    ['updated', '2020-06-31T00:00:00Z'],
    ['added', '2020-01-01T24:00:00Z'],
    ['created', '+012020-01-01T00:00:00Z'],
    ['added', '2019-02-29T00:00:00Z'],
  ]
  it.each(invalid)('%s: %s is refused with the field name, exit 4, nothing written', async (field, value) => {
    const { dir, library, before } = setting()
    const file = join(dir, 'dated.md')
    writeFileSync(file, `---\ntitle: Dated\n${field}: ${value}\n---\nbody\n`)
    expectRefused(
      await precisRun(library, ['import', file], { spawned: value === invalid[0]![1] }),
      4,
      new RegExp(`dated\\.md: ${field} is not a date: "${value.replace(/[+.]/g, '\\$&')}"`),
      library,
      before,
    )
  })

  const valid = [
    ['created', '2020-01-01T10:00Z', '2020-01-01T10:00:00Z'],
    ['updated', '2020-01-01T10:00+02:00', '2020-01-01T10:00:00+02:00'],
    ['added', '2020-03-01', '2020-03-01T00:00:00Z'],
  ]
  it.each(valid)('%s: %s is accepted and stored as %s', async (field, value, stored) => {
    const { dir, library } = setting()
    const file = join(dir, 'dated.md')
    writeFileSync(file, `---\ntitle: Dated\n${field}: ${value}\n---\nbody\n`)
    const spawned = value === valid[0]![1]
    await expectReadable(await precisRun(library, ['import', file], { spawned }), library, spawned)
    const lib = readLibraryFile(library)
    const p = lib.papers.find((x) => x.title === 'Dated')!
    const s = lib.summaries.find((x) => x.paper === p.key)!
    expect(field === 'added' ? p.added : s[field as 'created' | 'updated']).toBe(stored)
  })
})

describe('text the Markdown round trip cannot carry', () => {
  /** A library file whose one summary's body is `body`, written as JSON text (escapes and all). */
  const jsonLibrary = (body: string) =>
    JSON.stringify({
      format: 'precis-library',
      version: 1,
      papers: [
        {
          key: 'k2020x',
          title: 'X',
          authors: [],
          year: 2020,
          venue: null,
          arxiv: null,
          doi: null,
          url: null,
          abstract: null,
          added: '2020-01-01T00:00:00Z',
        },
      ],
      summaries: [
        { id: 'k2020x', paper: 'k2020x', by: '', body: 'BODY', tags: [], created: '2020-01-01T00:00:00Z', updated: '2020-01-01T00:00:00Z' },
      ],
      trash: [],
    }).replace('"BODY"', body)

  const unstorable = [
    ['a NUL', '"b\\u0000c"', /summary "k2020x": body contains a NUL character at character 2/],
    ['a lone high surrogate', '"x\\ud800"', /body contains a lone surrogate \(U\+D800, half of a character\) at character 2/],
    ['a lone low surrogate', '"\\udc00 x"', /U\+DC00/],
    ['an escape character on line 2', '"line one\\nab\\u001b[31m"', /body contains a control character \(U\+001B\) at line 2, column 3/],
  ] as const
  it.each(unstorable)('a JSON import with %s in a body: exit 4, naming the field and position', async (_case, body, reason) => {
    const { dir, library, before } = setting()
    const file = join(dir, 'in.json')
    writeFileSync(file, jsonLibrary(body))
    expectRefused(await precisRun(library, ['import', file], { spawned: body === unstorable[0][1] }), 4, reason, library, before)
  })

  it('tab, CRLF and a paired surrogate (an emoji) are kept', async () => {
    const { dir, library } = setting()
    const file = join(dir, 'in.json')
    writeFileSync(file, jsonLibrary('"a\\tb\\r\\nc \\ud83d\\ude00"'))
    await expectReadable(await precisRun(library, ['import', file]), library)
    expect(readLibraryFile(library).summaries.find((s) => s.id === 'k2020x')!.body).toBe('a\tb\r\nc 😀')
  })

  it('an escape character in a Markdown title: exit 4', async () => {
    const { dir, library, before } = setting()
    const file = join(dir, 'esc.md')
    writeFileSync(file, '---\ntitle: "A \\e[2J title"\n---\nbody\n')
    expectRefused(
      await precisRun(library, ['import', file]),
      4,
      /esc\.md: title contains a control character \(U\+001B\) at character 3/,
      library,
      before,
    )
  })

  const controlFlags = [
    ['--title', 'a\u0007bell'],
    ['--author', 'Ann\u0001 Control'],
    ['--venue', 'V\u001bnue'],
    ['--by', 'Eve\u0008'],
    ['--body', 'body\u0002'],
  ]
  it.each(controlFlags)('%s with a control character: exit 2, naming the flag and the position', async (flag, value) => {
    const { library, before } = setting()
    expectRefused(
      await precisRun(library, addWith(flag, value), { spawned: flag === controlFlags[0]![0] }),
      2,
      new RegExp(`${flag}( \\(name 1\\))? contains a control character \\(U\\+00`),
      library,
      before,
    )
  })

  it('summary text with a control character saved in $EDITOR: exit 4, the text kept where the message says', async () => {
    const { dir, library, before } = setting()
    const text = 'typed in the editor\u0007 with a bell\n'
    writeFileSync(join(dir, 'typed'), text)
    const editor = join(dir, 'editor.sh')
    writeFileSync(editor, `#!/bin/sh\ncat '${join(dir, 'typed')}' > "$1"\n`, { mode: 0o755 })
    // Spawned: $EDITOR runs as precis's child, with precis's environment.
    const result = await precisRun(library, ['add', '--title', 'T', '--author', 'A B', '--edit'], {
      env: { HOME: dir, EDITOR: editor },
      spawned: true,
    })
    expectRefused(result, 4, /cannot be stored: it contains a control character \(U\+0007\) at line 1, column 20/, library, before)
    const kept = /Your text is kept at (.+)$/m.exec(result.stderr)?.[1]
    expect(kept && readFileSync(kept, 'utf8')).toBe(text)
  })

  it('summary text with a control character from a file: exit 4 naming the file', async () => {
    const { dir, library, before } = setting()
    const file = join(dir, 'notes.md')
    writeFileSync(file, 'first line\nsecond \u0007 line\n')
    expectRefused(
      await precisRun(library, ['add', '--title', 'T', '--author', 'A B', '--file', file, '--no-input']),
      4,
      /notes\.md cannot be stored: it contains a control character \(U\+0007\) at line 2, column 8/,
      library,
      before,
    )
  })
})

describe('identifiers are validated before they become fields', () => {
  const badIdentifiers = [
    ['add', '--arxiv', 'not an id', /--arxiv is not an arXiv id/],
    ['add', '--url', 'javascript:alert(document.cookie)', /--url is not an http or https link/],
    ['add', '--url', 'file:///etc/passwd', /--url is not an http or https link/],
    ['add', '--doi', '10.1234/a\u0001b', /--doi contains a control character/],
    ['add', '--doi', '11.1234/abc', /--doi is not a DOI/],
    ['edit', '--url', 'javascript:void(0)', /--url is not an http or https link/],
    ['edit', '--arxiv', '1704', /--arxiv is not an arXiv id/],
  ] as const
  it.each(badIdentifiers)('%s %s %j: exit 2, nothing written', async (command, flag, value, reason) => {
    const { library, before } = setting()
    const args = command === 'add' ? [...normal, flag, value] : ['edit', 'gilmer2017neural', flag, value]
    expectRefused(await precisRun(library, args, { spawned: value === badIdentifiers[0][2] }), 2, reason, library, before)
  })

  it('identifiers are stored in their canonical form', async () => {
    const { library } = setting()
    const result = await precisRun(library, [
      ...normal,
      '--arxiv',
      'arXiv:2101.00001v3',
      '--doi',
      'https://doi.org/10.5555/ABC',
      '--url',
      ' https://example.org/paper ',
    ])
    await expectReadable(result, library)
    expect(readLibraryFile(library).papers.find((p) => p.title === 'Normal')).toMatchObject({
      arxiv: '2101.00001',
      doi: '10.5555/abc',
      url: 'https://example.org/paper',
    })
  })

  it('a Markdown import with a javascript: url: exit 4 naming the field', async () => {
    const { dir, library, before } = setting()
    const file = join(dir, 'link.md')
    writeFileSync(file, '---\ntitle: Link\nurl: "javascript:alert(1)"\n---\nbody\n')
    expectRefused(await precisRun(library, ['import', file]), 4, /link\.md: url is not an http or https link/, library, before)
  })
})
