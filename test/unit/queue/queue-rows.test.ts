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
})
