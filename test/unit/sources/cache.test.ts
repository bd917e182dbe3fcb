import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir, homedir } from 'node:os'
import { basename, dirname, join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Source } from '../../../src/core/papers/identifiers.js'
import { cacheDir, cacheFile, readCached, writeCached } from '../../../src/sources/cache.js'
import type { PaperMetadata } from '../../../src/core/papers/metadata.js'

const metadata: PaperMetadata = {
  title: 'Cached Paper',
  authors: ['Ann Author'],
  year: 2021,
  venue: null,
  arxiv: '2101.00001',
  doi: null,
  url: 'https://arxiv.org/abs/2101.00001',
  abstract: null,
  primaryCategory: 'cs.LG',
  version: 'v1',
  journalRef: null,
}
const arxiv: Source = { kind: 'arxiv', id: '2101.00001', version: null }
const now = new Date('2024-03-01T12:00:00.000Z')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'precis-cache-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('cacheDir', () => {
  it.each<[Record<string, string>, string]>([
    [{ PRECIS_CACHE_DIR: '/tmp/pc', XDG_CACHE_HOME: '/x' }, '/tmp/pc'],
    [{ XDG_CACHE_HOME: '/xdg/cache', HOME: '/home/u' }, '/xdg/cache/precis'],
    [{ XDG_CACHE_HOME: 'relative/cache', HOME: '/home/u' }, '/home/u/.cache/precis'],
    [{ HOME: '/home/u' }, '/home/u/.cache/precis'],
    [{}, join(homedir(), '.cache', 'precis')],
  ])('%j → %s', (env, expected) => {
    expect(cacheDir(env)).toBe(expected)
  })
})

describe('cacheFile', () => {
  it.each<Source>([
    { kind: 'arxiv', id: '2003.10555', version: null },
    { kind: 'arxiv', id: 'math/0501234', version: 'v2' },
    { kind: 'doi', doi: '10.1000/../../etc/passwd' },
    { kind: 'doi', doi: '10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0' },
    { kind: 'doi', doi: `10.1000/${'x'.repeat(500)}` },
  ])('keeps %j inside the cache folder under a safe, short name', (source) => {
    const file = cacheFile('/cache', source)
    expect(relative('/cache', file).startsWith('..')).toBe(false)
    expect(dirname(file)).toBe(join('/cache', 'sources', source.kind))
    expect(basename(file)).toMatch(/^[A-Za-z0-9._-]{1,100}\.json$/)
  })

  it('gives ids that slug alike different files', () => {
    const a = cacheFile('/cache', { kind: 'doi', doi: '10.1000/a_b' })
    const b = cacheFile('/cache', { kind: 'doi', doi: '10.1000/a/b' })
    expect(a).not.toBe(b)
  })

  it('does not depend on the version asked for', () => {
    expect(cacheFile('/c', { kind: 'arxiv', id: '2003.10555', version: 'v3' })).toBe(
      cacheFile('/c', { kind: 'arxiv', id: '2003.10555', version: null }),
    )
  })
})

describe('readCached / writeCached', () => {
  it('round-trips metadata with the time it was fetched, leaving no temp files', async () => {
    await writeCached(dir, arxiv, metadata, now)
    expect(await readCached(dir, arxiv)).toEqual({ metadata, fetched: '2024-03-01T12:00:00.000Z' })
    expect(await readdir(join(dir, 'sources', 'arxiv'))).toEqual([basename(cacheFile(dir, arxiv))])
  })

  it('replaces an older entry', async () => {
    await writeCached(dir, arxiv, metadata, now)
    await writeCached(dir, arxiv, { ...metadata, title: 'Newer Title' }, new Date('2024-04-01T00:00:00Z'))
    expect((await readCached(dir, arxiv))?.metadata.title).toBe('Newer Title')
  })

  it('misses when nothing is cached', async () => {
    expect(await readCached(dir, { kind: 'doi', doi: '10.1000/none' })).toBeNull()
  })

  it.each([
    ['not JSON', '{"source": "arxiv:2101.00001", '],
    ['an invalid record', JSON.stringify({ source: 'arxiv:2101.00001', fetched: now.toISOString(), metadata: { title: '' } })],
    ["another paper's entry", JSON.stringify({ source: 'arxiv:9999.99999', fetched: now.toISOString(), metadata })],
    ['a __proto__ payload', '{"__proto__": {"source": "arxiv:2101.00001"}, "metadata": {}}'],
  ])('treats %s as a miss', async (_what, text) => {
    const file = cacheFile(dir, arxiv)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, text)
    expect(await readCached(dir, arxiv)).toBeNull()
  })

  it('treats a named pipe in the cache as a miss, without waiting for a writer', async () => {
    const file = cacheFile(dir, arxiv)
    await mkdir(dirname(file), { recursive: true })
    execFileSync('mkfifo', [file])
    expect(await readCached(dir, arxiv)).toBeNull()
  })

  it('writes readable JSON naming its source', async () => {
    await writeCached(dir, { kind: 'doi', doi: '10.1000/xyz' }, { ...metadata, doi: '10.1000/xyz' }, now)
    const stored = JSON.parse(await readFile(cacheFile(dir, { kind: 'doi', doi: '10.1000/xyz' }), 'utf8'))
    expect(stored.source).toBe('doi:10.1000/xyz')
  })
})
