import { describe, expect, it } from 'vitest'
import type { Paper } from '../../../src/core/model.js'
import { entryTags, settlePaperTags, tagsByPaper, takeOverPaperTags } from '../../../src/core/tags/paper-tags.js'
import { applyTagChanges, tagTargets } from '../../../src/core/tags/changes.js'
import { removeTag, renameTag, tagsInUse } from '../../../src/core/tags/rename.js'
import { libraryOutline } from '../../../src/core/records/outline.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { outlineFilter } from '../../../src/core/search/outline-filter.js'
import { filterEntries } from '../../../src/core/search/search.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { addSummary } from '../../../src/core/papers/papers.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const now = new Date('2026-01-02T03:04:05.000Z')
const OLD = '2024-02-01T00:00:00.000Z'

/** A queued paper tagged `thesis`, a summarised one, and an untagged paper alone. */
function queueLibrary() {
  return libraryOf(
    [paper({ key: 'q', state: 'to-read', tags: ['thesis'] }), paper({ key: 's' }), paper({ key: 'u' })],
    [summary({ id: 's', paper: 's', tags: ['ml/gnn'] })],
  )
}

describe('entryTags', () => {
  it.each<[string, string[] | undefined, string[] | null, string[]]>([
    ['a paper alone without tags', undefined, null, []],
    ['a paper alone with its own', ['thesis', 'ml'], null, ['thesis', 'ml']],
    ['a summary of an untagged paper', undefined, ['gnn'], ['gnn']],
    ['a summary of a paper with an empty list', [], ['gnn'], ['gnn']],
    ['a summary of a paper with its own tags (the summary first, no repeats)', ['thesis', 'gnn'], ['gnn', 'ml'], ['gnn', 'ml', 'thesis']],
  ])('%s', (_, own, tags, shown) => {
    const p: Pick<Paper, 'tags'> = own === undefined ? {} : { tags: own }
    expect(entryTags(p, tags === null ? null : { tags })).toEqual(shown)
  })

  it('hands back the summary list itself when the paper has none (no copy per entry)', () => {
    const s = { tags: ['a'] }
    expect(entryTags({}, s)).toBe(s.tags)
  })
})

describe('takeOverPaperTags', () => {
  it.each<[string, string[] | undefined, string[], string[], boolean]>([
    ['no own tags: nothing to take', undefined, ['a'], ['a'], false],
    ['own tags after the summary’s, without repeats', ['thesis', 'a'], ['a'], ['a', 'thesis'], true],
    ['an empty own list goes too', [], ['a'], ['a'], false],
  ])('%s', (_, own, before, after, took) => {
    const p = paper({ key: 'p', ...(own === undefined ? {} : { tags: own }) })
    const s = summary({ id: 'p', paper: 'p', tags: before })
    expect(takeOverPaperTags(p, s)).toBe(took)
    expect(s.tags).toEqual(after)
    expect(p).not.toHaveProperty('tags')
  })

  it('is what addSummary does: the first summary of a tagged queued paper carries its tags, and the paper is read', () => {
    const lib = queueLibrary()
    const { summary: s, paper: p } = addSummary(lib, lib.papers[0]!, { by: '', body: 'x', tags: ['gnn'] }, now, 'q')
    expect(s.tags).toEqual(['gnn', 'thesis'])
    expect(p).not.toHaveProperty('tags')
    expect(p.state).toBe('read')
  })
})

describe('settlePaperTags', () => {
  it('moves a summarised paper’s own tags down to each summary, stamping none', () => {
    const lib = libraryOf(
      [paper({ key: 'p', tags: ['x', 'y'] }), paper({ key: 'o', tags: ['z'] })],
      [summary({ id: 'p', paper: 'p', tags: ['x'] }), summary({ id: 'p-2', paper: 'p', tags: [] })],
    )
    expect(settlePaperTags(lib.papers[0]!, lib.summaries)).toEqual(['p', 'p-2'])
    expect(lib.summaries.map((s) => [s.id, s.tags, s.updated])).toEqual([
      ['p', ['x', 'y'], OLD],
      ['p-2', ['x', 'y'], OLD],
    ])
    expect(lib.papers[0]).not.toHaveProperty('tags')
    // A paper alone keeps its own.
    expect(settlePaperTags(lib.papers[1]!, [])).toEqual([])
    expect(lib.papers[1]!.tags).toEqual(['z'])
  })
})

describe('applyTagChanges on papers', () => {
  it('tags a paper alone in its own list, and a list left empty is removed', () => {
    const lib = queueLibrary()
    const made = applyTagChanges(lib, [{ kind: 'paper', id: 'u' }], { add: ['later'], remove: [] }, now)
    expect(made).toEqual([{ id: 'u', added: ['later'], removed: [], tags: ['later'] }])
    expect(lib.papers[2]!.tags).toEqual(['later'])
    applyTagChanges(lib, [{ kind: 'paper', id: 'q' }], { add: [], remove: ['thesis'] }, now)
    expect(lib.papers[0]).not.toHaveProperty('tags')
  })

  it('changes the summaries of a paper that gained one since it was chosen, as tag <key> would now', () => {
    const lib = queueLibrary()
    const made = applyTagChanges(lib, [{ kind: 'paper', id: 's' }], { add: ['x'], remove: [] }, now)
    expect(made).toEqual([{ id: 's', added: ['x'], removed: [], tags: ['ml/gnn', 'x'] }])
    expect(lib.papers[1]).not.toHaveProperty('tags')
  })

  it('removing from a summary a tag it shows through its paper takes it off for good', () => {
    const lib = libraryOf(
      [paper({ key: 'p', tags: ['thesis'] })],
      [summary({ id: 'p', paper: 'p', tags: ['a'] }), summary({ id: 'p-2', paper: 'p', tags: [] })],
    )
    const [target] = tagTargets(libraryEntries(lib))
    expect(target).toEqual({ kind: 'summary', id: 'p', tags: ['a', 'thesis'] })
    const made = applyTagChanges(lib, [target!], { add: [], remove: ['thesis'] }, now)
    expect(made).toEqual([{ id: 'p', added: [], removed: ['thesis'], tags: ['a'] }])
    // The other summary keeps the tag it showed.
    expect(libraryEntries(lib).map((e) => [e.id, entryTags(e.paper, e.summary)])).toEqual([
      ['p', ['a']],
      ['p-2', ['thesis']],
    ])
  })

  it('skips a paper that left the library', () => {
    expect(applyTagChanges(queueLibrary(), [{ kind: 'paper', id: 'gone' }], { add: ['x'], remove: [] }, now)).toEqual([])
  })
})

describe('tags rename and rm reach papers’ own tags', () => {
  it('renames in papers, summaries and the trash’s papers, naming the papers apart', () => {
    const lib = queueLibrary()
    lib.trash.push({ summary: summary({ id: 't', paper: 't', tags: [] }), paper: paper({ key: 't', tags: ['thesis/ch1'] }), deleted: OLD })
    expect(tagsInUse(lib)).toEqual(new Set(['ml', 'ml/gnn', 'thesis', 'thesis/ch1']))
    expect(renameTag(lib, 'thesis', 'phd', now)).toEqual({ changed: [], papers: ['q'], inTrash: 1, merged: false })
    expect(lib.papers[0]!.tags).toEqual(['phd'])
    expect(lib.trash[0]!.paper!.tags).toEqual(['phd/ch1'])
  })

  it('rm finds a tag only a paper has, and removes the list with its last tag', () => {
    const lib = queueLibrary()
    expect(removeTag(lib, 'thesis', false, now)).toEqual({ changed: [], papers: ['q'], inTrash: 0 })
    expect(lib.papers[0]).not.toHaveProperty('tags')
  })
})

describe('reads see a paper’s own tags', () => {
  it('tags counts them (index and library alike: the outline)', () => {
    expect(libraryOutline(queueLibrary()).tagCounts()).toEqual([
      { tag: 'ml', count: 1, own: 0 },
      { tag: 'ml/gnn', count: 1, own: 1 },
      { tag: 'thesis', count: 1, own: 1 },
    ])
  })

  it.each([
    ['tag:thesis', ['q']],
    ['state:to-read tag:thesis', ['q']],
    ['-tag:thesis', ['s', 'u']],
    ['tag:ml', ['s']],
  ])('%s finds %j in the outline filter and the scan alike', (text, ids) => {
    const lib = queueLibrary()
    const entries = libraryEntries(lib)
    const query = parseQuery(text)
    expect(entries.filter(outlineFilter(query)!).map((e) => e.id)).toEqual(ids)
    expect(
      filterEntries(entries, query)
        .map((e) => e.id)
        .sort(),
    ).toEqual(ids)
  })

  it('tagsByPaper gives each paper its summaries’ tags then its own', () => {
    const lib = libraryOf(
      [paper({ key: 'p', tags: ['own', 'a'] }), paper({ key: 'q' })],
      [summary({ id: 'p', paper: 'p', tags: ['a', 'b'] }), summary({ id: 'q', paper: 'q', tags: [] })],
    )
    expect([...tagsByPaper(lib)]).toEqual([['p', ['a', 'b', 'own']]])
  })
})
