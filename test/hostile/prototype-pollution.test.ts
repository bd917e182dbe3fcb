import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisInProcess } from './support/in-process.js'
import { builtCommands } from './support/precis.js'
import { runGuarded } from './support/prototype-guard.js'
import { expectTerminalSafe } from './support/terminal.js'

const NAMES = ['__proto__', 'constructor', 'prototype']
const POISON = { polluted: 'yes' }

/** JSON text with `__proto__` as a real key (an object literal's `__proto__` would set the prototype instead). */
function withProtoKeys(value: object): string {
  return JSON.stringify(value).replace(
    /^\{/,
    `{"__proto__": ${JSON.stringify(POISON)}, "constructor": {"prototype": ${JSON.stringify(POISON)}},`,
  )
}

function libraryWithPoisonedKeys(): string {
  const lib = smallLibrary()
  return withProtoKeys({
    ...lib,
    papers: lib.papers.map((p) => JSON.parse(withProtoKeys(p)) as unknown),
    summaries: lib.summaries.map((s) => JSON.parse(withProtoKeys(s)) as unknown),
  })
}

let server: TestServer
let home: string

beforeAll(async () => {
  home = tempDir('precis-proto-')
  server = await startServer((url) => {
    if (url.pathname.includes('10.5555')) {
      const csl = withProtoKeys({
        title: '__proto__ \u001b[2J\u202e evil',
        author: [{ family: '__proto__', given: 'constructor' }, { family: 'prototype' }],
        issued: { 'date-parts': [[2021]] },
      })
      return { headers: { 'content-type': 'application/vnd.citationstyles.csl+json' }, body: csl }
    }
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2101.00001v1</id>
      <published>2021-01-01T00:00:00Z</published><title>constructor &#x1B;]0;pwned&#x7; prototype</title><summary>__proto__</summary>
      <author><name>__proto__</name></author><author><name>constructor prototype</name></author></entry></feed>`
    return { headers: { 'content-type': 'application/atom+xml' }, body: atom }
  })
})

afterAll(() => server.close())

/** A library that already holds records named like prototype properties. */
function seededLibrary(): string {
  const library = join(tempDir('precis-proto-lib-'), 'library.json')
  writeLibraryFile(library, smallLibrary())
  return library
}

/**
 * Run precis on the library under the prototype guard, by default the built binary in its own process;
 * `inProcess` runs main() in this process instead (for the runs beside one that spawned the binary).
 */
async function expectClean(
  args: string[],
  codes: number[],
  options: { library?: string; env?: Record<string, string>; input?: string; inProcess?: boolean } = {},
) {
  const library = options.library ?? seededLibrary()
  const env = { HOME: home, ...options.env }
  const result = options.inProcess
    ? await precisInProcess(library, args, { env, stdin: options.input })
    : await runGuarded(['--library', library, ...args], { env, input: options.input })
  expect(codes, `precis ${args.join(' ')}: ${result.stderr}`).toContain(result.code)
  expect(result.prototypes).toEqual({ gained: [], polluted: null })
  expectTerminalSafe(result.stdout + result.stderr, `precis ${args.join(' ')}`)
  return { result, library }
}

describe('__proto__, constructor and prototype never reach a prototype', () => {
  it('as title, author, "by" and tags through flags: stored exactly as data', async () => {
    const { result, library } = await expectClean(
      [
        'add',
        '--title',
        '__proto__',
        '--author',
        'constructor',
        '--by',
        'prototype',
        ...NAMES.flatMap((t) => ['--tag', t]),
        '--year',
        '2020',
        '--body',
        '__proto__',
      ],
      [0],
    )
    const stored = readLibraryFile(library).summaries.find((s) => s.id === result.stdout.trim())
    expect(stored?.tags).toEqual(NAMES)
    expect(stored?.by).toBe('prototype')
  })

  it.concurrent.each(NAMES)('as a handle (%s) in show, edit, rm and restore', async (name) => {
    const library = seededLibrary()
    await expectClean(['show', name], [3], { library })
    for (const args of [
      ['edit', name, '--title', 'x'],
      ['rm', name, '--yes'],
      ['restore', name],
    ]) {
      await expectClean(args, [3], { library, inProcess: true })
    }
  })

  it('as keys of the library file, at every level: dropped on read, gone after the next write', async () => {
    const library = seededLibrary()
    writeFileSync(library, libraryWithPoisonedKeys())
    await expectClean(['list'], [0], { library })
    await expectClean(['add', '--title', 'After poison', '--author', 'Ada Clean', '--year', '2024', '--body', 'x'], [0], {
      library,
      inProcess: true,
    })
    expect(readFileSync(library, 'utf8')).not.toContain('polluted')
    expect(readLibraryFile(library).summaries).toHaveLength(smallLibrary().summaries.length + 1)
  })

  it('as front matter keys from $EDITOR: refused as unknown fields, text kept', async () => {
    const editor = join(home, 'proto-editor.sh')
    writeFileSync(editor, `#!/bin/sh\nsed -i '1a __proto__:\\n  polluted: yes\\nconstructor:\\n  prototype:\\n    polluted: yes' "$1"\n`, {
      mode: 0o755,
    })
    const { result } = await expectClean(['edit', 'gilmer2017neural-2'], [4], { env: { EDITOR: editor } })
    expect(result.stderr).toContain('__proto__: unknown field')
    expect(result.stderr).toContain('Your text is kept at')
  })

  it('in a DOI service reply (CSL-JSON with __proto__ keys and names)', async () => {
    const { library } = await expectClean(['add', '10.5555/proto.1', '--yes', '--body', 'x', '--tag', 'doi'], [0], {
      env: { PRECIS_DOI_URL: server.origin },
    })
    const paper = readLibraryFile(library).papers.find((p) => p.doi?.toLowerCase() === '10.5555/proto.1')
    expect(paper?.authors.join(' ')).toContain('__proto__')
  })

  it('in an arXiv reply (names and title)', async () => {
    const { library } = await expectClean(['add', 'arXiv:2101.00001', '--yes', '--body', 'x'], [0], {
      env: { PRECIS_ARXIV_URL: `${server.origin}/api/query` },
      inProcess: true,
    })
    expect(readLibraryFile(library).papers.find((p) => p.arxiv === '2101.00001')?.authors).toContain('__proto__')
  })

  it('in CSL-JSON, RIS, Zotero and Better BibTeX imports: as keys, citation keys, tags, collections and roles', async () => {
    const name = (family: string) => JSON.parse(withProtoKeys({ family, given: 'constructor' })) as unknown
    const csl = `[${withProtoKeys({ id: '__proto__', title: 'constructor', author: [name('__proto__')], keyword: '__proto__, constructor', annote: 'prototype' })}]`
    const item = {
      itemID: 1,
      itemType: 'journalArticle',
      title: 'prototype',
      citationKey: 'constructor',
      creators: [{ creatorType: '__proto__', lastName: 'x' }],
      tags: [{ tag: '__proto__' }],
      notes: ['<p>__proto__</p>'],
      collections: ['prototype'],
    }
    const zotero = withProtoKeys({
      config: { label: 'BetterBibTeX JSON' },
      collections: JSON.parse(withProtoKeys({ prototype: { name: '__proto__', parent: '__proto__', items: [1] } })) as unknown,
      items: [JSON.parse(withProtoKeys(item)) as unknown],
    })
    const ris =
      'TY  - JOUR\nID  - __proto__\nTI  - constructor\nAU  - prototype, __proto__\nA2  - constructor, x\nKW  - __proto__\nN1  - prototype\nER  - \n'
    const library = seededLibrary()
    const files = [
      ['proto-csl.json', csl],
      ['proto-bbt.json', zotero],
      ['proto.ris', ris],
    ].map(([file, text]) => {
      writeFileSync(join(home, file!), text!)
      return join(home, file!)
    })
    await expectClean(['import', ...files, '--on-conflict', 'keep-both'], [0], { library })
    const stored = readLibraryFile(library)
    expect(readFileSync(library, 'utf8')).not.toContain('polluted')
    expect(stored.papers.map((p) => p.title)).toEqual(expect.arrayContaining(['constructor', 'prototype']))
    expect(stored.summaries.flatMap((s) => s.tags)).toEqual(expect.arrayContaining(['__proto__']))
  })

  it('in every other command the build has, on a library full of such names', async () => {
    const built = builtCommands()
    const library = seededLibrary()
    await expectClean(
      [
        'add',
        '--title',
        'constructor',
        '--author',
        '__proto__',
        ...NAMES.flatMap((t) => ['--tag', t]),
        '--year',
        '2021',
        '--body',
        'prototype',
      ],
      [0],
      { library },
    )
    const runs: [string[], number[]][] = [
      [['list'], [0]],
      [['--json', 'list'], [0]],
      [['trash'], [0]],
    ]
    if (built.has('tags'))
      runs.push([['tags'], [0]], [['tags', 'rename', '__proto__', 'constructor'], [0]], [['tags', 'rm', 'prototype', '--yes'], [0]])
    if (built.has('tag')) runs.push([['tag', 'gilmer2017neural', '+__proto__', '+constructor'], [0]])
    if (built.has('search'))
      runs.push(
        [['search', '__proto__'], [0]],
        [['search', 'tag:constructor'], [0]],
        [
          ['search', '__proto__:x'],
          [0, 2],
        ],
      )
    if (built.has('stats')) runs.push([['stats'], [0]], [['--json', 'stats'], [0]])
    if (built.has('import')) {
      const file = join(home, 'poisoned.json')
      writeFileSync(file, libraryWithPoisonedKeys())
      runs.push([['import', file, '--format', 'json', '--on-conflict', 'keep-both'], [0]])
    }
    for (const [args, codes] of runs) await expectClean(args, codes, { library, inProcess: true })
    expect(readFileSync(library, 'utf8')).not.toContain('polluted')
  })
})
