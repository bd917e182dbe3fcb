import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LIBRARY_VERSION } from '../../src/core/model.js'
import { runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { startServer, type TestServer } from '../unit/sources/server.js'

const FIXTURE = new URL('../fixtures/store/library-v1.json', import.meta.url)
const ARXIV_ENTRY = readFileSync(new URL('../fixtures/sources/arxiv/entry.xml', import.meta.url))

/** A copy of the version-1 library in a fresh folder. */
function versionOneLibrary(): { dir: string; library: string; bytes: Buffer } {
  const dir = tempDir('precis-upgrade-')
  const library = join(dir, 'library.json')
  copyFileSync(FIXTURE, library)
  return { dir, library, bytes: readFileSync(library) }
}

const versionOf = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: number }).version

describe('a version-1 library', () => {
  it('is read as it is, without a write: list, show, the queue and state: queries', async () => {
    const { dir, library, bytes } = versionOneLibrary()
    const mtime = statSync(library).mtimeMs
    for (const args of [['list'], ['show', 'gilmer2017neural', '--raw'], ['queue'], ['list', 'state:read'], ['list', '--json']]) {
      const result = await runPrecis(['--library', library, ...args])
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
    }
    const read = await runPrecis(['--library', library, 'list', 'state:read'])
    expect(
      read.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(['rasmussen2004gaussian', 'gilmer2017neural'])
    const none = await runPrecis(['--library', library, 'list', 'state:none'])
    expect(none.stdout).toMatch(/^kipf2017semi\t/)
    expect(readFileSync(library).equals(bytes)).toBe(true)
    expect(statSync(library).mtimeMs).toBe(mtime)
    expect(readdirSync(dir)).toEqual(['library.json'])
  })

  it('is upgraded by the first write, after a copy of it is kept as library.json.v1.bak; the data stay as they were', async () => {
    const { dir, library, bytes } = versionOneLibrary()
    const queued = await runPrecis(['--library', library, 'queue', 'add', 'kipf2017semi', '--priority', '1'])
    expect(queued.code, queued.stderr).toBe(0)
    expect(queued.stderr).toContain(
      `Upgraded the library ${library} from format version 1 to ${LIBRARY_VERSION}; the version-1 file is kept as ${library}.v1.bak`,
    )
    expect(readFileSync(`${library}.v1.bak`).equals(bytes)).toBe(true)
    expect(versionOf(library)).toBe(LIBRARY_VERSION)
    const before = JSON.parse(bytes.toString('utf8')) as { papers: Record<string, unknown>[]; summaries: unknown[] }
    const after = JSON.parse(readFileSync(library, 'utf8')) as typeof before
    expect(after.summaries).toEqual(before.summaries)
    expect(after.papers).toEqual(before.papers.map((p) => (p.key === 'kipf2017semi' ? { ...p, state: 'to-read', priority: 1 } : p)))

    // The next write is an ordinary one: the kept copy stays the version-1 file.
    const again = await runPrecis(['--library', library, 'queue', 'start', 'kipf2017semi'])
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).not.toContain('Upgraded')
    expect(readFileSync(`${library}.v1.bak`).equals(bytes)).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(['library.json', 'library.json.bak', 'library.json.v1.bak'])

    // The kept copy is itself a library precis reads.
    const old = await runPrecis(['--library', `${library}.v1.bak`, 'list', 'state:none'])
    expect(old.stdout).toMatch(/^kipf2017semi\t/)
  })
})

describe('a library written by a newer precis', () => {
  const newer = (dir: string) => {
    const library = join(dir, 'library.json')
    const file = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>
    // What a newer precis might write: a version above ours and fields we do not know.
    writeFileSync(library, JSON.stringify({ ...file, version: LIBRARY_VERSION + 1, shelves: [{ name: 'x' }] }, null, 2))
    copyFileSync(FIXTURE, `${library}.bak`) // an older backup, good to read: nothing may put it back over the newer file
    return library
  }

  it.each([
    [['list']],
    [['show', 'gilmer2017neural']],
    [['queue']],
    [['queue', 'add', 'kipf2017semi']],
    [['tag', 'gilmer2017neural', '+new']],
    [['add', '--title', 'A new paper', '--author', 'Ada Lovelace', '--body', 'x']],
    [['export', '--format', 'json']],
    [['doctor', '--fix']],
    [['doctor', '--restore-backup', '--yes']],
  ])('precis %j exits 4 with a clear message and leaves the file and folder as they were', async (args) => {
    const dir = tempDir('precis-newer-')
    const library = newer(dir)
    const bytes = readFileSync(library)
    const mtime = statSync(library).mtimeMs
    const result = await runPrecis(['--library', library, ...args])
    expect(result.code, result.stderr).toBe(4)
    expect(result.stderr).toContain(
      `${library} was written by a newer precis (library format version ${LIBRARY_VERSION + 1}; this precis knows up to ${LIBRARY_VERSION})`,
    )
    expect(result.stderr).toContain('Upgrade precis to use it')
    expect(result.stderr).not.toContain('backup') // not damaged: going back to a backup would lose the newer precis's work
    expect(result.stdout).toBe('')
    expect(readFileSync(library).equals(bytes)).toBe(true)
    expect(statSync(library).mtimeMs).toBe(mtime)
    expect(readdirSync(dir).sort()).toEqual(['library.json', 'library.json.bak'])
  })

  it('import of a newer JSON export is refused the same way', async () => {
    const dir = tempDir('precis-newer-')
    const exported = newer(dir)
    const library = join(dir, 'mine.json')
    const result = await runPrecis(['--library', library, 'import', exported])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('was written by a newer precis')
  })
})

describe('the reading queue from the command line', () => {
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('add <arXiv id> --to-read fetches the paper and queues it without a summary; list state:to-read tag:thesis filters by both', async () => {
    server = await startServer(() => ({ body: ARXIV_ENTRY, headers: { 'content-type': 'application/atom+xml' } }))
    const { library } = versionOneLibrary()
    const env = { PRECIS_ARXIV_URL: `${server.origin}/api/query` }
    const added = await runPrecis(['--library', library, 'add', 'arXiv:2003.10555', '--to-read', '--priority', '2', '--yes'], { env })
    expect(added.code, added.stderr).toBe(0)
    const key = added.stdout.trim()
    expect(server.requests.some((request) => request.url.includes('id_list=2003.10555'))).toBe(true)

    const queue = await runPrecis(['--library', library, 'queue', '--json'])
    expect(JSON.parse(queue.stdout)).toEqual([
      expect.objectContaining({ key, state: 'to-read', priority: 2, arxiv: '2003.10555', summaries: 0 }),
    ])
    const listed = await runPrecis(['--library', library, 'list', 'state:to-read'])
    expect(listed.stdout.split('\t')[0]).toBe(key)

    // A queued paper with the thesis tag: gilmer has it (and a summary), queued again for a re-read.
    expect((await runPrecis(['--library', library, 'queue', 'add', 'gilmer2017neural'])).code).toBe(0)
    const thesis = await runPrecis(['--library', library, 'list', 'state:to-read', 'tag:thesis'])
    expect(thesis.code, thesis.stderr).toBe(0)
    expect(thesis.stdout).toBe('gilmer2017neural\t2017\tNeural Message Passing for Quantum Chemistry\tthesis,ml/gnn\n')
    const shown = await runPrecis(['--library', library, 'show', key])
    expect(shown.stdout).toContain('to read')

    // Writing its summary marks the paper read: it leaves the queue.
    const summarised = await runPrecis(['--library', library, 'add', key, '--body', 'Replaced token detection.'])
    expect(summarised.code, summarised.stderr).toBe(0)
    const after = await runPrecis(['--library', library, 'queue'])
    expect(
      after.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(['gilmer2017neural'])
    const read = await runPrecis(['--library', library, 'list', '--json', `id:${key}`])
    expect(JSON.parse(read.stdout)).toEqual([expect.objectContaining({ state: 'read', priority: null })])
  })
})
