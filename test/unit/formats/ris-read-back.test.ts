/**
 * The RIS export read back by another program's RIS reader: citation.js (@citation-js/plugin-ris),
 * which maps RIS to CSL by the RIS specification's tables. Every field precis models that it reads
 * comes back (it has no mapping for `AN`, where the arXiv id goes; precis's reader has).
 */
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- citation.js ships no types
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-ris'
import { libraryToRis } from '../../../src/formats/ris.js'
import { readRis } from '../../../src/formats/ris-import.js'
import { libraryOf, paper } from '../../support/library.js'
import { sampleLibrary } from './sample-library.js'

type CslItem = Record<string, unknown> & { author?: Array<{ family?: string; given?: string; literal?: string }> }

function readWithCitationJs(ris: string): CslItem[] {
  return (plugins as { input: { chain: (text: string, options: object) => CslItem[] } }).input.chain(ris, { forceType: '@ris/file' })
}

const library = () => {
  const lib = sampleLibrary()
  lib.papers.push(
    paper({
      key: 'cern2012atlas',
      title: 'Observation of a New Particle',
      authors: ['{ATLAS Collaboration}', 'King, Jr., Martin'],
      year: 2012,
      venue: 'Physics Letters B',
      doi: '10.1016/j.physletb.2012.08.020',
    }),
  )
  return lib
}

describe('RIS export read by citation.js', () => {
  it('every record, with its key, title, authors, year, venue, DOI, URL and keywords', () => {
    const lib = library()
    const items = readWithCitationJs(libraryToRis(lib))
    expect(items.map((item) => item.id)).toEqual(lib.papers.map((p) => p.key))
    for (const [i, p] of lib.papers.entries()) {
      const item = items[i]!
      expect(item.title).toBe(p.title)
      expect(item.author?.length ?? 0).toBe(p.authors.length)
      const year = ((item.issued ?? item['event-date']) as { 'date-parts': number[][] } | undefined)?.['date-parts'][0]![0]
      expect(year ?? null).toBe(p.year)
      if (p.venue) expect([item['container-title'], item['event-title'], item.publisher]).toContain(p.venue)
      expect(item.DOI ?? null).toBe(p.doi)
      expect(item.URL ?? null).toBe(p.url)
    }
    expect(items[0]!.keyword).toBe('gnn,ml/graphs,0012')
    expect(items[3]!.author).toEqual([{ literal: 'ATLAS Collaboration' }, { family: 'King', given: 'Martin', suffix: 'Jr.' }])
  })

  it("the abstract's lines are one value to citation.js and keep their breaks for precis", () => {
    const lib = libraryOf([paper({ key: 'a', title: 'T', abstract: 'First line\nsecond line\n\nA paragraph.' })])
    const ris = libraryToRis(lib)
    expect(readWithCitationJs(ris)[0]!.abstract).toMatch(/^First line\s+second line\s+A paragraph\.$/)
    expect(readRis(ris, 'x.ris').records[0]!.paper.abstract).toBe('First line\nsecond line\n\nA paragraph.')
  })
})
