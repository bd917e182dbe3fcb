/**
 * renderTable draws runs of plain rows itself (plain-rows.ts) and the rest with cli-table3: the
 * table must come out as cli-table3 draws it whole, byte for byte, whichever way each run went.
 */
import Table from 'cli-table3'
import { describe, expect, it } from 'vitest'
import { fitColumns, renderTable, type Align } from '../../../src/render/table.js'
import { displayWidth } from '../../../src/render/wrap.js'
import { pick, seeded, seedFromEnv, type Random } from '../../support/random.js'

/** The table as one cli-table3 table draws it, with renderTable's widths and options. */
function cliTable3(header: string[], rows: string[][], align: Align[], width: number): string {
  const natural = header.map((_, c) =>
    Math.max(1, ...[header, ...rows].map((row) => Math.max(0, ...(row[c] ?? '').split('\n').map(displayWidth)))),
  )
  const fitted = fitColumns(natural, width - 3 * header.length - 1)
  const table = new Table({
    head: header,
    colWidths: fitted.map((w) => w + 2),
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact: fitted.every((w, c) => w >= natural[c]!) },
  })
  for (const row of rows) table.push(header.map((_, c) => ({ content: row[c] ?? '', hAlign: align[c] ?? 'left' })))
  return table.toString()
}

const WORDS = ['a', 'graph', 'message', 'passing', 'x^2', '(1)', 'networks', '0.75', 'state-of-the-art']

/** A cell: mostly plain words, sometimes what cli-table3 must draw (wrapping, styles, wide text, breaks, empty). */
function cell(random: Random): string {
  const words = (n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ')
  return pick(random, [
    () => words(1),
    () => words(2),
    () => words(3),
    () => words(12),
    () => `\u001b[1m${words(1)}\u001b[22m ${words(1)}`,
    () => `漢字 ${words(1)}`,
    () => `${words(1)}\n${words(2)}`,
    () => `${words(1)}  ${words(1)}`,
    () => ` ${words(1)}`,
    () => '',
  ])()
}

describe('renderTable draws a table as cli-table3 draws it whole', () => {
  const seed = seedFromEnv(4500)

  it.each(Array.from({ length: 60 }, (_, i) => seed + i))('seed %i', (caseSeed) => {
    const random = seeded(caseSeed)
    const columns = 1 + Math.floor(random() * 4)
    const plainShare = random()
    const rows = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
      Array.from({ length: columns }, () => (random() < plainShare ? pick(random, WORDS) : cell(random))),
    )
    const header = Array.from({ length: columns }, () => pick(random, WORDS))
    const align = Array.from({ length: columns }, () => pick<Align>(random, ['left', 'center', 'right', null]))
    const width = 20 + Math.floor(random() * 100)
    expect(renderTable({ header, rows, align }, width)).toBe(cliTable3(header, rows, align, width))
  })

  it('runs of plain rows and of rows cli-table3 draws, stacked (450 rows, compact and not)', () => {
    const rows = Array.from({ length: 450 }, (_, i) => [
      String(i),
      i >= 200 && i < 400 && i % 50 === 7 ? `\u001b[1mbold\u001b[22m` : `row ${i}`,
    ])
    const align: Align[] = ['right', 'center']
    for (const width of [80, 12])
      expect(renderTable({ header: ['n', 'text'], rows, align }, width)).toBe(cliTable3(['n', 'text'], rows, align, width))
  })
})
