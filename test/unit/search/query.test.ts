import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/core/errors.js'
import { parseQuery, parseTypedQuery, type Query, type Term } from '../../../src/core/search/query.js'

const text = (value: string, field: 'any' | 'title' | 'author' | 'venue' = 'any', quoted = false): Term => ({
  kind: 'text',
  field,
  value,
  quoted,
})

/** The query as nested arrays of `[-]term` strings, to keep the tables readable. */
function shape(query: Query): string[][] {
  const show = (term: Term): string => {
    switch (term.kind) {
      case 'text':
        return `${term.field}:${term.quoted ? `"${term.value}"` : term.value}`
      case 'tag':
        return `tag=${term.tag}`
      case 'year':
        return `year=${term.from ?? ''}..${term.to ?? ''}`
      case 'has':
        return `has=${term.feature}`
      case 'id':
        return `id=${term.id}`
      case 'cites':
      case 'citedby':
        return `${term.kind}=${term.key}`
      case 'state':
        return `state=${term.state}`
    }
  }
  return query.clauses.map((clause) => clause.anyOf.map((c) => (c.negated ? '-' : '') + show(c.term)))
}

describe('parseQuery: the grammar', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['graph', [['any:graph']]],
    ['message passing', [['any:message'], ['any:passing']]],
    ['"message passing" gnn', [['any:"message passing"'], ['any:gnn']]],
    ['-attention', [['-any:attention']]],
    ['-"neural network"', [['-any:"neural network"']]],
    ['self-attention', [['any:self-attention']]],
    ['a OR b', [['any:a', 'any:b']]],
    ['a OR b OR c', [['any:a', 'any:b', 'any:c']]],
    // OR binds tighter than the implicit AND.
    ['gnn message OR graph passing', [['any:gnn'], ['any:message', 'any:graph'], ['any:passing']]],
    ['a or b', [['any:a'], ['any:or'], ['any:b']]],
    ['-a OR b', [['-any:a', 'any:b']]],
    ['title:attention', [['title:attention']]],
    ['TITLE:attention', [['title:attention']]],
    ['title:"message passing"', [['title:"message passing"']]],
    ['author:gilmer', [['author:gilmer']]],
    ['author:"van hasselt"', [['author:"van hasselt"']]],
    ['venue:neurips', [['venue:neurips']]],
    ['tag:ml', [['tag=ml']]],
    ['tag:ML/GNN', [['tag=ml/gnn']]],
    ['-tag:todo', [['-tag=todo']]],
    ['year:2017', [['year=2017..2017']]],
    ['year:>=2018', [['year=2018..']]],
    ['year:>2018', [['year=2019..']]],
    ['year:<=2019', [['year=..2019']]],
    ['year:<2019', [['year=..2018']]],
    ['year:2015..2020', [['year=2015..2020']]],
    ['year:2015..', [['year=2015..']]],
    ['year:..2020', [['year=..2020']]],
    ['has:math', [['has=math']]],
    ['has:Figure', [['has=figure']]],
    ['state:to-read tag:thesis', [['state=to-read'], ['tag=thesis']]],
    ['state:Reading', [['state=reading']]],
    ['-state:read', [['-state=read']]],
    ['id:Gilmer2017neural', [['id=gilmer2017neural']]],
    ['10:30', [['any:10:30']]],
    ['tag:gnn OR tag:rl year:2020', [['tag=gnn', 'tag=rl'], ['year=2020..2020']]],
  ])('%j', (input, expected) => {
    expect(shape(parseQuery(input))).toEqual(expected)
  })

  it('keeps the column of each condition', () => {
    const query = parseQuery('gnn  -title:x "a b"')
    expect(query.clauses.map((c) => c.anyOf[0]!.column)).toEqual([1, 6, 15])
  })

  it('builds text terms with their field and quoting', () => {
    expect(parseQuery('title:"graph attention"').clauses[0]!.anyOf[0]!.term).toEqual(text('graph attention', 'title', true))
  })

  it.each([
    ['graph neur', true],
    ['graph neur ', false],
    ['graph "neural net"', false],
    ['graph -neural', false],
    ['graph tag:ml', false],
    ['graph title:neur', true],
    ['', false],
  ])('openEnded(%j) = %s', (input, expected) => {
    expect(parseQuery(input).openEnded).toBe(expected)
  })
})

describe('parseQuery: errors name the column', () => {
  it.each([
    ['message passing "unclosed', 'Unbalanced quote at column 17'],
    ['"', 'Unbalanced quote at column 1'],
    ['title:"open', 'Unbalanced quote at column 7'],
    ['""', 'Empty phrase at column 1'],
    ['titel:attention', 'Unknown field "titel:" (did you mean "title:"?) at column 1'],
    ['gnn auther:kipf', 'Unknown field "auther:" (did you mean "author:"?) at column 5'],
    ['arxiv:1704.01212', 'Unknown field "arxiv:" at column 1'],
    ['year:20x7', 'Bad year "20x7": a year has four digits at column 6'],
    ['year:>=17', 'Bad year "17": a year has four digits at column 8'],
    ['year:2020..2015', 'Bad year range "2020..2015": 2020 is after 2015 at column 6'],
    ['year:2015..20', 'Bad year "20": a year has four digits at column 12'],
    ['year:..', 'Bad year range "..": give a start, an end or both at column 6'],
    ['has:table', 'has: takes math, figure or no-metadata, not "table" at column 5'],
    ['state:later', 'state: takes to-read, reading, read or none, not "later" at column 7'],
    ['title: attention', 'Missing value after "title:" at column 7'],
    ['tag:', 'Missing value after "tag:" at column 5'],
    ['OR graph', '"OR" needs a search term before it at column 1'],
    ['graph OR', '"OR" needs a search term after it at column 7'],
    ['a OR OR b', '"OR" needs a search term before it at column 6'],
    ['graph - x', 'Nothing to exclude after "-" at column 7'],
  ])('%j → %s', (input, message) => {
    let error: unknown
    try {
      parseQuery(input)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toBe(message)
    expect((error as UsageError).exitCode).toBe(2)
  })

  it('shows the query with a caret under the problem', () => {
    try {
      parseQuery('message passing "unclosed')
      expect.unreachable()
    } catch (error) {
      expect((error as UsageError).details.slice(0, 2)).toEqual(['  message passing "unclosed', '                  ^'])
    }
  })

  it('lists the fields after an unknown one, and how to search the text itself', () => {
    try {
      parseQuery('arxiv:1704.01212')
      expect.unreachable()
    } catch (error) {
      expect((error as UsageError).details[2]).toContain('title: author: venue: tag: year: has: id:')
      expect((error as UsageError).details[2]).toContain('quotes')
    }
  })

  it('counts columns in characters, not UTF-16 units', () => {
    expect(() => parseQuery('𝒪 "x')).toThrow('Unbalanced quote at column 3')
  })
})

describe('parseTypedQuery: a query half typed', () => {
  it.each([
    ['message "pass', [['any:message'], ['any:"pass"']], true],
    ['"message pass', [['any:"message pass"']], true],
    ['"message pass ', [['any:"message pass "']], false],
    ['graph year:20', [['any:graph']], false],
    ['graph title:', [['any:graph']], false],
    ['year:20', [], false],
    ['graph -', [['any:graph']], false],
    ['graph atten', [['any:graph'], ['any:atten']], true],
  ])('%j', (input, expected, openEnded) => {
    const query = parseTypedQuery(input)
    expect(shape(query)).toEqual(expected)
    expect(query.openEnded).toBe(openEnded)
  })

  it.each([
    ['titel:attention', 'Unknown field "titel:"'],
    ['graph titel:', 'Unknown field "titel:"'],
    ['year:20 graph', 'Bad year "20"'],
    ['graph year:20 ', 'Bad year "20"'],
  ])('%j is still an error', (input, message) => {
    expect(() => parseTypedQuery(input)).toThrow(message)
  })
})
