/**
 * Search that understands a pasted sentence: partial matches ranked after whole ones, stems, typo
 * corrections as weaker alternatives only, and text the grammar used to refuse read as text.
 */
import { describe, expect, it } from 'vitest'
import stringWidth from 'fast-string-width'
import { browseChoices } from '../../../src/commands/browse/choices.js'
import { main } from '../../../src/main.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { LibrarySearch } from '../../../src/core/search/search.js'
import { stemWord } from '../../../src/core/text/stem.js'
import { testContext } from '../../support/context.js'
import { tinyLibrary } from './fixture.js'

const library = tinyLibrary([
  { key: 'all', body: 'Vitamin supplements lower the risk of fractures in elderly women.' },
  { key: 'two', body: 'Vitamin supplements were given to a cohort of sailors.' },
  { key: 'one', body: 'A survey of fractures among cyclists.' },
  { key: 'none', body: 'Message passing on molecular graphs.', tags: ['ml'] },
  { key: 'tagged', body: 'Supplements for the elderly, a review.', tags: ['review'] },
  { key: 'forms', body: 'Networking events; homelessness rose; the activator decreased.' },
  { key: 'exact', body: 'A network of friends; the meetings rose; an auditor increased.' },
  { key: 'chem', body: 'Tocopherol acetate in the diet.' },
])
const search = new LibrarySearch(libraryEntries(library))
const hits = (query: string, limit = 10) => search.search(parseQuery(query, 'pasted'), { limit, lastWord: 'prefix' }).hits
const ids = (query: string, limit = 10) => hits(query, limit).map((hit) => hit.id)

describe('partial matches', () => {
  it('lists entries with every word first, then those with some, saying what each lacks', () => {
    const found = hits('vitamin supplements fractures elderly')
    expect(found[0]).toMatchObject({ id: 'all', missing: [] })
    expect(found.map((hit) => hit.id)).toEqual(expect.arrayContaining(['two', 'one', 'tagged']))
    expect(found.find((hit) => hit.id === 'two')!.missing).toEqual(['fractures', 'elderly'])
    expect(found.map((hit) => hit.id)).not.toContain('none')
  })

  it.each([
    // [query, what must come before what]
    ['vitamin supplements elderly women', 'all', 'tagged'], // four words before two
    ['supplements elderly review', 'tagged', 'all'], // three before two
  ])('%s: %s before %s', (query, first, second) => {
    const order = ids(query)
    expect(order.indexOf(first)).toBeGreaterThanOrEqual(0)
    expect(order.indexOf(first)).toBeLessThan(order.indexOf(second))
  })

  it.each([
    ['tag:review vitamin supplements fractures', ['tagged']], // the field still holds
    ['-elderly vitamin supplements fractures', ['two', 'one']], // so does the exclusion
    ['"cohort of sailors" vitamin fractures elderly', ['two']], // and the phrase
  ])('%s keeps its filters: %j', (query, expected) => {
    expect(new Set(ids(query))).toEqual(new Set(expected))
  })

  it('does not loosen with one or two words, nor in a filter', () => {
    expect(ids('vitamin cyclists')).toEqual([])
    expect(search.filter(parseQuery('vitamin supplements fractures elderly')).map((entry) => entry.id)).toEqual(['all'])
  })

  it('stop words need not match', () => {
    expect(ids('what are the fractures of the elderly')).toEqual(['all'])
    expect(ids('what are the fractures of the elderly women')).toEqual(['all', 'one', 'tagged'])
    expect(ids('the')).toContain('all') // a query of stop words alone looks for them
  })
})

describe('stems', () => {
  it.each([
    ['homelessness', 'homeless'],
    ['decreasing', 'decrease'],
    ['lowering', 'lower'],
    ['activator', 'activation'],
    ['prevent', 'prevention'],
    ['studies', 'study'],
    ['vertices', 'vertex'],
    ['analyses', 'analysis'],
  ])('%s and %s share a term', (a, b) => {
    expect(stemWord(a)).toBe(stemWord(b))
  })

  it.each([
    ['general', 'generation'],
    ['news', 'new'],
  ])('%s and %s do not', (a, b) => {
    expect(stemWord(a)).not.toBe(stemWord(b))
  })

  it.each([
    ['homeless', 'forms'],
    ['decreasing activation', 'forms'],
    ['networked', 'exact'], // and forms
  ])('%s finds %s', (query, id) => {
    expect(ids(query)).toContain(id)
  })

  it('ranks the word as typed above a word that only shares its stem', () => {
    expect(ids('networks')).toEqual(['exact', 'forms'])
    expect(ids('networking')).toEqual(['forms', 'exact'])
  })
})

describe('typo corrections', () => {
  it('searches for a near word as well when the word is not in the library, and says so', () => {
    const result = search.search(parseQuery('tocopheryl'), { limit: 10, lastWord: 'prefix' })
    expect(result.hits.map((hit) => hit.id)).toEqual(['chem'])
    expect(result.corrections).toEqual([{ word: 'tocopheryl', alternatives: ['tocopherol'] }])
  })

  it('never replaces a word the library has', () => {
    const own = new LibrarySearch(
      libraryEntries(tinyLibrary([...library.papers.map((p) => ({ key: p.key })), { key: 'own', body: 'tocopheryl succinate' }])),
    )
    const result = own.search(parseQuery('tocopheryl'), { limit: 10, lastWord: 'prefix' })
    expect(result.corrections).toEqual([])
  })

  it('ranks an entry with the word as typed above one with a correction', () => {
    const both = new LibrarySearch(
      libraryEntries(
        tinyLibrary([
          { key: 'near', body: 'tocopherol trial in adults' },
          { key: 'typed', body: 'a tocopheryl trial in adults' },
        ]),
      ),
    )
    expect(both.search(parseQuery('tocopheryl trial adults'), { limit: 10, lastWord: 'prefix' }).hits.map((hit) => hit.id)).toEqual([
      'typed',
      'near',
    ])
  })
})

describe('pasted text is text', () => {
  it.each([
    ['Exposure: a study of fractures', ['Exposure:', 'a', 'study', 'of', 'fractures']],
    ['message "unclosed', ['message', 'unclosed']],
    ['graph - x', ['graph', 'x']],
    ['OR graph', ['graph']],
    ['graph OR', ['graph']],
    ['""', []],
    ['one-child policy (China) 45%', ['one-child', 'policy', '(China)', '45%']],
    ['β-carotene E=mc^2', ['β-carotene', 'E=mc^2']],
    ['Note: arxiv:1704.01212', ['Note:', 'arxiv:1704.01212']],
  ])('%j is searched as text', (input, words) => {
    const values = parseQuery(input, 'pasted').clauses.flatMap((clause) =>
      clause.anyOf.map((c) => (c.term.kind === 'text' ? c.term.value : '?')),
    )
    expect(values).toEqual(words)
  })

  it.each([
    ['tittle:graph', 'Unknown field "tittle:" (did you mean "title:"?) at column 1'],
    ['graph athor:kipf', 'Unknown field "athor:" (did you mean "author:"?) at column 7'],
    ['tags:ml', 'Unknown field "tags:" (did you mean "tag:"?) at column 1'],
    ['year:20x7', 'Bad year "20x7": a year has four digits at column 6'],
  ])('%j is still refused', (input, message) => {
    expect(() => parseQuery(input, 'pasted')).toThrow(message)
  })

  it('a filter still refuses what search reads as text', () => {
    expect(() => parseQuery('message "unclosed')).toThrow('Unbalanced quote at column 9')
  })
})

describe('browse', () => {
  it('lists partial matches after whole ones, each saying what it lacks, within the width', () => {
    const choices = browseChoices(search, 'vitamin supplements fractures elderly ', 60, (s) => s)
    expect(choices[0]!.value).toBe('all')
    expect(choices[0]!.description).not.toContain('missing')
    const two = choices.find((choice) => choice.value === 'two')!
    expect(two.description).toMatch(/^missing: fractures, elderly · /)
    for (const choice of choices) expect(stringWidth(choice.description ?? '')).toBeLessThanOrEqual(60)
  })
})

describe('search command', () => {
  it('--json gives each hit the words it lacks', async () => {
    const ctx = testContext({ library })
    expect(await main(['--json', 'search', 'vitamin supplements fractures elderly'], ctx)).toBe(0)
    const records = JSON.parse(ctx.stdout()) as { id: string; missing: string[] }[]
    expect(records[0]).toMatchObject({ id: 'all', missing: [] })
    expect(records.find((r) => r.id === 'two')!.missing).toEqual(['fractures', 'elderly'])
  })

  it('a terminal shows what a hit lacks and what was also searched for', async () => {
    const ctx = testContext({ tty: true, library })
    expect(await main(['search', 'tocopheryl diet cyclists'], ctx)).toBe(0)
    expect(ctx.stdout()).toContain('missing: cyclists')
    expect(ctx.stderr()).toContain('Also searched for: tocopheryl → tocopherol')
  })
})
