import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { uniqueFileNames } from '../../../src/core/text/filenames.js'
import { mergeRecords } from '../../../src/core/merge/import-merge.js'
import { emptyLibrary, type Library } from '../../../src/core/model.js'
import { validateLibrary } from '../../../src/core/schema/schema.js'
import { libraryToJson, readJsonLibrary } from '../../../src/formats/json.js'
import { readMarkdownSummary, summaryToMarkdown } from '../../../src/formats/markdown.js'
import type { ImportResult } from '../../../src/core/merge/imported-records.js'
import { sampleLibrary } from './sample-library.js'

const demoText = readFileSync(new URL('../../../data/demo-library.json', import.meta.url), 'utf8')
const demo = () => validateLibrary(JSON.parse(demoText), 'demo-library.json')
const now = new Date('2030-01-01T00:00:00.000Z')

/** What `export --format md --out dir` writes: file name → content. */
function exportMarkdown(lib: Library): Map<string, string> {
  const names = uniqueFileNames(
    lib.summaries.map((s) => s.id),
    '.md',
  )
  const papers = new Map(lib.papers.map((p) => [p.key, p]))
  return new Map(lib.summaries.map((s) => [names.get(s.id)!, summaryToMarkdown(s, papers.get(s.paper)!)]))
}

function importInto(lib: Library, results: ImportResult[]): Library {
  expect(results.flatMap((r) => r.problems)).toEqual([])
  mergeRecords(
    lib,
    results.flatMap((r) => r.records),
    { onConflict: 'skip', now },
  )
  return lib
}

const sorted = (lib: Library) => ({
  papers: [...lib.papers].sort((a, b) => (a.key < b.key ? -1 : 1)),
  summaries: [...lib.summaries].sort((a, b) => (a.id < b.id ? -1 : 1)),
})

describe.each([
  ['the demo library', demo],
  ['a library of awkward values', sampleLibrary],
])('%s', (_name, library) => {
  it('survives md export → import → export with identical files and every field', () => {
    const files = exportMarkdown(library())
    const back = importInto(
      emptyLibrary(),
      [...files].map(([name, text]) => readMarkdownSummary(text, name)),
    )
    expect(exportMarkdown(back)).toEqual(files)
    expect(sorted(back)).toEqual(sorted(library()))
  })

  it('survives json export → import → export byte for byte', () => {
    const text = libraryToJson(library())
    const back = importInto(emptyLibrary(), [readJsonLibrary(text, 'lib.json')])
    expect(libraryToJson(back)).toBe(text)
    expect(sorted(back)).toEqual(sorted(library()))
  })

  it('is unchanged by importing its own exports again', () => {
    const lib = library()
    const before = libraryToJson(lib)
    importInto(lib, [readJsonLibrary(before, 'lib.json')])
    importInto(
      lib,
      [...exportMarkdown(lib)].map(([name, text]) => readMarkdownSummary(text, name)),
    )
    expect(libraryToJson(lib)).toBe(before)
  })
})
