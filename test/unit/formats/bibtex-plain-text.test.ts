import { parse } from '@retorquere/bibtex-parser'
import { describe, expect, it } from 'vitest'
import { PARSE_OPTIONS, readBibtex, TEXT_FIELDS } from '../../../src/formats/bibtex-import.js'
import { isPlainText, markupToMarkdown, markupToText } from '../../../src/formats/bibtex-text.js'
import { pick, seedFromEnv, seeded } from '../../support/random.js'

// A plain value is not given to the parser: it comes back as markupToText of its text. That holds only
// if the parser gives exactly that text in each field read as text or Markdown (a note keeps its
// paragraphs), as text and as Markdown, in braces and in quotes, and never refuses the entry for it.
function parsed(value: string, quoted: boolean) {
  const literal = quoted ? `"${value}"` : `{${value}}`
  const fields = [...TEXT_FIELDS].map((field) => `${field} = ${literal}`).join(', ')
  const { entries, errors } = parse(`@article{k, ${fields}}`, PARSE_OPTIONS)
  const read = entries[0]?.fields ?? {}
  return {
    texts: [...TEXT_FIELDS].flatMap((field) => {
      const markup = typeof read[field] === 'string' ? read[field] : ''
      return [markupToText(markup), markupToMarkdown(markup)]
    }),
    readable: errors.length === 0 && entries.length === 1,
  }
}

const PLAIN = [...'abcXYZ0189  ', '\n', '\n', '\t', '\r', ...'.,;:!?()[]/\'"+=|@*&#^_-', 'é', 'e\u0301', 'ß', 'ﬁ', 'Ω', 'ж', '中', '٣']
const OTHER = [...'—–…“”‘’«»¡¿·°±×§¶†€😀∑≤→', '\u00a0', '\u2009', '\u3000']
const LATEX = [...'`~%\\{}$<>', "''", '--', '\n\n', '\n \n', '\r\r', '\r\n', '\n\r', '\\"o', '{\\em x}', '\\%']

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
        const { texts, readable } = parsed(value, quoted)
        const text = markupToText(value)
        return readable && texts.every((read) => read === text) ? [] : [{ value, quoted, texts, readable }]
      }),
    )
    expect(wrong).toEqual([])
  })

  it.each(LATEX)('%j is not plain: the parser reads it as LaTeX (or as a paragraph)', (latex) => {
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
      '  annote = {First paragraph.\n \nSecond one.\nSame paragraph.},',
      '}',
      '@article{latex2020,',
      '  title = {Graph {N}etworks -- a study of 95.3\\%},',
      "  abstract = {We show that it ``works''.},",
      '}',
    ].join('\n')
    const { records, problems } = readBibtex(bib, 'refs.bib')
    expect(problems).toEqual([])
    expect(records.map(({ summaries }) => summaries.map((s) => s.body))).toEqual([['First paragraph.\n\nSecond one. Same paragraph.'], []])
    expect(records.map(({ paper }) => [paper.title, paper.venue, paper.abstract])).toEqual([
      ['Graph Networks: a study of 95.3 per cent', 'Journal of Things', "We show that it works. It is the model's best; see [1] & (2)."],
      ['Graph Networks – a study of 95.3%', null, 'We show that it “works”.'],
    ])
  })

  it('reads a Windows line end as one line break, a blank line between two as a paragraph', () => {
    const bib = '@article{crlf2020,\r\n  title = {Line\r\nends},\r\n  annote = {line one\r\nline two\r\n\r\nnew para},\r\n}\r\n'
    const [record] = readBibtex(bib, 'refs.bib').records
    expect(record?.paper.title).toBe('Line ends')
    expect(record?.summaries.map((s) => s.body)).toEqual(['line one line two\n\nnew para'])
  })
})
