/**
 * `related` from the search postings against `related` from the library read whole, its reference:
 * the same papers, in the same order, with the same scores to the bit and the same reasons, for
 * hand-picked texts (words spelled many ways, citation markup) and for seeded random libraries,
 * with the postings built afresh and as a save keeps them (a base and a delta of changed entries).
 */
import { describe, expect, it } from 'vitest'
import { CitationResolver, citedPaperKeys } from '../../../src/core/citations/citations.js'
import type { Library } from '../../../src/core/model.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { entriesOfPapers, postingsTexts, type PlacedRecords } from '../../../src/core/related/postings-texts.js'
import { rankRelated, relatedPapers, type RelatedPaper } from '../../../src/core/related/related.js'
import { PaperTable } from '../../../src/core/related/paper-table.js'
import { buildPostings } from '../../../src/core/search/postings.js'
import { PostingsView } from '../../../src/core/search/postings-view.js'
import { deltaAfterChange, entriesBefore } from '../../../src/core/search/postings-delta.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { seeded, seedFromEnv, pick } from '../../support/random.js'
import { randomRelatedLibrary } from '../../support/related-libraries.js'

/** The records of `lib` by place, as the index reads them where they lie. */
function placed(lib: Library): PlacedRecords {
  return {
    papers: (places) => places.map((at) => lib.papers[at]!),
    summaries: (places) => places.map((at) => lib.summaries[at]!),
  }
}

/** `related` of every paper (at most `limit` each) answered from `view`, the postings of `lib`. */
function fromPostings(lib: Library, view: PostingsView, keys: readonly string[], limit: number): RelatedPaper[][] {
  const resolver = new CitationResolver(lib)
  const source = { papers: lib.papers, summaries: lib.summaries, citedKeys: lib.summaries.map((s) => citedPaperKeys(s, resolver)) }
  const table = new PaperTable(source)
  const entries = entriesOfPapers(table, lib.summaries.length)
  expect(entries.count).toBe(view.count)
  const texts = postingsTexts(view, { table, entries, resolver }, placed(lib))
  return keys.map((key) => rankRelated({ ...source, texts }, key, limit, table))
}

/** What is printed and compared: everything, the score to the bit. */
const plain = (results: RelatedPaper[][]) =>
  results.map((list) => list.map((r) => ({ key: r.paper.key, ids: r.summaries.map((s) => s.id), score: r.score, reasons: r.reasons })))

function expectSame(lib: Library, view: PostingsView, limit = 10): void {
  const keys = lib.papers.map((p) => p.key)
  expect(plain(fromPostings(lib, view, keys, limit))).toEqual(plain(keys.map((key) => relatedPapers(lib, key, limit))))
}

describe('related from the postings, held to the library read whole', () => {
  it.each([
    ['irregular and regular plurals', ['The analysis of vertices', 'analyses of a vertex', 'an analysis', 'vertex vertex studies']],
    ['accents, ligatures and Greek letters', ['Schrödinger θ ﬁtting', 'schrodinger \\theta fitting', 'Schro\u0308dinger \\vartheta', 'ϑ']],
    ['words glued to markup', ['**graph**s and $x$graph', 'graph\\cite{p0} graphs', '\\mathcal{GP} GP gp', 'GPs \\textbf{graph}']],
    [
      'citation markup left out of the prose',
      ['kernel \\cite{p1} kernel', '[@p0] kernel @p2 kernel', 'mail@p1.org kernels', 'p0 p1 kernel'],
    ],
  ])('%s', (_, bodies) => {
    const lib = libraryOf(
      bodies.map((_, i) => paper({ key: `p${i}`, title: i % 2 ? 'Kernel graphs' : 'A note', tags: i === 3 ? ['ml'] : undefined })),
      bodies.map((body, i) => summary({ id: `p${i}`, paper: `p${i}`, body, tags: i < 2 ? ['ml/gnn'] : [] })),
    )
    lib.papers.push(paper({ key: 'alone', title: 'graph kernel analysis', abstract: 'Vertices and analyses, \\cite{p0}.' }))
    expectSame(lib, new PostingsView(buildPostings(libraryEntries(lib))))
  })

  it('on seeded random libraries, the postings built afresh', () => {
    const random = seeded(seedFromEnv(20261207))
    for (let round = 0; round < 8; round++) {
      const lib = randomRelatedLibrary(random, 5 + Math.floor(random() * 40))
      // A summary whose paper is not in the library (doctor reports it): no entry, no text.
      if (round % 2 === 0)
        lib.summaries.splice(1, 0, summary({ id: 'orphan', paper: 'gone2020paper', body: 'graph kernels', tags: ['ml'] }))
      expectSame(lib, new PostingsView(buildPostings(libraryEntries(lib))), pick(random, [1, 3, 10, 100]))
    }
  })

  it('with more papers than the sample reads (300), and a paper with many summaries', () => {
    const lib = randomRelatedLibrary(seeded(seedFromEnv(7)), 340)
    const many = lib.papers[17]!.key
    for (let s = 10; s < 16; s++)
      lib.summaries.push(summary({ id: `${many}-${s}`, paper: many, body: 'graph kernel analyses of vertices' }))
    const view = new PostingsView(buildPostings(libraryEntries(lib)))
    const keys = [lib.papers[0]!.key, many, lib.papers[339]!.key]
    expect(plain(fromPostings(lib, view, keys, 20))).toEqual(plain(keys.map((key) => relatedPapers(lib, key, 20))))
  })

  it('with the postings a save keeps: the base built before the changes and a delta of the entries changed', () => {
    const random = seeded(seedFromEnv(20261208))
    for (let round = 0; round < 8; round++) {
      const lib = randomRelatedLibrary(random, 10 + Math.floor(random() * 30))
      const base = buildPostings(libraryEntries(lib))
      const before = entriesBefore(libraryEntries(lib))
      // Changes as saves make them: a body rewritten, a summary removed, a paper added, a title changed.
      lib.summaries[0]!.body += ' graph analyses \\cite{' + lib.papers[1]!.key + '}'
      lib.summaries.splice(1, 1)
      lib.papers.push(paper({ key: 'added', title: 'Graph kernels' }))
      lib.summaries.push(summary({ id: 'added', paper: 'added', body: 'kernel vertices', tags: ['ml/gnn'] }))
      lib.papers[2]!.title = 'Vertex analysis'
      const delta = deltaAfterChange(
        base.count,
        Uint32Array.from({ length: base.count }, (_, i) => i),
        before,
        libraryEntries(lib),
      )
      expect(delta).not.toBeNull()
      expectSame(lib, new PostingsView(base, delta))
    }
  })
})
