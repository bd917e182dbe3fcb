// list's rows, made fast (pieces checked whole, widths of ASCII counted, styles asked once), are what
// the plain definitions give: each field through oneLine, widths from the width library, chalk per cell.
import type { ChalkInstance } from 'chalk'
import stringWidth from 'fast-string-width'
import { describe, expect, it } from 'vitest'
import { expectEqual } from '../../support/equal.js'
import { sortedPairs, type OutlineEntry } from '../../../src/core/records/entries.js'
import { Listing } from '../../../src/core/records/listing.js'
import { libraryOutline } from '../../../src/core/records/outline.js'
import { entryTags } from '../../../src/core/tags/paper-tags.js'
import { fitTo } from '../../../src/render/fit.js'
import { fitTags, formatRowsTable, oneLine, writeRowsPlain } from '../../../src/render/summary-rows.js'
import { displayWidth } from '../../../src/render/wrap.js'
import { styleFor } from '../../../src/terminal/io.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded } from '../../support/random.js'

/** Titles and tags of every kind a row must show right: plain, wide, combining, emoji, and what oneLine changes. */
const TITLES = [
  'Plain ASCII title',
  'Tab\tinside',
  'Line\nbreak',
  'Carriage\rreturn',
  'Bidi \u202eflip',
  'Escape \u001b[31mred',
  'C1 \u0085 next line',
  '深層学習の研究',
  'Cafe\u0301 combining',
  'Emoji 🎉 party',
  '',
]
const TAGS = ['ml', 'ml/gnn', 'a-very-long-tag-that-will-not-fit-anywhere-narrow', '日本語', 'cafe\u0301', 'zwj\u200dtag', 'x\ty', 'stats']

function library(rows: number, seed: number) {
  const random = seeded(seed)
  const lib = libraryOf([])
  for (let i = 0; i < rows; i++) {
    const key = `paper${i}`
    lib.papers.push(
      paper({
        key,
        title: pick(random, TITLES) + ` ${i}`,
        year: random() < 0.1 ? null : 1990 + (i % 30),
        added: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
        ...(random() < 0.2 && { state: pick(random, ['to-read', 'reading', 'read'] as const) }),
        ...(random() < 0.2 && { tags: TAGS.filter(() => random() < 0.3) }),
      }),
    )
    if (random() < 0.8) lib.summaries.push(summary({ id: key, paper: key, tags: TAGS.filter(() => random() < 0.3) }))
  }
  return libraryOutline(lib)
}

describe('piped rows', () => {
  it.each([
    ['clean rows', 1234, (i: number) => `Title ${i}`],
    [
      'a tab, a line break and a bidi mark far apart',
      1234,
      (i: number) => (i === 20 ? 'a\tb' : i === 700 ? 'c\nd' : i === 1233 ? 'e\u202ef' : `T ${i}`),
    ],
    ['every kind of text', 1100, null],
  ])('%s: each field through oneLine, in pieces of whole rows', (_, count, title) => {
    const outline = title
      ? libraryOutline(
          libraryOf(
            Array.from({ length: count }, (_, i) =>
              paper({ key: `k${i}`, title: title(i), added: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString() }),
            ),
          ),
        )
      : library(count, 3)
    // Newest added first: one piece holds the bidi mark, the next the line break, the third the tab.
    const pairs = sortedPairs(outline, 'added')
    const pieces: string[] = []
    writeRowsPlain(new Listing(outline, pairs), (text) => pieces.push(typeof text === 'string' ? text : Buffer.from(text).toString('utf8')))
    const rows = new Listing(outline, pairs).entries()
    const expected = rows.map(
      (e) => `${oneLine(e.id)}\t${e.paper.year ?? ''}\t${oneLine(e.paper.title)}\t${oneLine(entryTags(e.paper, e.summary).join(','))}\n`,
    )
    expect(pieces.join('')).toBe(expected.join(''))
    expect(pieces.length).toBe(Math.ceil(count / 500))
    expect(pieces.every((piece) => piece.endsWith('\n'))).toBe(true)
  })

  it('writes nothing for no entries', () => {
    const pieces: string[] = []
    writeRowsPlain(new Listing(libraryOutline(libraryOf([])), []), (text) =>
      pieces.push(typeof text === 'string' ? text : Buffer.from(text).toString('utf8')),
    )
    expect(pieces).toEqual([])
  })
})

/** fitTags as it was written before widths were added up: every candidate measured whole. */
function fitTagsMeasured(tags: readonly string[], width: number): string {
  const shown = tags.map((t) => `#${oneLine(t)}`)
  if (width <= 0) return ''
  for (let count = shown.length; count > 0; count--) {
    const rest = shown.length - count
    const text = [...shown.slice(0, count), ...(rest > 0 ? [`+${rest}`] : [])].join(' ')
    if (stringWidth(text) <= width) return text
  }
  if (shown.length === 0) return ''
  const more = shown.length > 1 ? ` +${shown.length - 1}` : ''
  return fitTo(shown[0] ?? '', Math.max(1, width - more.length)).trimEnd() + more
}

/** fitTo as it was written before printable ASCII was cut by a slice. */
function fitToMeasured(text: string, width: number): string {
  if (width <= 0) return ''
  if (stringWidth(text) <= width) return text + ' '.repeat(width - stringWidth(text))
  let cut = ''
  for (const ch of text) {
    if (stringWidth(cut + ch) > width - 1) break
    cut += ch
  }
  return cut + '…' + ' '.repeat(Math.max(0, width - 1 - stringWidth(cut)))
}

describe('widths', () => {
  const texts = [...TITLES.map(oneLine), 'exactly ten', 'x', '~!@#$%^&*()_+{}|:"<>?', 'ünïcödé', '\u00a0no-break', 'a\ufe0f']
  it.each(texts)('%j: displayWidth and fitTo as the width library measures', (text) => {
    expect(displayWidth(text)).toBe(stringWidth(text))
    for (let width = 0; width <= 30; width++) expectEqual([width, fitTo(text, width)], [width, fitToMeasured(text, width)])
  })

  it('fitTags: what measuring every candidate gives, for tags of every kind and every width', () => {
    const random = seeded(11)
    for (let round = 0; round < 200; round++) {
      const tags = TAGS.filter(() => random() < 0.4)
      for (let width = 0; width <= 60; width += 1 + Math.floor(random() * 4))
        expectEqual([tags, width, fitTags(tags, width)], [tags, width, fitTagsMeasured(tags, width)])
    }
  })
})

/** formatRowsTable as it was written over entries: every width measured, chalk asked for every cell. */
function tableMeasured(entries: readonly OutlineEntry[], width: number, style: ChalkInstance): string {
  const marker = (e: OutlineEntry) =>
    e.paper.state === 'to-read' ? '(to read)' : e.paper.state === 'reading' ? '(reading)' : '(to summarise)'
  const tagsCell = (e: OutlineEntry, room: number) => {
    const tags = entryTags(e.paper, e.summary)
    if (e.summary) return fitTagsMeasured(tags, room)
    const left = room - stringWidth(marker(e)) - 1
    if (tags.length === 0 || left <= 0) return room === Infinity ? marker(e) : fitToMeasured(marker(e), room).trimEnd()
    return `${marker(e)} ${fitTagsMeasured(tags, left)}`
  }
  const idWidth = Math.min(32, Math.floor(width / 3), Math.max(2, ...entries.map((e) => stringWidth(oneLine(e.id)))))
  const tagsNatural = Math.max(0, ...entries.map((e) => stringWidth(tagsCell(e, Infinity))))
  const titleNatural = Math.max(1, ...entries.map((e) => stringWidth(oneLine(e.paper.title))))
  const room = width - idWidth - 4 - 6
  const titleWidth = Math.max(10, Math.min(titleNatural, room - Math.min(tagsNatural, 14)))
  const tagsWidth = Math.max(0, room - titleWidth)
  return entries
    .map((e) => {
      const line = [
        style.cyan(fitToMeasured(oneLine(e.id), idWidth)),
        style.dim(fitToMeasured(String(e.paper.year ?? '—'), 4)),
        fitToMeasured(oneLine(e.paper.title), titleWidth),
        style.yellow(tagsCell(e, tagsWidth)),
      ].join('  ')
      return line.trimEnd() + '\n'
    })
    .join('')
}

describe('terminal rows', () => {
  it.each([
    [24, false],
    [60, true],
    [100, false],
    [180, true],
  ])('at %i columns (colour: %s): what measuring every cell and styling it with chalk gives', (width, color) => {
    for (const seed of [5, 6, 7]) {
      const outline = library(300, seed)
      const pairs = sortedPairs(outline, 'year')
      const style = styleFor(color)
      expect(formatRowsTable(new Listing(outline, pairs), width, style)).toBe(
        tableMeasured(new Listing(outline, pairs).entries(), width, style),
      )
    }
  })
})
