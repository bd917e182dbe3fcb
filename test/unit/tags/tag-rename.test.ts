import { describe, expect, it } from 'vitest'
import { NotFoundError, UsageError } from '../../../src/core/errors.js'
import type { Library } from '../../../src/core/model.js'
import { removeTag, renameTag, tagsInUse } from '../../../src/core/tags/rename.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const now = new Date('2026-05-06T07:08:09.000Z')

/** A library with one summary per tag list, ids s1, s2, ... */
function withTags(...tagLists: string[][]): Library {
  return libraryOf(
    [paper({ key: 'p' })],
    tagLists.map((tags, i) => summary({ id: `s${i + 1}`, paper: 'p', tags })),
  )
}

const tagsOf = (lib: Library) => lib.summaries.map((s) => s.tags)

describe('renameTag', () => {
  it.each([
    ['renames a plain tag', [['ml'], ['bayes']], 'ml', 'graph', [['graph'], ['bayes']], ['s1'], false],
    [
      'renames the tags below it',
      [['ml/gnn', 'x'], ['ml'], ['ml/gnn/mpnn'], ['mlops']],
      'ml',
      'graph',
      [['graph/gnn', 'x'], ['graph'], ['graph/gnn/mpnn'], ['mlops']],
      ['s1', 's2', 's3'],
      false,
    ],
    [
      'merges into an existing tag without duplicates',
      [['gnns', 'gnn'], ['gnns'], ['gnn']],
      'gnns',
      'gnn',
      [['gnn'], ['gnn'], ['gnn']],
      ['s1', 's2'],
      true,
    ],
    ['keeps the position of the first of the merged tags', [['a', 'gnn', 'b', 'gnns']], 'gnns', 'gnn', [['a', 'gnn', 'b']], ['s1'], true],
    [
      'merges children into an existing hierarchy',
      [['ml/gnn'], ['graph/gnn', 'ml/gnn']],
      'ml',
      'graph',
      [['graph/gnn'], ['graph/gnn']],
      ['s1', 's2'],
      true,
    ],
    [
      'counts a parent only in use through children as existing',
      [['ml'], ['graph/x']],
      'ml',
      'graph',
      [['graph'], ['graph/x']],
      ['s1'],
      true,
    ],
    ['moves a child up into its parent', [['ml', 'ml/gnn'], ['ml/gnn/x']], 'ml/gnn', 'ml', [['ml'], ['ml/x']], ['s1', 's2'], true],
    ['moves a tag below itself', [['ml'], ['ml/gnn']], 'ml', 'ml/old', [['ml/old'], ['ml/old/gnn']], ['s1', 's2'], false],
    ['renames only a child', [['ml', 'ml/gnn']], 'ml/gnn', 'graph', [['ml', 'graph']], ['s1'], false],
    [
      'handles prototype names like any other',
      [['__proto__'], ['constructor']],
      '__proto__',
      'constructor',
      [['constructor'], ['constructor']],
      ['s1'],
      true,
    ],
  ])('%s', (_, before, from, to, after, changed, merged) => {
    const lib = withTags(...before)
    const result = renameTag(lib, from, to, now)
    expect(tagsOf(lib)).toEqual(after)
    expect(result).toEqual({ changed, papers: [], inTrash: 0, merged })
    for (const s of lib.summaries) expect(s.updated).toBe(changed.includes(s.id) ? now.toISOString() : '2024-02-01T00:00:00.000Z')
  })

  it('renames in the trash too, so a restore does not bring the old name back', () => {
    const lib = withTags(['ml/gnn'])
    lib.trash.push({ summary: summary({ id: 'old', paper: 'p', tags: ['ml', 'todo'] }), paper: null, deleted: '2025-01-01T00:00:00.000Z' })
    expect(renameTag(lib, 'ml', 'graph', now)).toEqual({ changed: ['s1'], papers: [], inTrash: 1, merged: false })
    expect(lib.trash[0]!.summary!.tags).toEqual(['graph', 'todo'])
  })

  it('refuses an unknown tag with close candidates, exit 3', () => {
    const lib = withTags(['gnn'], ['graph'])
    const attempt = () => renameTag(lib, 'gnm', 'x', now)
    expect(attempt).toThrow(NotFoundError)
    try {
      attempt()
    } catch (error) {
      expect((error as NotFoundError).details).toEqual(['Did you mean:', '  gnn'])
    }
  })

  it('refuses a rename that would make a child longer than 64 characters, changing nothing', () => {
    const lib = withTags(['ml/' + 'g'.repeat(60)], ['ml'])
    expect(() => renameTag(lib, 'ml', 'machine-learning', now)).toThrow(UsageError)
    expect(() => renameTag(lib, 'ml', 'machine-learning', now)).toThrow(`"ml/${'g'.repeat(60)}"`)
    expect(tagsOf(lib)).toEqual([['ml/' + 'g'.repeat(60)], ['ml']])
  })

  it('refuses renaming a tag to itself', () => expect(() => renameTag(withTags(['a']), 'a', 'a', now)).toThrow(UsageError))
})

describe('removeTag', () => {
  it.each([
    ['removes the tag only', [['ml', 'ml/gnn'], ['ml'], ['x']], 'ml', false, [['ml/gnn'], [], ['x']], ['s1', 's2']],
    [
      'removes the tags below it with recursive',
      [['ml', 'ml/gnn'], ['ml/rl', 'x'], ['mlops']],
      'ml',
      true,
      [[], ['x'], ['mlops']],
      ['s1', 's2'],
    ],
    ['removes a child alone', [['ml', 'ml/gnn']], 'ml/gnn', false, [['ml']], ['s1']],
  ])('%s', (_, before, tag, recursive, after, changed) => {
    const lib = withTags(...before)
    expect(removeTag(lib, tag, recursive, now)).toEqual({ changed, papers: [], inTrash: 0 })
    expect(tagsOf(lib)).toEqual(after)
  })

  it('refuses a parent that only has children unless recursive', () => {
    expect(() => removeTag(withTags(['ml/gnn']), 'ml', false, now)).toThrow('pass --recursive')
  })

  it('refuses an unknown tag, exit 3', () => expect(() => removeTag(withTags(['a']), 'b', true, now)).toThrow(NotFoundError))
})

describe('tagsInUse', () => {
  it('holds summary and trash tags with their parents', () => {
    const lib = withTags(['a/b'], ['c'])
    lib.trash.push({ summary: summary({ id: 'old', paper: 'p', tags: ['d/e'] }), paper: null, deleted: '2025-01-01T00:00:00.000Z' })
    expect([...tagsInUse(lib)].sort()).toEqual(['a', 'a/b', 'c', 'd', 'd/e'])
  })
})
