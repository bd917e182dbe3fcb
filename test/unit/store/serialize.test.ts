import { describe, expect, it } from 'vitest'
import type { Library, Paper } from '../../../src/core/model.js'
import { serializeLibrary, stableLibrary } from '../../../src/store/serialize.js'
import { paper, smallLibrary, summary } from '../../support/library.js'

// The records are written field by field rather than through JSON.stringify: the text must still
// be exactly what JSON.stringify gives for the stable form, whatever the records hold.
const text = (lib: Library) => [...serializeLibrary(lib)].join('')
const reference = (lib: Library) => JSON.stringify(stableLibrary(lib), null, 2) + '\n'

function oddLibrary(): Library {
  const lib = smallLibrary()
  const odd = (fields: Record<string, unknown>) => fields as unknown as Paper
  lib.papers.push(
    paper({ key: 'empty-authors', authors: [], category: null, abstract: 'Line one\nline two "quoted" \\ tab\t end' }),
    paper({ key: 'unicode', title: 'Schrödinger, θ, 𝔼 and \u2028 and a lone \ud800', authors: ['Ł', 'é'], category: 'cs.LG', year: 0 }),
    odd({ ...paper({ key: 'stray' }), extra: { nested: [1, 'two'] }, venue: undefined }),
    odd({ ...paper({ key: 'strange-values' }), authors: [1, null, ['x']], year: 1.5, url: { a: [] } }),
  )
  lib.summaries.push(summary({ id: 'tagged', paper: 'unicode', tags: ['ml/gnn', 'ü'], body: '' }))
  lib.trash = [
    { summary: summary({ id: 'gone', paper: 'stray' }), paper: null, deleted: '2025-01-02T00:00:00Z' },
    {
      summary: { ...summary({ id: 'gone-2', paper: 'x' }), tags: ['a'] },
      paper: paper({ key: 'x', authors: [] }),
      deleted: '2025-01-01T00:00:00Z',
    },
  ]
  return lib
}

describe('serializeLibrary writes exactly what JSON.stringify gives for the stable form', () => {
  it.each([
    ['the small library', smallLibrary()],
    ['records holding every kind of value', oddLibrary()],
    ['an empty library', { ...smallLibrary(), papers: [], summaries: [] }],
  ])('for %s', (_, lib) => {
    expect(text(lib)).toBe(reference(lib))
  })

  it('yields one piece per record, never the whole text at once', () => {
    const lib = oddLibrary()
    const longest = Math.max(...[...serializeLibrary(lib)].map((piece) => piece.length))
    expect(longest).toBeLessThan(text(lib).length / 4)
  })
})
