import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { PlacesWhileWriting, placesInText } from '../../../src/store/index/places.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/** Records whose text is hard to find the ends of: quotes, backslashes, brackets and wide characters in strings. */
function awkwardLibrary(): Library {
  const lib = libraryOf(
    [
      paper({ key: 'b2020', title: 'Brackets ] } and "quotes" \\', authors: ['Zoë Ñandú', '𝒜 Script'] }),
      paper({ key: 'a2020', abstract: '{"not": ["json"]}' }),
    ],
    [
      summary({ id: 'b2020', paper: 'b2020', body: 'A body with \\\\ and \\" and ], }, emoji 🧪\n', tags: ['x/y'] }),
      summary({ id: 'a2020', paper: 'a2020' }),
    ],
  )
  lib.trash.push({ summary: summary({ id: 'old', paper: 'a2020' }), paper: null, deleted: '2024-01-01T00:00:00.000Z' })
  return lib
}

const slice = (bytes: Buffer, places: readonly number[], i: number) => JSON.parse(bytes.toString('utf8', places[2 * i], places[2 * i + 1]))

describe('where each record lies in the library file', () => {
  it('is told by the serializer as it writes, in file order, and matches the bytes written', () => {
    const places = new PlacesWhileWriting()
    const bytes = Buffer.from([...serializeLibrary(awkwardLibrary(), places.record)].join(''))
    const { papers, summaries, trash, paperPlaces, summaryPlaces } = places.placed
    expect(papers.map((p) => p.key)).toEqual(['a2020', 'b2020']) // sorted, as the file holds them
    expect(trash.map((t) => t.summary?.id)).toEqual(['old'])
    papers.forEach((p, i) => expect(slice(bytes, paperPlaces, i)).toEqual(p))
    summaries.forEach((s, i) => expect(slice(bytes, summaryPlaces, i)).toEqual(s))
  })

  it.each([
    ['as precis writes it', (lib: Library) => [...serializeLibrary(lib)].join('')],
    ['on one line', (lib: Library) => JSON.stringify(lib)],
    [
      'with tabs and members in another order',
      (lib: Library) =>
        JSON.stringify({ trash: lib.trash, summaries: lib.summaries, papers: lib.papers, version: 1, format: lib.format }, null, '\t'),
    ],
    [
      'with a member given twice (the last one counts)',
      (lib: Library) => JSON.stringify(lib).replace('{', '{"papers": [{"key": "dropped"}],'),
    ],
  ])('is found in a file written %s', (_, write) => {
    const lib = awkwardLibrary()
    const bytes = Buffer.from(write(lib))
    const parsed = JSON.parse(bytes.toString('utf8')) as Library
    const placed = placesInText(parsed, bytes)!
    parsed.papers.forEach((p, i) => expect(slice(bytes, placed.paperPlaces, i)).toEqual(p))
    parsed.summaries.forEach((s, i) => expect(slice(bytes, placed.summaryPlaces, i)).toEqual(s))
  })

  it('is not given when the text does not hold the records parsed', () => {
    const lib = awkwardLibrary()
    expect(placesInText({ ...lib, summaries: lib.summaries.slice(1) }, Buffer.from(JSON.stringify(lib)))).toBeNull()
  })
})
