/**
 * Property tests over seeded random queries on the fixture library. The reference is a slow,
 * obvious matcher: tokenise every field with the tokenizer and compare keys, so the fast scan
 * (regex candidates, accent lists, clause ordering, early exits) is checked against the definition.
 */
import { describe, expect, it } from 'vitest'
import type { Entry } from '../../../src/core/records/entries.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { parseQuery, type Query, type Term } from '../../../src/core/search/query.js'
import { LibrarySearch } from '../../../src/core/search/search.js'
import { hasFigure, hasMath } from '../../../src/core/search/docs.js'
import { tagMatches } from '../../../src/core/tags/rules.js'
import { isStopWord } from '../../../src/core/search/stopwords.js'
import { stemWord } from '../../../src/core/text/stem.js'
import { tokenize } from '../../../src/core/text/words.js'
import { searchFixture } from './fixture.js'
import { seeded as random } from '../../support/random.js'

const entries = libraryEntries(searchFixture())
const search = new LibrarySearch(entries)

// Reference matcher ------------------------------------------------------------------------------

const fieldTexts = (entry: Entry) => {
  const { paper, summary } = entry
  return {
    title: paper.title,
    author: paper.authors.join('; '),
    venue: paper.venue ?? '',
    body: summary ? summary.body : (paper.abstract ?? ''),
    rest: [summary ? summary.tags.join(' ') : '', [entry.id, paper.key, paper.arxiv ?? '', paper.doi ?? ''].join(' ')].join(' \n '),
  }
}

/** The stemmed words of each field text, by text: the reference reads every field of the fixture again for each query. */
const stemmedWords = new Map<string, string[]>()

function containsKeys(text: string, keys: string[]): boolean {
  let words = stemmedWords.get(text)
  if (!words) stemmedWords.set(text, (words = tokenize(text).map((t) => stemWord(t.word))))
  return words.some((_, i) => keys.every((key, j) => words[i + j] === key))
}

function termHolds(term: Term, entry: Entry): boolean {
  const { paper, summary } = entry
  switch (term.kind) {
    case 'text': {
      const keys = tokenize(term.value).map((t) => stemWord(t.word))
      if (keys.length === 0) return true
      const texts = fieldTexts(entry)
      const fields = term.field === 'any' ? Object.values(texts) : [texts[term.field]]
      return fields.some((text) => containsKeys(text, keys))
    }
    case 'tag':
      return (summary?.tags ?? []).some((tag) => tagMatches(tag, term.tag))
    case 'year':
      return paper.year !== null && (term.from === null || paper.year >= term.from) && (term.to === null || paper.year <= term.to)
    case 'has': {
      const body = fieldTexts(entry).body
      return term.feature === 'math' ? hasMath(body) : hasFigure(body)
    }
    case 'id':
      return entry.id.toLowerCase().startsWith(term.id) || paper.key.toLowerCase() === term.id
    case 'state':
      return (paper.state ?? (summary ? 'read' : 'none')) === term.state
    case 'cites':
    case 'citedby':
      throw new Error('citation fields are not drawn here (test/unit/connected covers them)')
  }
}

function reference(query: Query): Set<string> {
  const holds = (entry: Entry) => query.clauses.every((clause) => clause.anyOf.some((c) => termHolds(c.term, entry) !== c.negated))
  return new Set(entries.filter(holds).map((e) => e.id))
}

// Random queries ---------------------------------------------------------------------------------

// Words that occur in the library (so no typo correction applies), and short made-up ones that do not.
const vocabulary = [...new Set(entries.flatMap((e) => tokenize(Object.values(fieldTexts(e)).join(' ')).map((t) => t.word)))]
const tags = [...new Set(entries.flatMap((e) => e.summary?.tags ?? []).flatMap((t) => [t, t.split('/')[0]!]))]

function randomQuery(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const condition = (): string => {
    const roll = next()
    if (roll < 0.45) return pick(vocabulary)
    if (roll < 0.55) return pick(['qzx', 'vvq', 'zzz'])
    if (roll < 0.65) {
      const words = tokenize(fieldTexts(pick(entries)).body).map((t) => t.word)
      const at = Math.floor(next() * Math.max(1, words.length - 1))
      return words.length > 1 ? `"${words[at]} ${words[at + 1]}"` : pick(vocabulary)
    }
    if (roll < 0.75) return `-${pick(vocabulary)}`
    if (roll < 0.83) return `${next() < 0.3 ? '-' : ''}tag:${pick(tags)}`
    if (roll < 0.9) {
      const from = 1900 + Math.floor(next() * 130)
      return pick([`year:${from}`, `year:>=${from}`, `year:<=${from}`, `year:${from}..${from + Math.floor(next() * 30)}`])
    }
    if (roll < 0.95) return pick(['has:math', 'has:figure', '-has:math'])
    const field = pick(['title', 'author', 'venue'] as const)
    // A word of that field, so that no typo correction applies.
    const words = tokenize(fieldTexts(pick(entries))[field]).map((t) => t.word)
    return words.length > 0 ? `${field}:${pick(words)}` : pick(vocabulary)
  }
  const clauses = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
    next() < 0.25 ? `${condition()} OR ${condition()}` : condition(),
  )
  return clauses.join(' ')
}

const queries = (() => {
  const next = random(20240611)
  return Array.from({ length: 300 }, () => randomQuery(next))
})()
const ALL = { limit: Number.MAX_SAFE_INTEGER }

// A plain word of the query (no field, quotes, minus or OR): a partial match may lack it.
const isPlain = (clause: Query['clauses'][number]) => {
  const [only] = clause.anyOf
  return clause.anyOf.length === 1 && !only!.negated && only!.term.kind === 'text' && only!.term.field === 'any' && !only!.term.quoted
}
const onlyStopWords = (clause: Query['clauses'][number]) =>
  isPlain(clause) && clause.anyOf[0]!.term.kind === 'text' && tokenize(clause.anyOf[0]!.term.value).every((t) => isStopWord(t.word))

/** The query search requires in full: its stop words left out when it has other words. */
function required(query: Query): Query {
  const other = query.clauses.some((clause) =>
    clause.anyOf.some((c) => c.term.kind === 'text' && !c.negated && !onlyStopWords({ anyOf: [c] })),
  )
  return other ? { ...query, clauses: query.clauses.filter((clause) => !onlyStopWords(clause)) } : query
}

describe('properties over 300 seeded random queries', () => {
  it('the filter returns exactly the entries the reference matcher accepts', () => {
    for (const query of queries) {
      const parsed = parseQuery(query)
      expect(new Set(search.filter(parsed).map((e) => e.id)), query).toEqual(reference(parsed))
    }
  })

  it('search returns the entries the filter returns (stop words aside) first, with nothing missing', () => {
    for (const query of queries) {
      const parsed = parseQuery(query)
      const { hits, total } = search.search(parsed, ALL)
      const found = hits.map((hit) => hit.id)
      expect(total, query).toBe(found.length)
      const whole = hits.filter((hit) => hit.missing.length === 0).map((hit) => hit.id)
      expect(new Set(whole), query).toEqual(new Set(search.filter(required(parsed)).map((e) => e.id)))
      expect(found.slice(0, whole.length), query).toEqual(whole)
      expect(found.length, query).toBe(new Set(found).size)
    }
  })

  it('every result satisfies every clause of the query on its own but its plain words', () => {
    for (const query of queries) {
      const parsed = parseQuery(query)
      const found = search.search(parsed, ALL).hits.map((hit) => hit.id)
      for (const clause of parsed.clauses.filter((clause) => !isPlain(clause))) {
        const alone = new Set(search.filter({ clauses: [clause], openEnded: false }).map((e) => e.id))
        for (const id of found) expect(alone.has(id), `${id} for ${query}`).toBe(true)
      }
    }
  })

  it('adding an exclusion never adds results', () => {
    const next = random(7)
    for (const query of queries) {
      const before = new Set(search.search(parseQuery(query), ALL).hits.map((hit) => hit.id))
      const excluded = `${query} -${vocabulary[Math.floor(next() * vocabulary.length)]}`
      for (const hit of search.search(parseQuery(excluded), ALL).hits) expect(before.has(hit.id), excluded).toBe(true)
    }
  })

  it('draws queries that find something and queries that do not', () => {
    const sizes = queries.map((q) => search.filter(parseQuery(q)).length)
    expect(sizes.filter((n) => n === 0).length).toBeGreaterThan(20)
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(100)
  })
})
