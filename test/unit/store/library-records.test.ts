import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Library, Paper, Summary, TrashEntry } from '../../../src/core/model.js'
import { parseLibraryFile } from '../../../src/core/schema/schema.js'
import { buildIndex } from '../../../src/store/index/build.js'
import { fileIdentity } from '../../../src/store/index/identity.js'
import { placesInText } from '../../../src/store/index/places.js'
import { streamedIndex } from '../../../src/store/index/streamed.js'
import { readPapersAt, visitLibrary } from '../../../src/store/library-records.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { tempDir } from '../../support/context.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/** Records whose ends are hard to find (quotes, backslashes, brackets, wide characters), and citations, one of a summary further on. */
function awkwardLibrary(): Library {
  const lib = libraryOf(
    [
      paper({ key: 'b2020', title: 'Brackets ] } and "quotes" \\', authors: ['Zoë Ñandú', '𝒜 Script'], tags: ['own/tag'] }),
      paper({ key: 'a2020', abstract: '{"not": ["json"]}' }),
      paper({ key: 'c2021', year: 2021 }),
    ],
    [
      summary({
        id: 'b2020',
        paper: 'b2020',
        body: 'A body with \\\\ and \\" and ], }, emoji 🧪, citing [@C2021-late] and \\cite{a2020}\n',
        tags: ['x/y'],
      }),
      summary({ id: 'a2020', paper: 'a2020', body: 'As @b2020 says, and @nobody.' }),
      summary({ id: 'c2021-late', paper: 'c2021', body: 'Later, citing \\citep{b2020,a2020}.' }),
    ],
  )
  lib.trash.push({ summary: summary({ id: 'old', paper: 'a2020' }), paper: null, deleted: '2024-01-01T00:00:00.000Z' })
  return lib
}

interface Visited {
  papers: [Paper, number, number][]
  summaries: [Summary, number, number][]
  trash: TrashEntry[]
}

function visit(path: string, step?: number): Visited | null {
  const seen: Visited = { papers: [], summaries: [], trash: [] }
  const read = visitLibrary(
    path,
    {
      paper: (p, start, end) => seen.papers.push([p, start, end]),
      summary: (s, start, end) => seen.summaries.push([s, start, end]),
      trash: (t) => seen.trash.push(t),
    },
    step,
  )
  return read && seen
}

/** The whole read's verdict on `text`: its library, or null when it refuses it. */
function wholeRead(text: string): Library | null {
  try {
    return parseLibraryFile(text, 'library.json').library
  } catch {
    return null
  }
}

function fileOf(text: string | Buffer): string {
  const path = join(tempDir(), 'library.json')
  writeFileSync(path, text)
  return path
}

/** What is read record by record from `text` is what the whole read gives, with each record's place in the bytes. */
function expectLikeWholeRead(text: string | Buffer, step?: number): void {
  const seen = visit(fileOf(text), step)
  if (!seen) return
  const bytes = Buffer.from(text)
  const whole = wholeRead(bytes.toString('utf8'))
  expect(whole, 'the whole read accepts what is read record by record').not.toBeNull()
  expect(seen.papers.map(([p]) => p)).toEqual(whole!.papers)
  expect(seen.summaries.map(([s]) => s)).toEqual(whole!.summaries)
  expect(seen.trash).toEqual(whole!.trash)
  for (const [record, start, end] of [...seen.papers, ...seen.summaries])
    expect(JSON.parse(bytes.toString('utf8', start, end))).toEqual(record)
}

const write0 = (lib: Library) => [...serializeLibrary(lib)].join('')

const writings: [string, (lib: Library) => string][] = [
  ['as precis writes it', (lib) => [...serializeLibrary(lib)].join('')],
  ['on one line', (lib) => JSON.stringify(lib)],
  ['in version 1, with tabs', (lib) => JSON.stringify({ ...lib, version: 1 }, null, '\t')],
  ['with a member it does not know', (lib) => JSON.stringify({ extra: { a: [1, '}'] }, ...lib })],
]

describe('the library read record by record', () => {
  it('reads papers again where it told they lie, and nothing where none lies', () => {
    const path = fileOf(write0(awkwardLibrary()))
    const seen = visit(path)!
    const places = seen.papers.map(([, start, end]) => [start, end] as const)
    expect(readPapersAt(path, places)).toEqual(seen.papers.map(([paper]) => paper))
    expect(readPapersAt(path, [places[1]!, places[0]!])).toEqual([seen.papers[1]![0], seen.papers[0]![0]])
    const [, summaryStart, summaryEnd] = seen.summaries[0]!
    expect(readPapersAt(path, [[summaryStart, summaryEnd]])).toBeNull() // a summary is no paper
    expect(readPapersAt(path, [[places[0]![0] + 1, places[0]![1]]])).toBeNull()
    expect(readPapersAt(path, [[0, 10 ** 9]])).toBeNull()
  })

  it.each(writings)('reads a file written %s as the whole read does, across any cut between reads', (_, write) => {
    const text = write(awkwardLibrary())
    for (const step of [1, 2, 3, 7, 64, 8 * 1024 * 1024]) {
      expect(visit(fileOf(text), step), `step ${step}`).not.toBeNull()
      expectLikeWholeRead(text, step)
    }
  })

  it.each(writings)('builds from a file written %s the index the whole read builds', (_, write) => {
    const text = write(awkwardLibrary())
    const path = fileOf(text)
    const identity = fileIdentity(path)!
    const whole = wholeRead(text)!
    const expected = buildIndex(placesInText(whole, Buffer.from(text))!, path, identity)
    const streamed = streamedIndex(path, identity)!
    const paperOutline = ({ abstract: _a, attachments: _b, ...rest }: Paper) => rest
    const summaryOutline = ({ body: _, ...rest }: Summary) => rest
    expect(streamed.papers).toEqual(whole.papers.map(paperOutline))
    expect(streamed.summaries).toEqual(whole.summaries.map(summaryOutline))
    const { papers: _p, summaries: _s, ...rest } = streamed
    const { papers: _ep, summaries: _es, ...expectedRest } = expected
    expect(rest).toEqual(expectedRest)
    expect(streamed.cites.flat()).toContain('c2021') // named by the id of a summary further on in the file
  })

  it.each([
    ['an empty file', ''],
    ['a byte-order mark', '\ufeff' + JSON.stringify(awkwardLibrary())],
    ['a newer version', JSON.stringify({ ...awkwardLibrary(), version: 99 })],
    ['version 0', JSON.stringify({ ...awkwardLibrary(), version: 0 })],
    [
      'summaries before papers',
      JSON.stringify({
        format: 'precis-library',
        version: 2,
        summaries: [summary({ id: 's', paper: 'a' })],
        papers: [paper({ key: 'a' })],
        trash: [],
      }),
    ],
    ['a member given twice', JSON.stringify(awkwardLibrary()).replace('{', '{"papers": [],')],
    ['no trash', JSON.stringify({ ...awkwardLibrary(), trash: undefined })],
    ['two papers with one key', JSON.stringify(libraryOf([paper({ key: 'a' }), paper({ key: 'a' })]))],
    [
      'two summaries with one id',
      JSON.stringify(libraryOf([paper({ key: 'a' })], [summary({ id: 's', paper: 'a' }), summary({ id: 's', paper: 'a' })])),
    ],
    ['a bad timestamp', JSON.stringify(awkwardLibrary()).replace('2024-01-01T00:00:00.000Z', '2024-13-01T00:00:00.000Z')],
    ['trailing text', JSON.stringify(awkwardLibrary()) + ' x'],
    ['a truncated file', JSON.stringify(awkwardLibrary()).slice(0, -2)],
  ])('leaves a file with %s to the whole read', (_, text) => {
    expect(visit(fileOf(text))).toBeNull()
  })

  it('leaves bytes that are not UTF-8 to the whole read', () => {
    const bytes = Buffer.from(JSON.stringify(awkwardLibrary()))
    bytes[bytes.indexOf('Zo') + 2] = 0xff
    expect(visit(fileOf(bytes))).toBeNull()
  })

  it('never accepts what the whole read refuses: bytes changed, removed or added at random', () => {
    const text = [...serializeLibrary(awkwardLibrary())].join('')
    const alphabet = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'a', '1', '\u00e9', 'null']
    let seed = 20
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let i = 0; i < 300; i++) {
      const at = random(text.length)
      const put = alphabet[random(alphabet.length)]!
      const kind = random(3)
      const changed = text.slice(0, at) + (kind === 2 ? '' : put) + text.slice(kind === 1 ? at : at + 1)
      expectLikeWholeRead(changed, 1 + random(40))
    }
  })
})
