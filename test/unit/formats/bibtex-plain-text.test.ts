import { parse } from '@retorquere/bibtex-parser'
import { describe, expect, it } from 'vitest'
import { PARSE_OPTIONS, readBibtex } from '../../../src/formats/bibtex-import.js'
import { isPlainText, markupToMarkdown, markupToText } from '../../../src/formats/bibtex-text.js'
import { pick, seedFromEnv, seeded } from '../../support/random.js'

// A plain value is not given to the parser: it comes back as markupToText of its text. That holds only
// if the parser gives exactly that text, as a title (text) and as an abstract (Markdown), in braces
// and in quotes, and never refuses the entry for it.
function parsed(value: string, quoted: boolean) {
  const literal = quoted ? `"${value}"` : `{${value}}`
  const { entries, errors } = parse(`@article{k, title = ${literal}, abstract = ${literal}}`, PARSE_OPTIONS)
  const fields = entries[0]?.fields ?? {}
  return {
    title: markupToText(typeof fields.title === 'string' ? fields.title : ''),
    abstract: markupToMarkdown(typeof fields.abstract === 'string' ? fields.abstract : ''),
    readable: errors.length === 0 && entries.length === 1,
  }
}

const PLAIN = [...'abcXYZ0189  ', '\n', '\t', '\r', ...'.,;:!?()[]/\'"+=|@*&#^_-', 'é', 'e\u0301', 'ß', 'ﬁ', 'Ω', 'ж', '中', '٣']
const OTHER = [...'—–…“”‘’«»¡¿·°±×§¶†€😀∑≤→', '\u00a0', '\u2009', '\u3000']
const LATEX = [...'`~%\\{}$<>', "''", '--', '\\"o', '{\\em x}', '\\%']

describe('isPlainText: the values the parser gives back as written', () => {
  const random = seeded(seedFromEnv(44))
  const values = Array.from({ length: 1500 }, () => {
    const alphabet = pick(random, [PLAIN, [...PLAIN, ...OTHER], [...PLAIN, ...OTHER, ...LATEX]])
    return Array.from({ length: 1 + Math.floor(random() * 24) }, () => pick(random, alphabet)).join('')
  })
  const plain = values.filter(isPlainText)

  it('holds for most generated values of plain characters, and for none with LaTeX', () => {
    expect(plain.length).toBeGreaterThan(values.length / 3)
    expect(values.filter((value) => LATEX.some((latex) => value.includes(latex))).filter(isPlainText)).toEqual([])
  })

  it('a plain value is read as its own text, white space as one space, in braces and in quotes', () => {
    const wrong = plain.flatMap((value) =>
      [false, ...(value.includes('"') ? [] : [true])].flatMap((quoted) => {
        const { title, abstract, readable } = parsed(value, quoted)
        const text = markupToText(value)
        return readable && title === text && abstract === text ? [] : [{ value, quoted, title, abstract, readable }]
      }),
    )
    expect(wrong).toEqual([])
  })

  it.each(LATEX)('%j is not plain: the parser reads it as LaTeX', (latex) => {
    const value = `a ${latex} b`
    expect(isPlainText(value)).toBe(false)
  })
})

describe('readBibtex: plain values and LaTeX side by side', () => {
  it('gives each field the text the parser would', () => {
    const bib = [
      '@article{plain2020,',
      '  title = {Graph   Networks: a study of 95.3 per cent},',
      '  journal = "Journal of Things",',
      "  abstract = {We show  that it works.\n\nIt is the model's best; see [1] & (2).},",
      '}',
      '@article{latex2020,',
      '  title = {Graph {N}etworks -- a study of 95.3\\%},',
      "  abstract = {We show that it ``works''.},",
      '}',
    ].join('\n')
    const { records, problems } = readBibtex(bib, 'refs.bib')
    expect(problems).toEqual([])
    expect(records.map(({ paper }) => [paper.title, paper.venue, paper.abstract])).toEqual([
      ['Graph Networks: a study of 95.3 per cent', 'Journal of Things', "We show that it works. It is the model's best; see [1] & (2)."],
      ['Graph Networks – a study of 95.3%', null, 'We show that it “works”.'],
    ])
  })
})
