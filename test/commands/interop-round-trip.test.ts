/**
 * CSL-JSON, RIS and Zotero's JSON → precis → CSL-JSON and RIS keep every field precis models: key,
 * title, authors, year, venue, arXiv id, DOI, URL, abstract. Through the command line and the fake
 * Context, on the fixtures of test/fixtures/formats/interop/ (see its README).
 */
import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '../../src/main.js'
import { emptyLibrary, type Library, type Paper } from '../../src/core/model.js'
import { tempDir, testContext } from '../support/context.js'

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/formats/interop/${name}`, import.meta.url))

/** What precis models of a paper, compared the same way whatever format it came from. */
interface Modelled {
  key: string | null
  title: string
  authors: string[]
  year: number | null
  venue: string | null
  arxiv: string | null
  doi: string | null
  url: string | null
  abstract: string | null
}

type Csl = Record<string, unknown> & { author?: Array<Record<string, string>> }

function cslName(name: Record<string, string>): string {
  if (name.literal) return name.literal
  const person = [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family].filter(Boolean).join(' ')
  return name.suffix ? `${person}, ${name.suffix}` : person
}

/** A CSL item as Modelled: the arXiv id where the export writes it (or Zotero's note line). */
function fromCsl(item: Csl): Modelled {
  const id = String(item.id)
  const arxiv =
    item.archive === 'arXiv'
      ? (item.archive_location as string)
      : (/arXiv:\s*(\S+)/.exec((item.note ?? item.number ?? '') as string)?.[1] ?? null)
  const issued = item.issued as { 'date-parts'?: unknown[][]; raw?: string }
  return {
    key: id.includes('://') ? null : id,
    title: item.title as string,
    authors: (item.author ?? []).map(cslName),
    year: issued ? Number(issued['date-parts']?.[0]?.[0] ?? /\d{4}/.exec(issued.raw ?? '')?.[0]) : null,
    venue: ((item['container-title'] ?? (item.type === 'article' ? item.publisher : null)) as string | undefined) ?? null,
    arxiv,
    doi: ((item.DOI as string | undefined) ?? null)?.toLowerCase() ?? null,
    url: (item.URL as string | undefined) ?? null,
    abstract: (item.abstract as string | undefined) ?? null,
  }
}

/** RIS records as tag → values, read by the specification's line rule (independent of precis's reader). */
function risRecords(text: string): Array<Map<string, string[]>> {
  const records: Array<Map<string, string[]>> = []
  let current: Map<string, string[]> | null = null
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(line)
    if (m?.[1] === 'TY') records.push((current = new Map()))
    if (m && current) current.set(m[1]!, [...(current.get(m[1]!) ?? []), m[2]!.trim()])
    if (m?.[1] === 'ER') current = null
  }
  return records
}

function risName(value: string): string {
  const [family, given, suffix] = value.split(',').map((part) => part.trim())
  if (given === undefined) return family!
  return suffix ? `${given} ${family}, ${suffix}` : `${given} ${family}`
}

function fromRis(record: Map<string, string[]>): Modelled {
  const one = (...tags: string[]) => tags.map((tag) => record.get(tag)?.[0]).find((v) => v !== undefined) ?? null
  const arxiv =
    (record.get('AN') ?? [])
      .concat(record.get('N1') ?? [])
      .map((v) => /arXiv:\s*(\S+)/.exec(v)?.[1])
      .find(Boolean) ?? null
  const year = one('PY', 'DA')
  return {
    key: one('ID'),
    title: one('TI', 'T1')!,
    authors: (record.get('AU') ?? []).map(risName),
    year: year === null ? null : Number(/\d{4}/.exec(year)![0]),
    venue: one('T2', 'JO', 'PB'),
    arxiv,
    doi: one('DO')?.toLowerCase() ?? null,
    url: one('UR'),
    abstract: one('AB'),
  }
}

/** Import `file` into an empty library, then export it as `format`; the export's text. */
async function throughPrecis(file: string, format: 'csljson' | 'ris'): Promise<string> {
  const ctx = testContext({ library: emptyLibrary() })
  expect(await main(['import', file], ctx), ctx.stderr()).toBe(0)
  expect(await main(['export', '--format', format], ctx), ctx.stderr()).toBe(0)
  return ctx.stdout()
}

const byTitle = (a: Modelled, b: Modelled) => a.title.localeCompare(b.title)
/** A key made by precis where the source had none is not compared. */
const keyed = (papers: Modelled[], source: Modelled[]) =>
  papers.map((p) => ({ ...p, key: source.find((s) => s.title === p.title)?.key === null ? null : p.key })).sort(byTitle)

describe('round trips keep every field precis models', () => {
  it('CSL-JSON → precis → CSL-JSON', async () => {
    const source = (JSON.parse(readFileSync(fixture('zotero-csl.json'), 'utf8')) as Csl[]).map(fromCsl)
    const out = (JSON.parse(await throughPrecis(fixture('zotero-csl.json'), 'csljson')) as Csl[]).map(fromCsl)
    expect(keyed(out, source)).toEqual([...source].sort(byTitle))
  })

  it('RIS → precis → RIS', async () => {
    const source = risRecords(readFileSync(fixture('zotero.ris'), 'utf8')).map(fromRis)
    const out = risRecords(await throughPrecis(fixture('zotero.ris'), 'ris')).map(fromRis)
    expect(keyed(out, source)).toEqual([...source].sort(byTitle))
  })

  it("Zotero's JSON and Better BibTeX's → precis → CSL-JSON and RIS agree with Zotero's own CSL export of the same item", async () => {
    const expected = fromCsl((JSON.parse(readFileSync(fixture('zotero-csl.json'), 'utf8')) as Csl[])[0]!)
    for (const file of ['zotero-api.json', 'better-bibtex.json']) {
      const csl = (JSON.parse(await throughPrecis(fixture(file), 'csljson')) as Csl[])
        .map(fromCsl)
        .find((p) => p.key === 'gilmer2017neural')!
      const ris = risRecords(await throughPrecis(fixture(file), 'ris'))
        .map(fromRis)
        .find((p) => p.key === 'gilmer2017neural')!
      const authors = file === 'better-bibtex.json' ? expected.authors.slice(0, 2) : expected.authors
      const abstract = file === 'better-bibtex.json' ? 'Supervised learning on molecules.' : expected.abstract
      expect(csl).toEqual({ ...expected, authors, abstract })
      expect(ris).toEqual({ ...expected, authors, abstract })
    }
  })
})

describe('precis → CSL-JSON or RIS --with-summaries → precis', () => {
  it.each(['csljson', 'ris'] as const)('%s keeps the papers and the summaries with their tags', async (format) => {
    const demo = JSON.parse(readFileSync(new URL('../../data/demo-library.json', import.meta.url), 'utf8')) as Library
    const ctx = testContext({ library: demo })
    expect(await main(['export', '--format', format, '--with-summaries'], ctx), ctx.stderr()).toBe(0)
    const dir = tempDir()
    writeFileSync(join(dir, `refs.${format === 'ris' ? 'ris' : 'json'}`), ctx.stdout())
    const back = testContext({ library: emptyLibrary() })
    expect(await main(['import', dir], back), back.stderr()).toBe(0)
    const lib = await back.store.read()
    const paperFields = ({ added: _a, category: _c, ...p }: Paper) => p
    expect(lib.papers.map(paperFields)).toEqual(demo.papers.map(paperFields))
    // Keywords belong to the item, so each summary comes back with the tags of all its paper's summaries.
    const paperTags = (paper: string) => [...new Set(demo.summaries.filter((s) => s.paper === paper).flatMap((s) => s.tags))].sort()
    expect(lib.summaries.map((s) => [s.paper, s.body.trim(), [...s.tags].sort()])).toEqual(
      demo.summaries.map((s) => [s.paper, s.body.trim(), paperTags(s.paper)]),
    )
  })
})
