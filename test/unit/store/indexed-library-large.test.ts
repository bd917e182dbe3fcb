// A read that rebuilds a large library (COLLECT_FROM_BYTES and more: collections between the
// phases, postings in small segments, the index handed out as read back from its file) answers as
// one that rebuilds a small one: the threshold is made 0 here, and the outline, the records and
// the postings compared with those of the same library rebuilt the usual way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { IndexedLibrary, indexFileOf } from '../../../src/store/index/indexed-library.js'
import { LibraryFile } from '../../../src/store/library-file.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const folders: string[] = []
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function libraryFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'precis-large-'))
  folders.push(dir)
  const papers = Array.from({ length: 30 }, (_, i) =>
    paper({
      key: `p${i}`,
      title: `Graph networks ${i}`,
      authors: [`Author ${i % 4}`],
      year: 2000 + (i % 7),
      abstract: i % 3 ? `quantum abstract ${i}` : null,
    }),
  )
  const summaries = papers
    .filter((_, i) => i % 4 !== 0)
    .map((p, i) =>
      summary({
        id: `s${i}`,
        paper: p.key,
        body: `Quantum graph attention ${i} cites [@p${(i + 3) % 30}].\n`,
        tags: i % 2 ? ['ml/gnn'] : [],
      }),
    )
  const target = join(dir, 'library.json')
  writeFileSync(target, JSON.stringify(libraryOf(papers, summaries)))
  return target
}

/** Every field of a paper's or a summary's outline (those a record lacks read as undefined on both sides). */
const FIELDS = [
  ...['key', 'title', 'authors', 'year', 'venue', 'arxiv', 'category', 'doi', 'url', 'added', 'state', 'priority', 'tags'],
  ...['id', 'paper', 'by', 'created', 'updated'],
]

async function rebuilt(target: string, largeFromBytes: number) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'precis-large-cache-'))
  folders.push(cacheDir)
  const reads = new IndexedLibrary(
    target,
    new LibraryFile(target),
    indexFileOf(target, { cacheDir }),
    () => undefined,
    Infinity,
    largeFromBytes,
  )
  const outline = await reads.outline({ forSearch: true })
  const postings = await reads.postings(outline)
  const records = await reads.records(outline, ['p1', 'p4'], ['s2', 's7'])
  // Read back from the file, the records are views whose fields are read from their columns: compared field by field.
  const fields = <T extends object>(records: readonly T[]) =>
    records.map((record) => Object.fromEntries(FIELDS.map((field) => [field, (record as Record<string, unknown>)[field]])))
  return {
    papers: fields(outline.papers),
    summaries: fields(outline.summaries),
    words: [...outline.wordCounts()],
    cites: outline.citedKeys().map((keys) => [...keys]),
    records,
    documents: postings?.documents,
  }
}

describe('a large library rebuilt by a read', () => {
  it('answers as a small one rebuilt', async () => {
    const target = libraryFile()
    const large = await rebuilt(target, 0)
    expect(large.documents).toBeGreaterThan(0)
    expect(large).toEqual(await rebuilt(target, Infinity))
  })
})
