// Where each word is in each entry (positions.ts), read back as the words in order have them: every
// word of every field of random entries, counts past what a field count holds (a word 40 times in a
// body) included, read in any order, from the whole list or a run at a time.
import { describe, expect, it } from 'vitest'
import { expectEqual, expectSame } from '../../support/equal.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { COUNT_BITS, FOLLOWER_SHIFT, followerBit } from '../../../src/core/search/positions.js'
import { buildPostings, FIELD_COUNT } from '../../../src/core/search/postings.js'
import { PostingsView } from '../../../src/core/search/postings-view.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { parseQuery, parseTypedQuery } from '../../../src/core/search/query.js'
import { WordTables } from '../../../src/core/search/word-tables.js'
import { stemOnce } from '../../../src/core/text/stem.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded } from '../../support/random.js'

// Words of one term among them (graph, graphs; network, networks: the follower bits are the term's).
const WORDS = ['graph', 'graphs', 'neural', 'network', 'networks', 'the', 'of', 'a', 'über', 'x1', '$\\alpha$']

function randomView(random: () => number): PostingsView {
  const sentence = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => pick(random, WORDS)).join(' ')
  const papers = Array.from({ length: 150 }, (_, i) => paper({ key: `p${i}`, title: sentence(30), authors: [sentence(3)] }))
  // Some bodies repeat one word far past FIELD_COUNT_MAX (15), as a stop word is in a long body.
  const summaries = papers.map((p, i) =>
    summary({ id: `s${i}`, paper: p.key, body: random() < 0.2 ? `${'the graph '.repeat(40)}${sentence(50)}` : sentence(400) }),
  )
  return new PostingsView(buildPostings(libraryEntries(libraryOf(papers, summaries))))
}

/** Where word `w` is in field `field` of `doc`, from the words in order. */
function expected(view: PostingsView, w: number, doc: number, field: number): number[] {
  const tokens = view.tokensOf(doc)
  const start = view.fieldStart(doc, field)
  const places: number[] = []
  for (let t = start; t < view.fieldStart(doc, field + 1); t++) if (tokens[t] === w) places.push(t - start)
  return places
}

describe('positions of the word lists', () => {
  it.each([true, false])('read back where every word is in every field (read whole: %s), in order and out of order', (whole) => {
    const random = seeded(31)
    const view = randomView(random)
    let saturated = 0
    for (let w = 0; w < view.vocabulary; w++) {
      for (const list of view.listsOf(w)) {
        const positions = view.listPositions(list, whole)
        // Each entry twice: in order, then from the last back (a read before the one read last starts its run again).
        const order = [...list.docs.keys(), ...[...list.docs.keys()].reverse()]
        for (const i of order) {
          const doc = list.from + list.docs[i]!
          for (let field = 0; field < FIELD_COUNT; field++) {
            const want = expected(view, w, doc, field)
            if (want.length >= 15) saturated++
            const n = positions.read(i, field)
            expectEqual(Array.from(positions.positions.subarray(0, n)), want, `word ${view.word(w)}, document ${doc}, field ${field}`)
          }
        }
        expectSame(positions.read(list.docs.length, 0), 0) // past the list: nothing
      }
    }
    expect(saturated).toBeGreaterThan(0)
  })
})

describe('follower bits of the word lists', () => {
  it('set in an entry exactly the bits of the terms of the words after its word in one of its fields (never across fields), above its counts', () => {
    const view = randomView(seeded(47))
    let set = 0
    for (let w = 0; w < view.vocabulary; w++) {
      for (const list of view.listsOf(w)) {
        list.docs.forEach((local, i) => {
          const doc = list.from + local
          const tokens = view.tokensOf(doc)
          let want = 0
          let counts = 0
          for (let field = 0; field < FIELD_COUNT; field++) {
            const end = view.fieldStart(doc, field + 1)
            let n = 0
            for (let t = view.fieldStart(doc, field); t < end; t++) {
              if (tokens[t] !== w) continue
              n++
              if (t + 1 < end) want |= 1 << followerBit(view.stem(tokens[t + 1]!)!)
            }
            counts += Math.min(n, 15) * 16 ** field
          }
          expect(list.fields[i]! >>> FOLLOWER_SHIFT, `word ${view.word(w)}, document ${doc}`).toBe(want)
          // The counts below them are as they were.
          expect(list.fields[i]! & COUNT_BITS).toBe(counts)
          if (want !== 0) set++
        })
      }
    }
    expect(set).toBeGreaterThan(0)
  })

  it("are those of the followers' terms however each word is spelled: a phrase finds every word of its next term", () => {
    // graph and graphs are one term whose texts would set two different bits.
    expect(stemOnce('graphs')).toBe(stemOnce('graph'))
    expect(followerBit('graphs')).not.toBe(followerBit('graph'))
    const bodies = [
      'spectral graph theory',
      'spectral graphs again',
      'spectral methods on a graph',
      'the graphs of spectral data',
      'Spectral Graphs.',
    ]
    const papers = bodies.map((_, i) => paper({ key: `p${i}`, title: `paper ${i}` }))
    const entries = libraryEntries(
      libraryOf(
        papers,
        bodies.map((body, i) => summary({ id: `s${i}`, paper: `p${i}`, body })),
      ),
    )
    const postings = buildPostings(entries)
    const view = new PostingsView(postings)
    const spectral: number[] = []
    view.exact('spectral', (w) =>
      view.listsOf(w).forEach((list) => list.fields.forEach((packed) => spectral.push(packed >>> FOLLOWER_SHIFT))),
    )
    // Followed by graph in s0, graphs in s1 and s4: one bit.
    expect(spectral.filter((bits) => bits === 1 << followerBit(stemOnce('graph')))).toHaveLength(3)
    const engine = new PostingsSearch(postings, entries)
    for (const [query, lastWord] of [
      ['"spectral graph"', 'whole'],
      ['"spectral graphs"', 'whole'],
      ['"spectral gra', 'typing'], // as browse reads it typed: its last place any completion
    ] as const) {
      const ids = engine.rank(parseTypedQuery(query), { limit: 10, lastWord }).hits.map((hit) => hit.entry.id)
      expect(ids.sort(), query).toEqual(['s0', 's1', 's4'])
    }
    // The candidates a filter starts from: the same three.
    for (const query of ['"spectral graph"', '"spectral graphs"'])
      expect(engine.mayMatch(parseQuery(query)).positions, query).toEqual([0, 1, 4])
  })

  it("of a word table hold the term of every word it accepts: a prefix's completions' and the words as typed", () => {
    // Completions of many terms (graph, graphical, graphite; network, networking; neural, neuron; the, then, there).
    const words = [
      'graph',
      'graphs',
      'graphical',
      'graphite',
      'network',
      'networks',
      'networking',
      'neural',
      'neuron',
      'the',
      'then',
      'there',
    ]
    const random = seeded(53)
    const sentence = (max: number) => Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(random, words)).join(' ')
    const papers = Array.from({ length: 40 }, (_, i) => paper({ key: `p${i}`, title: sentence(8) }))
    const summaries = papers.map((p, i) => summary({ id: `s${i}`, paper: p.key, body: sentence(60) }))
    const view = new PostingsView(buildPostings(libraryEntries(libraryOf(papers, summaries))))
    const tables = new WordTables(view)
    let filtering = 0
    for (const word of words) {
      const specs = [
        ...Array.from({ length: word.length }, (_, n) => ({
          keys: new Set([stemOnce(word.slice(0, n + 1))]),
          prefix: word.slice(0, n + 1),
        })),
        // As typed: the word itself and a form of another term (graph and graphite, network and networking).
        {
          keys: new Set([stemOnce(word)]),
          exact: new Set([word, ...words.filter((other) => other !== word && other.startsWith(word))]),
          prefix: null,
        },
      ]
      for (const spec of specs) {
        const table = tables.tableOf(spec)
        const bits = table.follows >>> FOLLOWER_SHIFT
        if (bits === 0) continue
        filtering++
        for (const w of table.accepted)
          expect(bits & (1 << followerBit(view.stem(w)!)), `${JSON.stringify(spec.prefix)} ${view.word(w)}`).not.toBe(0)
      }
    }
    // Most tables rule entries out (a bit of every term accepted, not every bit).
    expect(filtering).toBeGreaterThan(words.length * 4)
  })

  it('give each text one of 8 bits, texts spread over all of them', () => {
    const texts = Array.from({ length: 200 }, (_, i) => `w${i}`).concat(['', 'über', '$\\alpha$', 'x'.repeat(5000)])
    const bits = texts.map(followerBit)
    for (const bit of bits) expect(Number.isInteger(bit) && bit >= 0 && bit < 8).toBe(true)
    expect(new Set(bits).size).toBe(8)
    expect(texts.map(followerBit)).toEqual(bits)
  })
})
