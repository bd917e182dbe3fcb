/**
 * No import degrades a paper: every pair of sources, imported in both orders with every
 * `--on-conflict` mode, keeps every real value the library held. The sources describe overlapping
 * papers (MPNN as arXiv:1704.01212, the arXiv and Crossref fixtures' papers) with different amounts
 * of metadata, as real ones do: a BibTeX file with a proceedings link, a precis JSON export with an
 * abstract, a Markdown note, the ShortScience page and CSV (placeholder titles, shortscience.org
 * links, `anon` authors), and the metadata the arXiv and DOI clients make of their recorded answers.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyFieldChanges } from '../../../src/core/records/field-changes.js'
import type { PaperField } from '../../../src/core/merge/compare.js'
import { mergeRecords, type OnConflict } from '../../../src/core/merge/import-merge.js'
import { emptyLibrary, type Library, type Paper } from '../../../src/core/model.js'
import { isPlaceholder } from '../../../src/core/papers/placeholders.js'
import { comparableBody } from '../../../src/core/papers/summary-bodies.js'
import { readImport } from '../../../src/formats/detect.js'
import { libraryToJson } from '../../../src/formats/json.js'
import { summaryToMarkdown } from '../../../src/formats/markdown.js'
import type { ImportRecord } from '../../../src/core/merge/imported-records.js'
import { parseArxivFeed } from '../../../src/sources/arxiv.js'
import { parseCslJson } from '../../../src/sources/doi.js'
import { paperFromMetadata, refreshChanges } from '../../../src/core/papers/metadata-merge.js'
import type { PaperMetadata } from '../../../src/core/papers/metadata.js'
import { paper, summary } from '../../support/library.js'

const now = new Date('2026-12-06T00:00:00.000Z')
const FIELDS: readonly PaperField[] = ['title', 'authors', 'year', 'venue', 'arxiv', 'category', 'doi', 'url', 'abstract']
const MODES: readonly OnConflict[] = ['skip', 'update', 'keep-both']
const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')

const MPNN = 'Neural Message Passing for Quantum Chemistry'

const bibtex = `${fixture('formats/refs.bib')}
@inproceedings{gilmer2017neural,
  author = {Gilmer, Justin and Schoenholz, Samuel S.},
  title = {${MPNN}},
  booktitle = {Proceedings of the 34th International Conference on Machine Learning},
  year = 2017,
  eprint = {1704.01212},
  url = {https://proceedings.mlr.press/v70/gilmer17a.html},
  annote = {Messages along edges, a readout at the end.},
}
@article{clark2020pretraining,
  title = {Pretraining Text Encoders as Discriminators},
  author = {Clark, Kevin},
  year = 2020,
  eprint = {2003.10555},
}
@article{ashworth2020learned,
  title = {Learned Messages for Small Molecules},
  author = {Ashworth, Kim},
  journal = {Journal of Worked Examples},
  year = 2020,
  doi = {10.5555/Example.2020.17},
}
`

const mpnnPaper = paper({
  key: 'gilmer2017neural',
  title: MPNN,
  authors: ['Justin Gilmer', 'George E. Dahl'],
  year: 2017,
  venue: 'ICML',
  arxiv: '1704.01212',
  abstract: 'Supervised learning on molecules.',
})
const json = libraryToJson({
  ...emptyLibrary(),
  papers: [mpnnPaper],
  summaries: [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', tags: ['gnn'], body: 'From another library.\n' })],
})
const markdown = summaryToMarkdown(
  summary({ id: 'gilmer2017neural-2', paper: 'gilmer2017neural', by: 'Ada', tags: ['chemistry'], body: 'A note in Markdown.\n' }),
  { ...mpnnPaper, abstract: null, venue: null },
)

// The arXiv client's reading of a recorded answer, and the same answer for MPNN.
const arxivEntry = fixture('sources/arxiv/entry.xml')
const mpnnEntry = arxivEntry.replaceAll('2003.10555', '1704.01212').replace(/<title>Pretraining[^<]*<\/title>/, `<title>${MPNN}</title>`)
const fromMetadata = (metadata: PaperMetadata, origin: string): ImportRecord => ({
  origin,
  paper: { key: null, added: null, ...paperFromMetadata(metadata, { authors: [] }) },
  summaries: [],
})

async function read(format: Parameters<typeof readImport>[0], text: string, source: string): Promise<ImportRecord[]> {
  return (await readImport(format, text, source)).records
}

const readers: Record<string, () => Promise<ImportRecord[]>> = {
  bibtex: () => read('bibtex', bibtex, 'refs.bib'),
  json: () => read('json', json, 'theirs.json'),
  markdown: () => read('md', markdown, 'note.md'),
  'shortscience page': () => read('shortscience', fixture('formats/shortscience-page.txt'), 'page.txt'),
  'shortscience csv': () => read('shortscience', fixture('formats/shortscience.csv'), 'shortscience.csv'),
  arxiv: async () => [
    fromMetadata(parseArxivFeed(arxivEntry, '2003.10555'), 'arXiv:2003.10555'),
    fromMetadata(parseArxivFeed(mpnnEntry, '1704.01212'), 'arXiv:1704.01212'),
  ],
  doi: async () => [
    fromMetadata(parseCslJson(fixture('sources/doi/article.json'), '10.5555/example.2020.17'), 'doi:10.5555/example.2020.17'),
  ],
}

// Each source read once; every merge gets its own copy of the records.
const parsed = new Map<string, Promise<ImportRecord[]>>()
const sources: Record<string, () => Promise<ImportRecord[]>> = Object.fromEntries(
  Object.keys(readers).map((name) => [
    name,
    async () => {
      if (!parsed.has(name)) parsed.set(name, readers[name]!())
      return structuredClone(await parsed.get(name)!)
    },
  ]),
)

/**
 * What `after` must keep of `before`: every paper under its key with every real value still real,
 * changed only by an update; every summary with its text (or an update's real text) and its tags.
 */
function expectNothingLost(before: Library, after: Library, mode: OnConflict): void {
  for (const old of before.papers) {
    const now = after.papers.find((p) => p.key === old.key)
    expect(now, old.key).toBeDefined()
    for (const field of FIELDS) {
      if (isPlaceholder(field, old[field] ?? null)) continue
      const where = `${old.key}.${field}`
      expect(isPlaceholder(field, now![field] ?? null), `${where} became a placeholder: ${JSON.stringify(now![field])}`).toBe(false)
      if (mode !== 'update') expect(now![field], where).toEqual(old[field])
    }
  }
  for (const old of before.summaries) {
    const now = after.summaries.find((s) => s.id === old.id)
    expect(now, old.id).toBeDefined()
    if (mode !== 'update') expect(comparableBody(now!.body)).toBe(comparableBody(old.body))
    expect(comparableBody(now!.body)).not.toBe('')
    expect(now!.tags).toEqual(expect.arrayContaining(old.tags))
    if (old.by.trim() !== '') expect(now!.by.trim()).not.toBe('')
  }
}

/** Each paper the import brings with a real title ends up in the library with that title somewhere (nothing real is dropped on update). */
function expectUpdateTookRealTitles(after: Library, incoming: readonly ImportRecord[]): void {
  const titles = new Set(after.papers.map((p) => p.title))
  for (const record of incoming)
    if (!isPlaceholder('title', record.paper.title) && record.paper.title !== record.paper.key)
      expect(titles, record.origin).toContain(record.paper.title)
}

const names = Object.keys(sources)
const pairs = names.flatMap((first) =>
  names.filter((second) => second !== first).flatMap((second) => MODES.map((mode) => [first, second, mode] as const)),
)

describe('importing one source after another loses no real value', () => {
  it.each(pairs)('%s, then %s, --on-conflict %s', async (first, second, mode) => {
    const lib = emptyLibrary()
    mergeRecords(lib, await sources[first]!(), { onConflict: mode, now })
    const before = structuredClone(lib)
    const incoming = await sources[second]!()
    mergeRecords(lib, incoming, { onConflict: mode, now })
    expectNothingLost(before, lib, mode)
    if (mode === 'update') expectUpdateTookRealTitles(lib, incoming)
  })
})

describe('refreshing from arXiv or a DOI loses no real value', () => {
  const metadata = (): PaperMetadata[] => [
    parseArxivFeed(mpnnEntry, '1704.01212'),
    parseArxivFeed(arxivEntry, '2003.10555'),
    parseCslJson(fixture('sources/doi/article.json'), '10.5555/example.2020.17'),
  ]
  const hollow = (m: PaperMetadata): PaperMetadata => ({
    ...m,
    title: `Untitled ShortScience paper ${m.arxiv ?? m.doi}`,
    authors: ['anon'],
    venue: '',
    abstract: null,
    url: 'https://www.shortscience.org/paper?bibtexKey=x',
  })

  it.each(names)('a library imported from %s, refreshed by every source (also ones that answer with placeholders)', async (name) => {
    const lib = emptyLibrary()
    mergeRecords(lib, await sources[name]!(), { onConflict: 'skip', now })
    const before = structuredClone(lib)
    for (const answer of metadata().flatMap((m) => [m, hollow(m)])) {
      for (const stored of lib.papers) {
        if (!sameId(stored, answer)) continue
        applyFieldChanges(stored, refreshChanges(stored, answer))
      }
    }
    expectNothingLost(before, lib, 'update')
  })
})

function sameId(stored: Paper, answer: PaperMetadata): boolean {
  return (
    (stored.arxiv !== null && stored.arxiv === answer.arxiv) ||
    (stored.doi !== null && answer.doi !== null && stored.doi.toLowerCase() === answer.doi.toLowerCase())
  )
}
