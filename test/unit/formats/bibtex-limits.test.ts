import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readBibtex } from '../../../src/formats/bibtex-import.js'
import {
  checkBibtexExpansion,
  checkParsedSize,
  MAX_BIBTEX_VALUE_CHARS,
  MAX_BRACE_DEPTH,
  MAX_FIELDS_PER_ENTRY,
  MAX_MACRO_DEPTH,
  MAX_UNREADABLE_ENTRIES,
  MIN_EXPANSION_BUDGET,
} from '../../../src/formats/bibtex-limits.js'
import { hideValues } from '../../../src/formats/bibtex-hidden-values.js'
import { keptCharacters } from '../../../src/formats/bibtex-text.js'
import { FIELD_LIMITS } from '../../../src/core/records/field-rules.js'
import { checkImportResult } from '../../../src/formats/record-check.js'

const fixture = readFileSync(new URL('../../fixtures/formats/refs.bib', import.meta.url), 'utf8')

/** `@string{a0 = "xx"}` then `depth` definitions, each the one before twice, and an entry using the last. */
function doublingMacros(depth: number, field = 'title'): string {
  const strings = Array.from({ length: depth }, (_, i) => `@string{a${i + 1} = a${i} # a${i}}`)
  return `@string{a0 = "xx"}\n${strings.join('\n')}\n@article{bomb, ${field} = a${depth}, author = {Bob Bomb}, year = 2020}\n`
}

/** A chain of `depth` macros, each adding one letter to the one before. */
function macroChain(depth: number): string {
  const strings = Array.from({ length: depth - 1 }, (_, i) => `@string{m${i + 1} = m${i} # "x"}`)
  return `@string{m0 = "x"}\n${strings.join('\n')}\n@misc{chain, title = m${depth - 1}}\n`
}

const big = 'y'.repeat(MAX_BIBTEX_VALUE_CHARS)

describe('checkBibtexExpansion', () => {
  it.each([
    ['a real file', fixture],
    ['macros nested to the limit', macroChain(MAX_MACRO_DEPTH)],
    ['doubling macros below the depth limit', doublingMacros(MAX_MACRO_DEPTH - 1)],
    ['a value exactly at the size limit', `@misc{k, note = {${big}}}`],
    ['a value at the limit built from macros', `@string{h = {${'y'.repeat(MAX_BIBTEX_VALUE_CHARS / 2)}}}\n@misc{k, note = h # h}`],
    ['month and journal abbreviations', '@article{k, title = {T}, journal = cacm, month = jan, year = 2020}'],
    ['an unknown macro name', '@misc{k, title = undefinedmacro}'],
    ['a few broken entries', '@misc{broken, title = {unclosed\n'.repeat(10)],
    [
      'an entry with as many fields as the limit',
      `@misc{k, ${Array.from({ length: MAX_FIELDS_PER_ENTRY }, (_, i) => `f${i} = {v}`).join(', ')}}`,
    ],
    ['braces nested to the limit', `@misc{k, title = {${'\\emph{'.repeat(MAX_BRACE_DEPTH)}x${'}'.repeat(MAX_BRACE_DEPTH)}}}`],
    ['quoted braces nested to the limit', `@misc{k, title = "${'{'.repeat(MAX_BRACE_DEPTH)}x${'}'.repeat(MAX_BRACE_DEPTH)}"}`],
    ['an entry using a big macro twice in a big file', `@string{h = {${'y'.repeat(40_000)}}}\n${'@misc{k, note = h}\n'.repeat(20)}`],
  ])('accepts %s', (_, bib) => {
    expect(() => checkBibtexExpansion(bib, 'refs.bib')).not.toThrow()
  })

  it.each([
    [
      'the hostile file at depth 19',
      doublingMacros(19),
      `refs.bib, @string a${MAX_MACRO_DEPTH}: @string macros are nested ${MAX_MACRO_DEPTH + 1} deep (the limit is ${MAX_MACRO_DEPTH})`,
    ],
    ['the hostile file at depth 30', doublingMacros(30), `@string a${MAX_MACRO_DEPTH}: @string macros are nested`],
    [
      'a chain one past the depth limit',
      macroChain(MAX_MACRO_DEPTH + 1),
      `@string m${MAX_MACRO_DEPTH}: @string macros are nested ${MAX_MACRO_DEPTH + 1} deep`,
    ],
    [
      'one redefined macro doubling itself',
      '@string{a = "xx"}\n' + '@string{a = a # a}\n'.repeat(30),
      '@string a: @string macros are nested',
    ],
    [
      'a wide macro',
      `@string{a = "${'x'.repeat(100)}"}\n@string{b = ${Array(1001).fill('a').join(' # ')}}`,
      '@string b: the value is 100,100 characters long with @string macros expanded (the limit is 100,000)',
    ],
    [
      'a field using a macro a thousand times',
      `@string{a = "${'x'.repeat(101)}"}\n@misc{wide, title = ${Array(1000).fill('a').join(' # ')}}`,
      'entry wide, field title: the value is 100,',
    ],
    [
      'a literal value over the size limit',
      `@misc{long, abstract = {${big}z}}`,
      'entry long, field abstract: the value is 100,001 characters long (the limit is 100,000)',
    ],
    [
      'a quoted value over the size limit',
      `@misc{long, abstract = "${big}z"}`,
      'entry long, field abstract: the value is 100,001 characters long (the limit is 100,000)',
    ],
    [
      'braces nested past the limit',
      `@misc{deep, title = {${'{'.repeat(MAX_BRACE_DEPTH + 1)}x${'}'.repeat(MAX_BRACE_DEPTH + 1)}}}`,
      `entry deep, field title: the value nests braces ${MAX_BRACE_DEPTH + 1} deep (the limit is ${MAX_BRACE_DEPTH})`,
    ],
    [
      '\\emph nested 1,000 deep (a stack overflow in the parser)',
      `@misc{deep, note = "${'\\emph{'.repeat(1000)}x${'}'.repeat(1000)}"}`,
      'entry deep, field note: the value nests braces 1,000 deep',
    ],
    ['nested braces in a macro', `@string{m = {${'{'.repeat(40)}${'}'.repeat(40)}}}`, '@string m: the value nests braces 40 deep'],
    [
      'a big macro used by many entries',
      `@string{h = {${'y'.repeat(90_000)}}}\n${Array.from({ length: 20 }, (_, i) => `@misc{k${i}, note = h}`).join('\n')}`,
      "entry k10, field note: with @string macros expanded, the file's values pass 1,000,000 characters in all",
    ],
    [
      'one field name repeated past the field limit',
      `@misc{dup, ${'note = {a}, '.repeat(MAX_FIELDS_PER_ENTRY + 1)}}`,
      `refs.bib, entry dup: the entry has more than ${MAX_FIELDS_PER_ENTRY} fields (the limit is ${MAX_FIELDS_PER_ENTRY})`,
    ],
    [
      '16,000 repeats of a field (64 s in the parser)',
      `@misc{dup, ${'note = {a}, '.repeat(16_000)}}`,
      'entry dup: the entry has more than',
    ],
    [
      'more broken entries than the limit',
      '@a{\n'.repeat(MAX_UNREADABLE_ENTRIES + 1),
      `refs.bib has more than ${MAX_UNREADABLE_ENTRIES} entries that cannot be read as BibTeX`,
    ],
  ])('refuses %s, naming where and the limit', (_, bib, message) => {
    expect(() => checkBibtexExpansion(bib, 'refs.bib')).toThrow(message)
  })

  it('measures literals as they will be stored', () => {
    // Math is hidden behind short placeholders while the parser reads: its own length counts.
    const bib = '@misc{k, note = {PLACEHOLDER}}'
    const restore = (s: string) => (s === 'PLACEHOLDER' ? 'x'.repeat(MAX_BIBTEX_VALUE_CHARS + 1) : s)
    expect(() => checkBibtexExpansion(bib, 'refs.bib', { restore })).toThrow('field note')
  })
})

describe('checkParsedSize', () => {
  const entry = (key: string, title: string) => ({ key, fields: { title } })

  it.each([
    ['within the budget', [entry('a', 'x'.repeat(MIN_EXPANSION_BUDGET))], 10, null],
    [
      'past the budget through many entries',
      Array.from({ length: 11 }, (_, i) => entry(`c${i}`, 'x'.repeat(MIN_EXPANSION_BUDGET / 10))),
      10,
      'refs.bib, entry c10: with crossref fields inherited',
    ],
    ['a big file has twice its length', [entry('a', 'x'.repeat(3 * MIN_EXPANSION_BUDGET))], 2 * MIN_EXPANSION_BUDGET, null],
  ])('%s', (_, entries, fileChars, message) => {
    const check = () => checkParsedSize(entries, 'refs.bib', fileChars)
    if (message === null) expect(check).not.toThrow()
    else expect(check).toThrow(message)
  })
})

describe('readBibtex with the limits', () => {
  it('refuses a crossref parent whose fields every child inherits', () => {
    // A parent of 10 KB and 60 children (refused at the 50th, the limit passed by a fifth): the LaTeX parser reads its title
    // at ~0.2 ms a word here, so a parent five times longer and 30 children cost ~1.5 s for the same refusal.
    const children = Array.from({ length: 60 }, (_, i) => `@inproceedings{c${i}, crossref = {p}, author = {A B}}`).join('\n')
    const bib = `@proceedings{p, title = {${'word '.repeat(2_000)}}, year = 2020}\n${children}\n`
    expect(() => readBibtex(bib, 'refs.bib')).toThrow(/refs\.bib, entry c\d+: with crossref fields inherited/)
  })

  it('reads math nested deeper than the brace limit: math is hidden from the parser', () => {
    const math = `$${'{'.repeat(MAX_BRACE_DEPTH + 10)}x${'}'.repeat(MAX_BRACE_DEPTH + 10)}$`
    const { records, problems } = readBibtex(`@misc{k, title = {Deep ${math}}}`, 'refs.bib')
    expect(problems).toEqual([])
    expect(records[0]!.paper.title).toBe(`Deep ${math}`)
  })

  it('hides a title too long to store from the parser: it comes back as written, for the record check to refuse', () => {
    const title = 'word '.repeat(FIELD_LIMITS.title).trim()
    const read = readBibtex(`@misc{k, title = {${title.replace(/ /g, '\n  ')}}}`, 'refs.bib')
    expect(read.records[0]!.paper.title).toBe(title)
    expect(checkImportResult(read).problems.map((p) => p.reason)).toEqual([
      `title is longer than ${FIELD_LIMITS.title} characters (${title.length})`,
    ])
  })

  it('reads a title long as written but within the limit once read', () => {
    const { records, problems } = checkImportResult(readBibtex(`@misc{k, title = {${"{\\'e}".repeat(FIELD_LIMITS.title)}}}`, 'refs.bib'))
    expect(problems).toEqual([])
    expect(records[0]!.paper.title).toBe('é'.repeat(FIELD_LIMITS.title))
  })

  it('reads macros within the limits as before', () => {
    const { records, problems } = readBibtex(macroChain(MAX_MACRO_DEPTH), 'refs.bib')
    expect(problems).toEqual([])
    expect(records[0]!.paper.title).toBe('x'.repeat(MAX_MACRO_DEPTH))
  })
})

describe('values of the fields precis does not read', () => {
  const publisherAndPages = (field: string) => field === 'publisher' || field === 'pages'
  const emptied = (bib: string) => hideValues(bib, checkBibtexExpansion(bib, 'refs.bib', { reads: (f) => !publisherAndPages(f) })).text

  it.each([
    ['braced', '@book{k, title = {T}, publisher = {Springer {Nature}}}', '@book{k, title = {T}, publisher = {}}'],
    [
      'quoted, a number, a macro, joined',
      '@book{k, PUBLISHER = "A" # pub, pages = 12 , year = 2020}',
      '@book{k, PUBLISHER = {}, pages = {}, year = 2020}',
    ],
    [
      'an @string is kept',
      '@string{publisher = {P}}\n@book{k, publisher = publisher}',
      '@string{publisher = {P}}\n@book{k, publisher = {}}',
    ],
    [
      'an entry the parser skips is kept whole',
      '@book{a, publisher = {x@y}, title = {T}\n@book{b, pages = 1}',
      '@book{a, publisher = {x@y}, title = {T}\n@book{b, pages = {}}',
    ],
  ])('%s', (_, bib, expected) => {
    expect(emptied(bib)).toBe(expected)
  })

  it('reaches the parser empty: the records are those of the file without them, crossref inheritance included', () => {
    const unread =
      '  publisher = {Springer \\"{o} $x$}, pages = "1--2" # "3", volume = 12, month = jan, file = {a@b.pdf:pdf},\n' +
      '  % a comment\n  editor = {Doe, Jane}, isbn = {978}, shorttitle = {\\emph{S}},\n'
    const bib = (extra: string) =>
      `@proceedings{conf, title = {Proceedings of {ICML}}, author = {Org, Anne}, year = 2020,\n${extra}}\n` +
      `@inproceedings{paper, title = {A {Paper}}, crossref = {conf},\n${extra}  note = {Read \\emph{this}.}}\n` +
      `@article{after, title = {After}, ${extra}}\n`
    const withUnread = readBibtex(bib(unread), 'refs.bib')
    expect(withUnread).toEqual(readBibtex(bib(''), 'refs.bib'))
    expect(withUnread.records.map((r) => [r.paper.key, r.paper.venue, r.paper.authors])).toEqual([
      ['conf', null, ['Anne Org']],
      ['paper', 'Proceedings of ICML', ['Anne Org']],
      ['after', null, []],
    ])
    expect(withUnread.records[1]!.summaries.map((summary) => summary.body)).toEqual(['Read *this*.'])
    expect(withUnread.problems).toEqual([])
  })
})

describe('keptCharacters', () => {
  /** The title `latex` imports with, in characters, as the record check counts them. */
  const titleLength = (latex: string) => {
    const { records } = checkImportResult(readBibtex(`@misc{k, title = {${latex}}}`, 'refs.bib'))
    return [...(records[0]?.paper.title ?? '')].length
  }

  it.each([
    ['plain words', 'Neural message passing for quantum chemistry', 39],
    ['commands, their arguments and the word after them', '\\emph{Drosophila} genetics \\LaTeX is \\textsc{CRISPR}', 8],
    ['accents', "{\\'e}cole \\'ecole na\\\"{\\i}ve", 8],
    ['a comment', 'kept % dropped\nkept', 8],
    ['an environment and all after it', 'a \\begin{comment} dropped \\end{comment} b', 1],
    ['markup and all after it', 'HfO<sub>2</sub> films', 3],
    ['an entity', 'Abuse &amp; Neglect', 12],
    ['math, kept as written', 'An $O(n \\log n)$ bound', 9],
    ['Hangul jamo, which NFC joins', '\u1112\u1161\u11ab', 0],
  ])('%s: counts at most what the title keeps', (_, latex, kept) => {
    expect(keptCharacters(latex)).toBe(kept)
    expect(kept).toBeLessThanOrEqual(titleLength(latex))
  })
})
