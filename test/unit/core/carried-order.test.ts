/** carriedOrders: the orders after a change carried over from those before, exactly as sorting them again gives. */
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { carriedOrders, sortFieldsOf, type OrdersBefore } from '../../../src/core/records/carried-order.js'
import { entryPairs, libraryEntries, pairsInOrder } from '../../../src/core/records/entries.js'
import { libraryOutline, type SortOrder } from '../../../src/core/records/outline.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, type Random } from '../../support/random.js'

const ORDERS: readonly SortOrder[] = ['added', 'year', 'title']

/** The entries of `library`, their pairs and each order sorted whole (what an index build does). */
function sorted(library: Library) {
  const entries = libraryEntries(library)
  const pairs = entryPairs(libraryOutline(library), entries)
  const orders = Object.fromEntries(ORDERS.map((order) => [order, pairsInOrder(entries, pairs, order)])) as Record<SortOrder, number[]>
  return { entries, pairs, orders }
}

/** The orders of `after` carried over from those of `before`, and sorted whole. */
function carriedAndSorted(before: Library, after: Library) {
  const kept: OrdersBefore = { orders: sorted(before).orders, fields: sortFieldsOf(before) }
  const now = sorted(after)
  return { carried: carriedOrders(kept, now.entries, now.pairs, ORDERS), sorted: now.orders }
}

/** A library where orders tie: titles equal but for case and accents, shared years and times, ids equal under collation. */
function tiedLibrary(): Library {
  const papers = [
    paper({ key: 'a2020graph', title: 'Graph networks', year: 2020, added: '2024-01-01T00:00:00.000Z' }),
    paper({ key: 'b2020graph', title: 'graph Networks', year: 2020, added: '2024-01-01T00:00:00.000Z' }),
    paper({ key: 'c2019graph', title: 'Gráph networks', year: 2019, added: '2024-01-02T00:00:00.000Z' }),
    paper({ key: 'd2021att', title: 'Attention', year: null, added: '2024-01-03T00:00:00.000Z' }),
    paper({ key: 'e2018alone', title: 'Zebra', year: 2018, added: '2024-01-01T00:00:00.000Z' }),
    paper({ key: 'f2018alone', title: 'zebra', year: 2018, added: '2024-01-01T00:00:00.000Z' }),
  ]
  const created = '2024-02-01T00:00:00.000Z'
  const summaries = [
    summary({ id: 'a2020graph', paper: 'a2020graph', created }),
    summary({ id: 'b2020graph', paper: 'b2020graph', created }),
    summary({ id: 'c2019graph', paper: 'c2019graph', created: '2024-02-02T00:00:00.000Z' }),
    // The same id to the collator (é composed, and e with a combining accent): a tie a stable sort keeps in library order.
    summary({ id: 'd2021att-\u00e9', paper: 'd2021att', created }),
    summary({ id: 'd2021att-e\u0301', paper: 'd2021att', created }),
  ]
  return libraryOf(papers, summaries)
}

type Change = (library: Library) => void

const CHANGES: [string, Change][] = [
  [
    'a paper and its summary added',
    (l) => {
      l.papers.splice(2, 0, paper({ key: 'b2020graphb', title: 'Graph Networks', year: 2020, added: '2024-01-01T00:00:00.000Z' }))
      l.summaries.splice(2, 0, summary({ id: 'b2020graphb', paper: 'b2020graphb', created: '2024-02-01T00:00:00.000Z' }))
    },
  ],
  [
    'a paper alone added',
    (l) => void l.papers.push(paper({ key: 'g2018alone', title: 'zebra', year: 2018, added: '2024-01-01T00:00:00.000Z' })),
  ],
  ['a summary removed (its paper now alone)', (l) => void l.summaries.splice(1, 1)],
  ['one of two summaries of a paper removed', (l) => void l.summaries.splice(3, 1)],
  ['a title changed', (l) => void (l.papers[0]!.title = 'Zebra')],
  ['a year changed to tie with another', (l) => void (l.papers[2]!.year = 2020)],
  ['a year removed', (l) => void (l.papers[0]!.year = null)],
  ['a summary created at another time', (l) => void (l.summaries[2]!.created = '2023-01-01T00:00:00.000Z')],
  ['a paper alone summarised', (l) => void l.summaries.push(summary({ id: 'e2018alone', paper: 'e2018alone' }))],
  ['a summary moved to another paper', (l) => void (l.summaries[0]!.paper = 'e2018alone')],
  [
    'a tag and a body changed (no order moves)',
    (l) => {
      l.summaries[1]!.tags = ['ml']
      l.summaries[1]!.body = 'Changed.\n'
    },
  ],
  [
    'a paper removed with its summary',
    (l) => {
      l.papers.splice(1, 1)
      l.summaries.splice(1, 1)
    },
  ],
  [
    'a summary named as its twin under collation added',
    (l) => void l.summaries.push(summary({ id: 'a2020graph-\u00e9', paper: 'a2020graph' })),
  ],
  ['nothing', () => undefined],
]

describe('carriedOrders', () => {
  it.each(CHANGES)('gives each order as sorting whole does when %s', (_, change) => {
    const before = tiedLibrary()
    const after = structuredClone(before)
    change(after)
    const { carried, sorted } = carriedAndSorted(before, after)
    expect(carried).not.toBeNull()
    expect(carried).toEqual(sorted)
  })

  it('sorts whole (null) when the entries carried over are no longer in library order, where ties could fall otherwise', () => {
    const before = tiedLibrary()
    const after = structuredClone(before)
    after.summaries.reverse() // a file written in another order: the twins under collation swap places
    expect(carriedAndSorted(before, after).carried).toBeNull()
  })

  it('sorts whole (null) when a key or an id was named twice before', () => {
    const before = tiedLibrary()
    before.summaries.push(summary({ id: 'a2020graph', paper: 'b2020graph' }))
    expect(carriedAndSorted(before, tiedLibrary()).carried).toBeNull()
  })

  it('sorts whole (null) when an order before names an entry twice', () => {
    const before = tiedLibrary()
    const orders = sorted(before).orders
    orders.year = [...orders.year.slice(0, -2), ...orders.year.slice(0, 2)]
    const now = sorted(before)
    expect(carriedOrders({ orders, fields: sortFieldsOf(before) }, now.entries, now.pairs, ORDERS)).toBeNull()
  })

  it('places entries an order before left out, as a sort does', () => {
    const before = tiedLibrary()
    const orders = sorted(before).orders
    orders.title = orders.title.slice(4)
    const now = sorted(before)
    expect(carriedOrders({ orders, fields: sortFieldsOf(before) }, now.entries, now.pairs, ORDERS)).toEqual(now.orders)
  })

  it('gives each order as sorting whole does through random changes of random libraries', () => {
    let carriedRounds = 0
    const rounds = 300
    for (let seed = 1; seed <= rounds; seed++) {
      const random = seeded(seed)
      const before = randomLibrary(random)
      const after = structuredClone(before)
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) randomChange(random, after, seed * 10 + n)
      const { carried, sorted } = carriedAndSorted(before, after)
      if (carried) carriedRounds++
      expect(carried ?? sorted, `seed ${seed}`).toEqual(sorted)
    }
    // Only a change that reorders the file, or names a key twice, sorts whole: the random ones make none.
    expect(carriedRounds).toBe(rounds)
  })
})

const TITLES = ['Graph networks', 'graph Networks', 'Gráph networks', 'Attention', 'attention is all', 'Zebra']
const YEARS = [2018, 2019, 2020, null]
const TIMES = ['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z', '2024-01-02T00:00:00.500Z']

function randomPaper(random: Random, key: string) {
  return paper({ key, title: pick(random, TITLES), year: pick(random, YEARS), added: pick(random, TIMES) })
}

/** Papers summarised once, twice or not at all, titles, years and times often tied, ids often equal under collation. */
function randomLibrary(random: Random): Library {
  const papers = Array.from({ length: 12 + Math.floor(random() * 20) }, (_, i) => randomPaper(random, `p${String(i).padStart(2, '0')}`))
  const summaries = papers
    .flatMap((p) => (random() < 0.3 ? [] : random() < 0.8 ? [p.key] : [p.key, `${p.key}-\u00e9`, `${p.key}-e\u0301`]))
    .map((id) => summary({ id, paper: id.slice(0, 3), created: pick(random, TIMES) }))
  return libraryOf(papers, summaries)
}

/** One change of the kinds a save makes, keeping the records' relative order as a save's file does. */
function randomChange(random: Random, l: Library, n: number): void {
  const at = (list: unknown[]) => Math.floor(random() * list.length)
  const kind = pick(random, ['add', 'alone', 'remove', 'title', 'year', 'created', 'summarise', 'move', 'rekey'])
  const somePaper = l.papers[at(l.papers)]
  const someSummary = l.summaries[at(l.summaries)]
  if (kind === 'add' || kind === 'alone') {
    const key = `q${n}`
    l.papers.splice(at(l.papers), 0, randomPaper(random, key))
    if (kind === 'add') l.summaries.splice(at(l.summaries), 0, summary({ id: key, paper: key, created: pick(random, TIMES) }))
  } else if (kind === 'remove' && someSummary) l.summaries.splice(l.summaries.indexOf(someSummary), 1)
  else if (kind === 'title' && somePaper) somePaper.title = pick(random, TITLES)
  else if (kind === 'year' && somePaper) somePaper.year = pick(random, YEARS)
  else if (kind === 'created' && someSummary) someSummary.created = pick(random, TIMES)
  else if (kind === 'summarise' && somePaper)
    l.summaries.splice(at(l.summaries), 0, summary({ id: `${somePaper.key}-s${n}`, paper: somePaper.key }))
  else if (kind === 'move' && someSummary && somePaper) someSummary.paper = somePaper.key
  else if (kind === 'rekey' && somePaper) {
    const key = `${somePaper.key}r`
    for (const s of l.summaries) if (s.paper === somePaper.key) s.paper = key
    somePaper.key = key
  }
}
