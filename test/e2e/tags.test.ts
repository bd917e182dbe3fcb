import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../src/core/model.js'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

const SIZE = 1000
const CREATED = '2024-02-01T00:00:00.000Z'

/** Four kinds of summary, in turn: `ml` (every tenth also `graph`), `ml/gnn`, `ml/gnn/mpnn` with `graph/gnn`, `graph`. */
function tagsFor(i: number): string[] {
  switch (i % 4) {
    case 0:
      return i % 10 === 0 ? ['ml', 'graph'] : ['ml']
    case 1:
      return ['ml/gnn', 'todo']
    case 2:
      return ['ml/gnn/mpnn', 'graph/gnn']
    default:
      return ['bayesian', 'graph']
  }
}

function bigLibrary(): Library {
  const keys = Array.from({ length: SIZE }, (_, i) => `author${i}2020paper`)
  return libraryOf(
    keys.map((key, i) => paper({ key, title: `Paper number ${i}` })),
    keys.map((key, i) => summary({ id: key, paper: key, tags: tagsFor(i) })),
  )
}

/** What renaming `ml` to `graph` should leave: children moved, duplicates merged, order kept. */
function renamed(tags: string[]): string[] {
  return [...new Set(tags.map((t) => (t === 'ml' ? 'graph' : t.startsWith('ml/') ? 'graph' + t.slice(2) : t)))]
}

describe('tags on a library of 1,000 summaries (spawned)', () => {
  it('renames a parent tag everywhere, merging into the existing one, and the counts follow', async () => {
    const path = join(tempDir(), 'library.json')
    const before = bigLibrary()
    writeFileSync(path, JSON.stringify(before))

    const result = await runPrecis(['--library', path, 'tags', 'rename', 'ML', 'graph'])
    expect(result.code).toBe(0)
    const changed = before.summaries.filter((s) => s.tags.some((t) => t === 'ml' || t.startsWith('ml/'))).map((s) => s.id)
    expect(changed).toHaveLength(750)
    expect(result.stdout).toBe(changed.map((id) => id + '\n').join(''))
    expect(result.stderr).toBe('Renamed "ml" to "graph" on 750 summaries, merged into the existing tag "graph"\n')

    const after = parseLibrary(readFileSync(path, 'utf8'), path)
    expect(after.summaries).toHaveLength(SIZE)
    after.summaries.forEach((s, i) => {
      const original = before.summaries[i]!
      expect(s.id).toBe(original.id)
      expect(s.tags).toEqual(renamed(original.tags))
      expect(s.tags.some((t) => t === 'ml' || t.startsWith('ml/'))).toBe(false)
      expect(s.updated !== CREATED).toBe(changed.includes(s.id))
    })
    expect(after.summaries[0]!.tags).toEqual(['graph']) // `ml` + `graph` merged into one

    const tags = await runPrecis(['--library', path, '--json', 'tags', '--sort', 'name'])
    expect(tags.code).toBe(0)
    expect(JSON.parse(tags.stdout)).toEqual([
      { tag: 'bayesian', count: 250, own: 250 },
      { tag: 'graph', count: 1000, own: 500 },
      { tag: 'graph/gnn', count: 500, own: 500 },
      { tag: 'graph/gnn/mpnn', count: 250, own: 250 },
      { tag: 'todo', count: 250, own: 250 },
    ])

    const tree = await runPrecis(['--library', path, 'tags'])
    expect(tree.stdout).toBe('graph\t1000\t500\ngraph/gnn\t500\t500\nbayesian\t250\t250\ngraph/gnn/mpnn\t250\t250\ntodo\t250\t250\n')
  })

  it('tag --query changes every match after --yes, and only then', async () => {
    const path = join(tempDir(), 'library.json')
    writeFileSync(path, JSON.stringify(bigLibrary()))
    const refused = await runPrecis(['--library', path, 'tag', '--query', 'tag:ml/gnn', '+reviewed'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('on 500 summaries: pass --yes')

    const done = await runPrecis(['--library', path, 'tag', '--query', 'tag:ml/gnn', '+reviewed', '-todo', '--yes'])
    expect(done.code).toBe(0)
    expect(done.stdout.split('\n').filter(Boolean)).toHaveLength(500)
    const after = parseLibrary(readFileSync(path, 'utf8'), path)
    after.summaries.forEach((s, i) => {
      const expected = i % 4 === 1 ? ['ml/gnn', 'reviewed'] : i % 4 === 2 ? [...tagsFor(i), 'reviewed'] : tagsFor(i)
      expect(s.tags).toEqual(expected)
    })
  })
})
