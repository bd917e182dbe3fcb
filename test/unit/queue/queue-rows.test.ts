import { Chalk } from 'chalk'
import { describe, expect, it } from 'vitest'
import { formatQueueTable } from '../../../src/render/queue-rows.js'
import { displayWidth } from '../../../src/render/wrap.js'
import { paper } from '../../support/library.js'

const papers = [
  paper({ key: 'ashworth2020pretraining', state: 'to-read', priority: 4, title: 'Pretraining Text Encoders as Discriminators' }),
  paper({ key: 'd2019beta', state: 'reading', title: 'Beta' }),
]

describe('formatQueueTable', () => {
  it.each([30, 40, 50, 80, 120])('no row is wider than a terminal of %i columns', (width) => {
    const rows = formatQueueTable(papers, width, new Chalk({ level: 0 }))
      .trimEnd()
      .split('\n')
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(width)
  })

  const tags = new Map([
    ['ashworth2020pretraining', ['thesis', 'ml/representation-learning']],
    ['d2019beta', ['x'.repeat(64)]],
  ])
  it.each([30, 40, 50, 80, 120])('with tags, no row is wider than %i columns, and the title comes first', (width) => {
    const rows = formatQueueTable(papers, width, new Chalk({ level: 0 }), tags)
      .trimEnd()
      .split('\n')
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(width)
    const plain = formatQueueTable(papers, width, new Chalk({ level: 0 }))
      .trimEnd()
      .split('\n')
    // The title keeps what it had without tags; tags only take the room left after it.
    rows.forEach((row, i) => expect(row.startsWith(plain[i]!.trimEnd())).toBe(true))
  })

  it('shows the tags after the title where there is room', () => {
    const [first, second] = formatQueueTable(papers, 140, new Chalk({ level: 0 }), tags).split('\n')
    expect(first).toMatch(/Discriminators {2}#thesis #ml\/representation-learning$/)
    expect(formatQueueTable(papers, 120, new Chalk({ level: 0 }), tags)).toMatch(/Discriminators {2}#thesis \+1\n/)
    expect(second).toMatch(/Beta {2}#x+…?/)
  })
})
