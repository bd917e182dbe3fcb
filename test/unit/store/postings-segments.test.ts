// The postings built in segments (postings-segments.ts) written out and merged: the file's bytes
// are exactly those of the postings built whole in memory (encodePostings), on random libraries
// with segments made small enough that every library is cut into many (and the merge's readers
// small enough that each word's list and positions are read in pieces), and on libraries made to reach
// the edges of the buffers the build and the merge grow or reuse, which random ones never reach; and a
// build leaves no temp file, whether it succeeds, cannot write its file, or finds one a killed build left.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { libraryEntries, type Entry } from '../../../src/core/records/entries.js'
import { buildPostings } from '../../../src/core/search/postings.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { fingerprintsOf } from '../../../src/store/index/fingerprints.js'
import { fileIdentity } from '../../../src/store/index/identity.js'
import { postingsOf } from '../../../src/store/index/indexed-postings.js'
import { encodePostings } from '../../../src/store/index/postings-format.js'
import { READERS, SegmentedPostings } from '../../../src/store/index/postings-segments.js'
import { tempNameBeside } from '../../../src/store/temp-files.js'
import { LibraryFile } from '../../../src/store/library-file.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'

const WORDS = [
  'graph',
  'graphs',
  'Graph',
  'neural',
  'network',
  'the',
  'of',
  'a',
  'Schrödinger',
  'Schro\u0308dinger',
  'Łukasz',
  'ﬁt',
  'θ',
  '\\theta',
  '$\\alpha$',
  '$x^2$',
  '\\mathcal{GP}',
  'GPUs',
  '3.14',
  'x1',
  'e.g.',
  "don't",
  'über',
  'naïve',
  'a-b',
  '日本語',
  '😀',
  '![fig](a.png)',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
]

function randomLibrary(random: () => number): Library {
  const sentence = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => pick(random, WORDS)).join(' ')
  const papers = Array.from({ length: Math.floor(random() * 40) }, (_, i) =>
    paper({ key: `p${i}`, title: sentence(6), authors: [sentence(3)], abstract: random() < 0.5 ? sentence(30) : null }),
  )
  const summaries = papers
    .filter(() => random() < 0.7)
    .flatMap((p, i) =>
      Array.from({ length: 1 + Math.floor(random() * 2) }, (_, j) =>
        summary({ id: `s${i}-${j}`, paper: p.key, body: `${sentence(80)}\n`, tags: random() < 0.5 ? ['ml/gnn'] : [] }),
      ),
    )
  return libraryOf(papers, summaries)
}

const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
const folders: string[] = []

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'precis-segments-'))
  folders.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/**
 * The postings file of `entries` built in segments of `size` words in order (in memory when they
 * never reach one), whether any segment was written, and whether writing one failed.
 */
function builtInSegments(dir: string, entries: Entry[], size: number, readers = READERS) {
  const fingerprints = fingerprintsOf(entries)
  const segments = new SegmentedPostings(tempNameBeside(join(dir, 'x.postings'), 'tmp'), size, undefined, readers)
  const path = join(dir, 'segmented.postings')
  try {
    for (const entry of entries) segments.add(entry)
    const { segmented, failed } = segments
    if (segmented) segments.write(path, { library: '/l.json', identity, fingerprints })
    else writeFileSync(path, encodePostings({ library: '/l.json', identity, postings: segments.postings(), fingerprints }))
    return { bytes: readFileSync(path), segmented, failed }
  } finally {
    segments.dispose()
    rmSync(path, { force: true })
  }
}

const wholeBytes = (entries: Entry[]) =>
  encodePostings({ library: '/l.json', identity, postings: buildPostings(entries), fingerprints: fingerprintsOf(entries) })

describe('postings built in segments', () => {
  it('write the bytes the whole build writes, for any segment size', () => {
    const random = seeded(seedFromEnv(20))
    const dir = folder()
    // Twice as many rounds as still fail for each way of breaking the merge on purpose that BENCHMARKS.md (s39-index) lists.
    for (let round = 0; round < 12; round++) {
      const entries = libraryEntries(randomLibrary(random))
      const built = buildPostings(entries)
      const whole = wholeBytes(entries)
      for (const size of [1, 2, 7, 50, 400]) {
        // The merge's readers a number (4 bytes) or a few at a time, or as a large library's.
        const readers = [4, 100, READERS][round % 3]
        const { bytes, segmented } = builtInSegments(dir, entries, size, readers)
        if (size === 1) expect(segmented).toBe(built.tokens.length > 0)
        expect(bytes.equals(whole), `round ${round}, segments of ${size}, readers of ${readers} bytes`).toBe(true)
      }
      expect(readdirSync(dir)).toEqual([])
    }
  })

  it('let the garbage of reading go every 8 segments written (a large library collects there), the bytes unchanged', () => {
    const random = seeded(seedFromEnv(22))
    const dir = folder()
    const entries = libraryEntries(randomLibrary(random))
    const fingerprints = fingerprintsOf(entries)
    const whole = encodePostings({ library: '/l.json', identity, postings: buildPostings(entries), fingerprints })
    let collected = 0
    const segments = new SegmentedPostings(tempNameBeside(join(dir, 'x.postings'), 'tmp'), 1, () => collected++)
    try {
      // A segment a word: one (at least) for each entry that has words.
      const written = entries.filter((entry) => buildPostings([entry]).tokens.length > 0).length
      for (const entry of entries) segments.add(entry)
      expect(written).toBeGreaterThanOrEqual(16)
      expect(collected).toBeGreaterThanOrEqual(Math.floor(written / 8))
      const path = join(dir, 'collected.postings')
      segments.write(path, { library: '/l.json', identity, fingerprints })
      expect(readFileSync(path).equals(whole)).toBe(true)
    } finally {
      segments.dispose()
    }
  })

  // Libraries made so that a segment reaches the edge of a buffer the build or the merge grows or reuses
  // (random ones never do): each case first asserts what it is made for, then the bytes.
  const titled = (titles: string[], key = (i: number) => `p${i}`) =>
    libraryEntries(libraryOf(titles.map((title, i) => paper({ key: key(i), title, authors: [] }))))
  const repeated = (word: string, times: number) => Array(times).fill(word).join(' ')
  const untokened = () => '_' // a key that holds no word: its entry's words are its title's
  interface Edge {
    name: string
    entries: Entry[]
    /** Words in order a segment holds. */
    size: number
    /** What the case is made for: each entry's words in order, the bytes of all positions, the entries listing its one word. */
    words?: number[]
    positions?: number
    listed?: number
  }
  const edges: Edge[] = [
    // writeHead: the words in order left when the last entry is read are written, however few.
    { name: 'a last segment of one word', entries: titled(['graph', 'graph'], (i) => (i === 0 ? 'p0' : '_')), size: 2, words: [3, 1] },
    {
      name: 'a last segment of one word after an entry of none',
      entries: titled(['neural network', '', 'graph'], (i) => ['p0', '-', '_'][i]!),
      size: 2,
      words: [4, 0, 1],
    },
    // append: a segment's positions are made in its word lists' room (4 bytes a list entry, here one) when they fit, else apart.
    ...[4, 5, 8, 9].map((times) => ({
      name: `positions of ${times} bytes beside a list room of 4`,
      entries: titled([repeated('graph', times)], untokened),
      size: 1,
      words: [times],
      positions: times,
    })),
    {
      name: 'positions of 6 bytes in a room a segment before made for one list entry',
      entries: titled([repeated('graph', 3), repeated('graph', 6)], untokened),
      size: 1,
      words: [3, 6],
      positions: 9,
    },
    // merge: one word's list and positions from one segment are held whole (1,024 entries and 4,096 bytes before they grow).
    ...[1024, 1025].map((entries) => ({
      name: `a word listed in ${entries} entries of one segment`,
      entries: titled(Array(entries).fill('graph'), untokened),
      size: entries,
      listed: entries,
    })),
    // (a field's count of a word past 15 in 2 bytes here, then a byte for each of its places)
    ...[4094, 4095].map((times) => ({
      name: `a word's positions of ${times + 2} bytes in one segment`,
      entries: titled([repeated('graph', times)], untokened),
      size: 1,
      words: [times],
      positions: times + 2,
    })),
  ]

  it.each(edges)('write the bytes the whole build writes: $name', ({ entries, size, words, positions, listed }) => {
    const built = buildPostings(entries)
    if (words !== undefined) expect(entries.map((entry) => buildPostings([entry]).tokens.length)).toEqual(words)
    if (positions !== undefined) expect(built.positions.length).toBe(positions)
    // (one word in one segment: its list is all the postings list)
    if (listed !== undefined) expect([built.words, built.wordDocStarts.at(-1), built.tokens.length]).toEqual([['graph'], listed, size])
    const { bytes, segmented, failed } = builtInSegments(folder(), entries, size)
    expect({ segmented, failed }).toEqual({ segmented: true, failed: false })
    expect(bytes.equals(wholeBytes(entries))).toBe(true)
  })

  describe('kept beside the index (postingsOf)', () => {
    const random = seeded(seedFromEnv(21))
    const library = randomLibrary(random)
    while (library.summaries.length < 5) Object.assign(library, randomLibrary(random))
    const entries = libraryEntries(library)

    function place(dir: string) {
      const target = join(dir, 'library.json')
      writeFileSync(target, JSON.stringify(library))
      const path = join(dir, 'index', 'l.postings')
      mkdirSync(join(dir, 'index'))
      return { target, file: new LibraryFile(target), path, note: () => undefined, noteFromBytes: Infinity, segmentTokens: 5 }
    }

    const ranks = (postings: ConstructorParameters<typeof PostingsSearch>[0]) =>
      ['graph', 'neural network', '"the graph"', 'grap', 'Schrödinger'].map((text) =>
        new PostingsSearch(postings, entries).rank(parseQuery(text, 'pasted'), { limit: 20, lastWord: 'prefix' }),
      )

    it('are written in segments, merged into the file a whole build writes, and leave no temp file', async () => {
      const dir = folder()
      const at = place(dir)
      const identity = fileIdentity(at.target)!
      const view = await postingsOf(at, library, identity)
      expect(ranks(view!)).toEqual(ranks(buildPostings(entries)))
      const whole = encodePostings({
        library: at.target,
        identity,
        postings: buildPostings(entries),
        fingerprints: fingerprintsOf(entries),
      })
      expect(readFileSync(at.path).equals(whole)).toBe(true)
      expect(readdirSync(join(dir, 'index'))).toEqual(['l.postings'])
    })

    it('are built in memory when their file cannot be written, and leave no temp file', async () => {
      const dir = folder()
      const at = place(dir)
      mkdirSync(join(at.path, 'full'), { recursive: true }) // a folder that is not empty where the file goes
      const view = await postingsOf(at, library, fileIdentity(at.target))
      expect(ranks(view!)).toEqual(ranks(buildPostings(entries)))
      expect(readdirSync(join(dir, 'index'))).toEqual(['l.postings'])
      expect(readdirSync(at.path)).toEqual(['full'])
    })

    it("remove the segments a killed build left (a dead process's temp files)", async () => {
      const dir = folder()
      const at = place(dir)
      const left = tempNameBeside(at.path, 'tmp').replace(`-${process.pid}-`, '-999999999-')
      writeFileSync(left, 'segments of a build that was killed')
      await postingsOf(at, library, fileIdentity(at.target))
      expect(readdirSync(join(dir, 'index'))).toEqual(['l.postings'])
    })
  })
})
