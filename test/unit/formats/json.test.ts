import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { DataError } from '../../../src/core/errors.js'
import { librarySubset, libraryToJson, readJsonLibrary } from '../../../src/formats/json.js'
import { sampleLibrary } from './sample-library.js'
import { emptyLibrary } from '../../../src/core/model.js'
import { mergeRecords } from '../../../src/core/merge/import-merge.js'

describe('libraryToJson / readJsonLibrary', () => {
  it('gives back every paper with its summaries', () => {
    const lib = sampleLibrary()
    const { records, problems } = readJsonLibrary(libraryToJson(lib), 'lib.json')
    expect(problems).toEqual([])
    // The store decides the order of records in the file; what matters is that all come back.
    const byKey = (a: { key: string | null }, b: { key: string | null }) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1)
    expect(records.map((r) => r.paper).sort(byKey)).toEqual([...lib.papers].sort(byKey))
    for (const record of records) {
      const expected = lib.summaries.filter((s) => s.paper === record.paper.key).map(({ paper: _key, ...rest }) => rest)
      expect(record.summaries).toEqual(expected)
    }
  })

  it('writes the text the store writes for the same library', () => {
    const demo = readFileSync(new URL('../../../data/demo-library.json', import.meta.url), 'utf8')
    expect(libraryToJson(JSON.parse(demo))).toBe(demo)
  })

  it('drops unknown keys and never lets __proto__ reach an object', () => {
    const lib = JSON.parse(libraryToJson(sampleLibrary()))
    const text = JSON.stringify(lib)
      .replace('"papers":[{', '"papers":[{"__proto__":{"polluted":"yes"},"extra":1,')
      .replace('"summaries":[{', '"summaries":[{"constructor":{"prototype":{"polluted":"yes"}},')
    const { records } = readJsonLibrary(text, 'evil.json')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(records[0]!.paper)).not.toContain('extra')
    expect(Object.getPrototypeOf(records[0]!.paper)).toBe(Object.prototype)
  })

  it.each([
    ['not JSON', '{', /bad\.json is not valid JSON/],
    ['deep nesting', '['.repeat(10_000), /bad\.json is nested too deeply/],
    [
      'wrong shape',
      '{"format":"precis-library","version":1,"papers":[{"key":1}],"summaries":[],"trash":[]}',
      /bad\.json is not a valid precis library/,
    ],
    ['a newer version', '{"format":"precis-library","version":99}', /newer precis/],
  ])('refuses %s, naming the file', (_case, text, message) => {
    expect(() => readJsonLibrary(text, 'bad.json')).toThrow(DataError)
    expect(() => readJsonLibrary(text, 'bad.json')).toThrow(message)
  })

  it("keeps a paper's reading state and priority through export and import into another library", () => {
    const lib = sampleLibrary()
    Object.assign(lib.papers[0]!, { state: 'to-read', priority: 1 })
    Object.assign(lib.papers[1]!, { state: 'reading' })
    const text = libraryToJson(lib)
    expect(text).toContain('"state": "to-read",\n      "priority": 1\n')
    const into = emptyLibrary()
    mergeRecords(into, readJsonLibrary(text, 'lib.json').records, { onConflict: 'skip', now: new Date('2026-01-01T00:00:00Z') })
    const queue = (l: typeof lib) => Object.fromEntries(l.papers.map((p) => [p.key, [p.state, p.priority]]))
    expect(queue(into)).toEqual(queue(lib))
  })

  it('reads a version-1 export (the version before the reading queue)', () => {
    const lib = sampleLibrary()
    const text = libraryToJson(lib).replace('"version": 2', '"version": 1')
    expect(readJsonLibrary(text, 'old.json').records).toHaveLength(lib.papers.length)
  })

  it('reports a summary whose paper is missing', () => {
    const lib = sampleLibrary()
    lib.papers = lib.papers.filter((p) => p.key !== 'hopper1952compiler')
    const { problems } = readJsonLibrary(libraryToJson(lib), 'l.json')
    expect(problems).toEqual([
      { origin: 'l.json, summary hopper1952compiler', reason: 'its paper "hopper1952compiler" is not in the file' },
    ])
  })
})

describe('librarySubset', () => {
  it('keeps the chosen summaries with their papers, in library order, without the trash', () => {
    const lib = sampleLibrary()
    const chosen = libraryEntries(lib).filter((e) => e.id === 'hopper1952compiler' || e.id === 'lovelace2019graphs-2')
    const subset = librarySubset(lib, chosen)
    expect(subset.papers.map((p) => p.key)).toEqual(['lovelace2019graphs', 'hopper1952compiler'])
    expect(subset.summaries.map((s) => s.id)).toEqual(['lovelace2019graphs-2', 'hopper1952compiler'])
    expect(subset.trash).toEqual([])
  })
})
