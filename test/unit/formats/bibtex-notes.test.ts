/** Summaries written into `annote` read back exactly as they were (bodies as a BibTeX import leaves them). */
import { describe, expect, it } from 'vitest'
import { readBibtex } from '../../../src/formats/bibtex-import.js'
import { latexNote } from '../../../src/formats/latex.js'

const readBack = (body: string) =>
  readBibtex(`@misc{k, title = {T}, annote = {${latexNote(body)}}}`, 'notes.bib').records[0]?.summaries.map((s) => s.body)

describe('latexNote', () => {
  it.each([
    ['paragraphs and lines', 'One line\nand the next\n\nA second paragraph'],
    ['a list', 'Points:\n- one\n- two\n1. three'],
    ['lines opening with brackets and stars', 'See\n[the paper](https://example.org/a_b?x=1&y=2)\n*really*\n**bold**'],
    ['TeX ligatures', "en -- dash, em --- dash, ``code``, 'single' and ''double'', ?` and !`"],
    ['special characters', 'a \\ b { c } 50% #1 & x_i ~ y^2 | <b>not html</b> > quote'],
    ['safe and unsafe math', 'Loss $\\sum_i x_i^2$ and $\\input{x}$ and $$\\frac{a}{b}$$'],
    ['dollar signs', 'It costs $5.\nAnd \\$ escaped'],
    ['a blockquote and code', '> quoted\n\n`x := 1`'],
    ['other scripts and emoji', 'Schrödinger, 東京, Ελληνικά 🎉'],
    ['a thematic break other than the summary break', 'Before\n\n---\n\nafter'],
  ])('keeps %s', (_case, body) => {
    expect(readBack(body)).toEqual([body])
  })

  it('splits at the summary break and only there', () => {
    const bib = `@misc{k, title = {T}, annote = {${latexNote('First')}\n\n* * *\n\n${latexNote('Second\n\n* * * not a break')}}}`
    expect(readBibtex(bib, 'notes.bib').records[0]!.summaries.map((s) => s.body)).toEqual(['First', 'Second\n\n* * * not a break'])
  })
})
