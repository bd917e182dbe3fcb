/**
 * Lists as long as a user's data makes them, past what a call's arguments hold: each of these spread
 * its list into Math.max or push and threw "Maximum call stack size exceeded" past about 125,000 items.
 */
import { Chalk } from 'chalk'
import { describe, expect, it } from 'vitest'
import { formatRelated } from '../../src/commands/related/view.js'
import { formatTagColumns } from '../../src/commands/tags/tree.js'
import { largest, pushAll, smallest } from '../../src/core/lists.js'
import { FIELD_LIMITS } from '../../src/core/records/field-rules.js'
import { moveToTrash } from '../../src/core/records/trash.js'
import { textSimilarity } from '../../src/core/related/text.js'
import { checkImportResult } from '../../src/formats/record-check.js'
import { drawTable } from '../../src/render/math-blocks.js'
import { formatQueueTable } from '../../src/render/queue-rows.js'
import { renderTable } from '../../src/render/table.js'
import { formatTrashTable } from '../../src/render/trash-rows.js'
import { centre } from '../../src/render/wrap.js'
import { libraryOf, paper, summary } from '../support/library.js'

/** Just past the ~125,000 items that fill V8's stack (984 KB) when spread into one call's arguments. */
const LONG = 130_000
const plain = new Chalk({ level: 0 })
const many = <T>(make: (i: number) => T): T[] => Array.from({ length: LONG }, (_, i) => make(i))
const lineCount = (text: string) => text.split('\n').length

describe('largest, smallest and pushAll take lists of any length', () => {
  it.each([
    [[], -Infinity, -Infinity],
    [[], 3, 3],
    [[1, 5, 2], -Infinity, 5],
    [[1, 5, 2], 7, 7],
    [[-4, -2], -Infinity, -2],
  ])('largest(%j, %d) is %d, as Math.max gives', (values, floor, expected) => {
    expect(largest(values, floor)).toBe(expected)
    expect(largest(values, floor)).toBe(Math.max(floor, ...values))
  })

  it.each([
    [[], Infinity, Infinity],
    [[], 3, 3],
    [[4, 1, 5], Infinity, 1],
    [[4, 1, 5], 0, 0],
    [[-4, -2], Infinity, -4],
  ])('smallest(%j, %d) is %d, as Math.min gives', (values, ceiling, expected) => {
    expect(smallest(values, ceiling)).toBe(expected)
    expect(smallest(values, ceiling)).toBe(Math.min(ceiling, ...values))
  })

  it('a list of 130,000 numbers and one of 130,000 items appended', () => {
    expect(largest(many((i) => (i * 7919) % LONG))).toBe(LONG - 1)
    expect(smallest(many((i) => ((i * 7919) % LONG) + 1))).toBe(1)
    const list = ['first']
    pushAll(list, many(String))
    expect(list).toHaveLength(LONG + 1)
    expect(list.at(-1)).toBe(String(LONG - 1))
  })
})

describe('the renderers over 130,000 rows', () => {
  it('a Markdown table of 130,000 rows', () => {
    const rows = many((i) => [String(i)])
    rows[rows.length - 1] = ['the widest cell']
    const drawn = renderTable({ header: ['n'], rows, align: [null] }, 80)
    expect(drawn).toContain('│ the widest cell │')
    expect(lineCount(drawn)).toBe(rows.length + 4)
  })

  it('a displayed formula of 130,000 lines, centred as one block', () => {
    const lines = many((i) => (i === 7 ? 'x'.repeat(20) : 'x'))
    const centred = centre(lines, 40)
    expect(centred).toHaveLength(LONG)
    expect(centred[7]).toBe(' '.repeat(10) + 'x'.repeat(20))
  })

  it('a matrix of 130,000 rows', () => {
    const drawn = drawTable(
      many((i) => [String(i % 10)]),
      '(',
      ')',
      false,
    )
    expect(lineCount(drawn)).toBe(LONG)
  })

  it('a queue of 130,000 papers', () => {
    const papers = many((i) => paper({ key: `key${i}`, state: 'to-read' }))
    const drawn = formatQueueTable(papers, 100, plain)
    expect(lineCount(drawn)).toBe(LONG + 1)
    expect(drawn).toContain(`key${LONG - 1}`)
  })

  it('a trash of 130,000 entries', () => {
    const rows = many((i) => ({ id: `id${i}`, kind: 'summary' as const, deleted: '2026-12-07', title: `Title ${i}` }))
    const drawn = formatTrashTable(rows, 100, plain)
    expect(drawn).toContain(`id${LONG - 1}`)
    expect(drawn).toContain(`Title ${LONG - 1}`)
  })

  it('130,000 tags, one a line', () => {
    const counts = many((i) => ({ tag: `tag${i}`, count: i + 1, own: i + 1 }))
    const drawn = formatTagColumns(counts, plain)
    expect(lineCount(drawn)).toBe(LONG + 1)
    expect(drawn.split('\n')[0]).toBe('     1  tag0')
  })

  it('130,000 related papers', () => {
    const reasons = { tags: [], bothCite: [], cites: false, citedBy: false, words: [] }
    const related = many((i) => ({ paper: paper({ key: `key${i}` }), at: i, summaries: [], score: 0.5, reasons }))
    const drawn = formatRelated(related, 'self', 100, plain)
    expect(drawn).toContain(`key${LONG - 1}`)
  })
})

describe('the library over 130,000 records', () => {
  it('a paper of 130,000 summaries moved to the trash', () => {
    const summaries = many((i) => summary({ id: `s${i}`, paper: 'p' }))
    const lib = libraryOf([paper({ key: 'p' })], summaries)
    const entries = moveToTrash(
      lib,
      summaries.map((s) => s.id),
      new Date('2026-12-07T00:00:00Z'),
      ['p'],
    )
    expect(entries).toHaveLength(LONG)
    expect(lib.trash).toHaveLength(LONG)
    expect(lib.summaries).toEqual([])
  })

  it('an imported record of 130,000 summaries each refused', () => {
    const record = {
      origin: 'notes.json',
      paper: { ...paper({ key: 'p' }), key: 'p' },
      summaries: many(() => ({ id: null, by: 'x'.repeat(FIELD_LIMITS.by + 1), body: 'x', tags: [], created: null, updated: null })),
    }
    const checked = checkImportResult({ records: [record], problems: [] })
    expect(checked.records).toEqual([])
    expect(checked.problems).toHaveLength(LONG)
  })

  it('a related paper scored against 130,000 others', () => {
    const texts = new Map(many((i) => [`key${i}`, `graph networks ${i}`] as [string, string]))
    const scores = textSimilarity(texts, [{ term: 'graph', weight: 1 }], 'absent')
    expect(scores.size).toBe(LONG)
  })
})
