/**
 * A paper's own tags (a paper not yet summarised) wherever records travel: the index, the sync
 * three-way merge, the import merge, and the export and import formats that carry keywords.
 */
import { describe, expect, it } from 'vitest'
import { mergeLibraries } from '../../../src/core/merge/three-way.js'
import { mergeRecords } from '../../../src/core/merge/import-merge.js'
import type { ImportRecord } from '../../../src/core/merge/imported-records.js'
import type { Library } from '../../../src/core/model.js'
import { validateLibrary } from '../../../src/core/schema/schema.js'
import { buildIndex } from '../../../src/store/index/build.js'
import { decodeIndex } from '../../../src/store/index/format.js'
import { encodeIndex } from '../../../src/store/index/encode-index.js'
import { libraryToBibtex } from '../../../src/formats/bibtex.js'
import { libraryToCslJson } from '../../../src/formats/csljson.js'
import { libraryToRis } from '../../../src/formats/ris.js'
import { summaryToMarkdown } from '../../../src/formats/markdown.js'
import { readingListMarkdown } from '../../../src/formats/reading-list.js'
import { readingListHtmlPieces } from '../../../src/formats/html.js'
import { libraryToJson, readJsonLibrary } from '../../../src/formats/json.js'
import { readImport } from '../../../src/formats/detect.js'
import { checkImportResult } from '../../../src/formats/record-check.js'
import { emptyLibrary } from '../../../src/core/model.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const NOW = new Date('2026-11-26T12:00:00.000Z')

/** A queued paper with tags of its own, and a summarised one. */
function library(): Library {
  return libraryOf(
    [
      paper({ key: 'alpha2020graphs', title: 'Graphs', year: 2020, state: 'to-read', tags: ['thesis', 'ml/gnn'] }),
      paper({ key: 'beta2021kernels', title: 'Kernels', year: 2021 }),
    ],
    [summary({ id: 'beta2021kernels', paper: 'beta2021kernels', tags: ['kernels'] })],
  )
}

const edited = (lib: Library, edit: (lib: Library) => void): Library => {
  const copy = structuredClone(lib)
  edit(copy)
  return copy
}
const alpha = (lib: Library) => lib.papers.find((p) => p.key === 'alpha2020graphs')!

describe('the index', () => {
  it('keeps a paper’s own tags (and their absence) and counts them', () => {
    const lib = library()
    const identity = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }
    const contents = buildIndex({ ...lib, paperPlaces: [0, 1, 1, 2], summaryPlaces: [2, 3] }, '/tmp/library.json', identity)
    const decoded = decodeIndex(encodeIndex(contents), () => {
      throw new Error('the index must be read as written')
    })!
    expect(decoded.papers.map((p) => p.tags ?? null)).toEqual([['thesis', 'ml/gnn'], null])
    expect(JSON.parse(JSON.stringify(decoded.papers[1]))).not.toHaveProperty('tags')
    expect(decoded.tagCounts.map((t) => t.tag)).toEqual(['kernels', 'ml', 'ml/gnn', 'thesis'])
  })
})

describe('the sync three-way merge', () => {
  function merge(base: Library, ours: Library, theirs: Library) {
    const result = mergeLibraries(base, ours, theirs, NOW)
    validateLibrary(result.library, 'merged')
    return result
  }

  it.each<[string, (lib: Library) => void, (lib: Library) => void, string[] | null]>([
    [
      'a tag added on each side: both kept',
      (l) => alpha(l).tags!.push('a'),
      (l) => alpha(l).tags!.push('b'),
      ['thesis', 'ml/gnn', 'a', 'b'],
    ],
    ['removed on one side, kept on the other: removed', (l) => (alpha(l).tags = ['ml/gnn']), () => undefined, ['ml/gnn']],
    ['the last one removed on one side: no list left', (l) => delete alpha(l).tags, () => undefined, null],
    [
      'taken over by a summary on one side, a tag added on the other: the new one stays',
      (l) => delete alpha(l).tags,
      (l) => alpha(l).tags!.push('new'),
      ['new'],
    ],
  ])('%s', (_, ourEdit, theirEdit, tags) => {
    const base = library()
    for (const [a, b] of [
      [edited(base, ourEdit), edited(base, theirEdit)],
      [edited(base, theirEdit), edited(base, ourEdit)],
    ]) {
      const { library: merged, conflicts } = merge(base, a!, b!)
      expect(conflicts).toEqual([])
      // Ours first, then theirs: the order depends on the side, the set does not.
      expect(alpha(merged).tags?.slice().sort() ?? null).toEqual(tags?.slice().sort() ?? null)
    }
  })

  it('a paper without tags tagged on one side gains them', () => {
    const base = library()
    const tagged = edited(base, (l) => (l.papers[1]!.tags = ['x']))
    expect(merge(base, base, tagged).library.papers[1]!.tags).toEqual(['x'])
  })

  it('the same paper added on both sides with other tags: the tags of both', () => {
    const base = emptyLibrary()
    const added = paper({ key: 'gamma2019priors', title: 'Priors', year: 2019 })
    const ours = edited(base, (l) => void l.papers.push({ ...added, tags: ['a'] }))
    const theirs = edited(base, (l) => void l.papers.push({ ...added, tags: ['b'] }))
    const { library: merged, conflicts } = merge(base, ours, theirs)
    expect(conflicts).toEqual([])
    expect(merged.papers).toEqual([{ ...added, tags: ['a', 'b'] }])
  })
})

describe('the import merge', () => {
  const record = (tags: string[] | undefined): ImportRecord => ({
    origin: 'refs.bib',
    paper: {
      key: 'alpha2020graphs',
      title: 'Graphs',
      authors: ['Ada Lovelace'],
      year: 2020,
      venue: null,
      arxiv: null,
      doi: null,
      url: null,
      abstract: null,
      added: null,
      ...(tags ? { tags } : {}),
    },
    summaries: [],
  })

  it('a new paper keeps its tags', () => {
    const lib = emptyLibrary()
    mergeRecords(lib, [record(['thesis'])], { onConflict: 'skip', now: NOW })
    expect(lib.papers[0]!.tags).toEqual(['thesis'])
  })

  it.each<[string, string[], 'skip' | 'update', string[], string]>([
    ['tags it shows already: unchanged', ['thesis'], 'update', ['thesis', 'ml/gnn'], 'unchanged'],
    ['a new tag with update: added, none dropped', ['later', 'thesis'], 'update', ['thesis', 'ml/gnn', 'later'], 'updated'],
    ['a new tag with skip: left out', ['later'], 'skip', ['thesis', 'ml/gnn'], 'skipped'],
  ])('an existing paper, %s', (_, tags, onConflict, after, outcome) => {
    const lib = library()
    const actions = mergeRecords(lib, [record(tags)], { onConflict, now: NOW })
    expect(actions.map((a) => a.outcome)).toEqual([outcome])
    expect(alpha(lib).tags).toEqual(after)
  })

  it('importing its own export again changes nothing', () => {
    const lib = library()
    const actions = mergeRecords(lib, checkImportResult(readJsonLibrary(libraryToJson(library()), 'lib.json')).records, {
      onConflict: 'update',
      now: NOW,
    })
    expect(actions.every((a) => a.outcome === 'unchanged')).toBe(true)
    expect(libraryToJson(lib)).toBe(libraryToJson(library()))
  })
})

describe('exports carry a paper’s own tags', () => {
  it('BibTeX keywords', () => {
    expect(libraryToBibtex(library())).toMatch(/@\w+\{alpha2020graphs,[^@]*keywords = \{thesis, ml\/gnn\}/)
  })

  it('CSL-JSON keyword', () => {
    const items = JSON.parse(libraryToCslJson(library(), false)) as { id: string; keyword?: string }[]
    expect(items.map((i) => [i.id, i.keyword ?? null])).toEqual([
      ['alpha2020graphs', 'thesis, ml/gnn'],
      ['beta2021kernels', 'kernels'],
    ])
  })

  it('RIS KW lines', () => {
    const ris = libraryToRis(library(), false)
    expect(ris.split(/\nER {2}-/)[0]).toMatch(/KW {2}- thesis\r?\nKW {2}- ml\/gnn/)
  })

  it('Markdown front matter of a summary whose paper has tags of its own', () => {
    const lib = library()
    const p = { ...lib.papers[1]!, tags: ['own'] }
    expect(summaryToMarkdown(lib.summaries[0]!, p)).toMatch(/^tags:\n {2}- kernels\n {2}- own\n/m)
  })

  it('the reading list and the HTML list, on the paper', () => {
    expect(readingListMarkdown(library(), { title: 'List', bibliography: null })).toContain(
      'Tags: `thesis`, `ml/gnn`\n\n*Not summarised yet.*',
    )
    const html = [...readingListHtmlPieces(library(), { title: 'List', now: NOW })].join('')
    expect(html).toContain('<p class="tags"><span class="tag">thesis</span><span class="tag">ml/gnn</span></p>')
  })

  it('JSON as stored, read back the same', () => {
    const back = readJsonLibrary(libraryToJson(library()), 'lib.json')
    expect(back.records[0]!.paper.tags).toEqual(['thesis', 'ml/gnn'])
  })
})

describe('imports give an entry without notes its keywords as the paper’s own tags', () => {
  it.each([
    ['bibtex', '@article{alpha2020graphs, title={Graphs}, author={Lovelace, Ada}, year={2020}, keywords={Thesis, ml/gnn}}'],
    [
      'csljson',
      JSON.stringify([
        { id: 'alpha2020graphs', type: 'article', title: 'Graphs', keyword: 'Thesis, ml/gnn', issued: { 'date-parts': [[2020]] } },
      ]),
    ],
    ['ris', 'TY  - JOUR\nTI  - Graphs\nAU  - Lovelace, Ada\nPY  - 2020\nKW  - Thesis\nKW  - ml/gnn\nER  - \n'],
  ] as const)('%s', async (format, text) => {
    const result = checkImportResult(await readImport(format, text, `refs.${format}`))
    expect(result.problems).toEqual([])
    expect(result.records[0]!.summaries).toEqual([])
    // The BibTeX parser gives keywords sorted.
    expect(result.records[0]!.paper.tags?.slice().sort()).toEqual(['ml/gnn', 'thesis'])
    const lib = emptyLibrary()
    mergeRecords(lib, result.records, { onConflict: 'skip', now: NOW })
    expect(lib.papers[0]!.tags).toEqual(result.records[0]!.paper.tags)
    validateLibrary(lib, 'imported')
  })

  it('an entry with a note: the tags go on its summary, as before', async () => {
    const text = '@article{a, title={Graphs}, author={Lovelace, Ada}, year={2020}, keywords={thesis}, annote={Read it.}}'
    const result = checkImportResult(await readImport('bibtex', text, 'refs.bib'))
    expect(result.records[0]!.paper).not.toHaveProperty('tags')
    expect(result.records[0]!.summaries.map((s) => s.tags)).toEqual([['thesis']])
  })
})
