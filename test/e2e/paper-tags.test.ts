/**
 * Tags on a queued paper through the built binary: the issue's own `add <id> --to-read --tag thesis`
 * then `list state:to-read tag:thesis`, with arXiv served from a local server.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { startServer, type TestServer } from '../unit/sources/server.js'

const ARXIV_ENTRY = readFileSync(new URL('../fixtures/sources/arxiv/entry.xml', import.meta.url))

describe('a queued paper tagged with add --to-read --tag', () => {
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('is found by list state:to-read tag:thesis, counted by tags, and its summary takes the tag over', async () => {
    server = await startServer(() => ({ body: ARXIV_ENTRY, headers: { 'content-type': 'application/atom+xml' } }))
    const dir = tempDir('precis-paper-tags-')
    const library = join(dir, 'library.json')
    const env = { PRECIS_ARXIV_URL: `${server.origin}/api/query`, XDG_CACHE_HOME: join(dir, 'cache') }
    const run = (args: string[]) => runPrecis(['--library', library, ...args], { env })

    // Another queued paper, untagged: the filter must tell them apart.
    const other = await run(['add', '--title', 'Another Paper', '--author', 'Ann Other', '--year', '2020', '--to-read'])
    expect(other.code, other.stderr).toBe(0)
    const added = await run(['add', 'arXiv:2003.10555', '--to-read', '--tag', 'thesis'])
    expect(added.code, added.stderr).toBe(0)
    const key = added.stdout.trim()
    expect(server.requests.some((request) => request.url.includes('id_list=2003.10555'))).toBe(true)
    const stored = JSON.parse(readFileSync(library, 'utf8')) as { papers: Record<string, unknown>[] }
    expect(stored.papers.find((p) => p.key === key)).toMatchObject({ state: 'to-read', tags: ['thesis'] })

    const listed = await run(['list', 'state:to-read', 'tag:thesis'])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).toMatch(new RegExp(`^${key}\\t2020\\t[^\\t]+\\tthesis\\n$`))
    // The same answer from a scan of the text (a word beside the filters), and from --json.
    const scanned = await run(['list', 'state:to-read', 'tag:thesis', 'discriminators'])
    expect(scanned.stdout.split('\t')[0]).toBe(key)
    const json = await run(['list', '--json', 'tag:thesis'])
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ id: key, state: 'to-read', tags: ['thesis'] })])
    const tags = await run(['tags', '--json'])
    expect(JSON.parse(tags.stdout)).toEqual([{ tag: 'thesis', count: 1, own: 1 }])

    // Writing the summary: the tag goes on with it, the paper keeps none, and it is read.
    const summarised = await run(['add', key, '--body', 'Replaced token detection.'])
    expect(summarised.code, summarised.stderr).toBe(0)
    const after = JSON.parse(readFileSync(library, 'utf8')) as { papers: Record<string, unknown>[]; summaries: Record<string, unknown>[] }
    expect(after.papers.find((p) => p.key === key)).not.toHaveProperty('tags')
    expect(after.summaries).toEqual([expect.objectContaining({ paper: key, tags: ['thesis'] })])
    expect((await run(['list', 'state:to-read', 'tag:thesis'])).stdout).toBe('')
    expect((await run(['list', 'state:read', 'tag:thesis'])).stdout.split('\t')[0]).toBe(key)
  })
})
