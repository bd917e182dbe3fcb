import { parse } from '@retorquere/bibtex-parser'
import { describe, expect, it } from 'vitest'
import { PARSE_OPTIONS, TEXT_FIELDS } from '../../../src/formats/bibtex-import.js'
import { hideValues } from '../../../src/formats/bibtex-hidden-values.js'
import { checkBibtexExpansion } from '../../../src/formats/bibtex-limits.js'
import { plainRuns } from '../../../src/formats/bibtex-plain-runs.js'
import { markupToMarkdown, markupToText } from '../../../src/formats/bibtex-text.js'
import { pick, seedFromEnv, seeded } from '../../support/random.js'

const WORDS = 'graph networks learn message passing between nodes'
const hiddenOf = (value: string) => plainRuns(value).map(({ start, end }) => value.slice(start, end))

describe('plainRuns: the words of a LaTeX value the parser would give back as written', () => {
  it.each([
    ['words before and after a command', `${WORDS} 50\\% ${WORDS}, ${WORDS}`, [WORDS, `message passing between nodes, ${WORDS}`]],
    ['white space runs and line breaks inside a run', `\\% a b c ${WORDS}  and\n  more words`, [`${WORDS}  and\n  more words`]],
    ['a paragraph break ends a run', `\\% a b c ${WORDS}\n\n${WORDS}`, [WORDS, WORDS]],
    ['the words a command may take as arguments', `\\emph ${WORDS}`, ['message passing between nodes']],
    ['after a group that may be an argument', `\\href{x} {y} ${WORDS}`, ['learn message passing between nodes']],
    ['a line break with options', `\\\\ [2pt] ${WORDS}`, ['learn message passing between nodes']],
    ['inside braces', `\\% a b c {${WORDS}} ${WORDS}`, [WORDS]],
    ['words holding LaTeX', `\\% a b c ${WORDS} pre--training ${WORDS}`, [WORDS, WORDS]],
    ['a short run', '\\% a b c graph networks', []],
    ['a comment', `${WORDS} % a comment\n${WORDS}`, []],
    ['an environment', `\\begin{verbatim}${WORDS}\\end{verbatim}`, []],
    ['verbatim by any delimiter', `\\verb|${WORDS}|`, []],
    ['a url', `\\url!${WORDS}!`, []],
    ['an escaped percent is no comment', `\\%\\%\\% x y z ${WORDS}`, [WORDS]],
    ['a control space is a command', `\\ ${WORDS}`, ['passing between nodes']],
  ])('%s', (_, value, runs) => {
    expect(hiddenOf(value)).toEqual(runs)
  })
})

// A field read as text and one read as Markdown (the parser reads all of them alike).
const FIELDS = ['title', 'annote']

// Each of FIELDS holds `value`, in braces: the text and Markdown precis reads from them.
function fieldTexts(bib: string, restore: (value: string) => string = (value) => value) {
  const { entries, errors } = parse(bib, PARSE_OPTIONS)
  const fields = entries[0]?.fields ?? {}
  return {
    errors: errors.length,
    texts: FIELDS.flatMap((field) => {
      const markup = typeof fields[field] === 'string' ? fields[field] : ''
      return [restore(markupToText(markup)), restore(markupToMarkdown(markup))]
    }),
  }
}

const LATEX = [
  ...['\\emph', '\\emph{x}', '{\\bf', 'x}', '\\textbf{a b}', '{A}', "\\'e", '{\\"o}', '\\%', '\\&', '\\LaTeX', '\\ ', '\\\\'],
  ...['--', "``a''", 'a~b', '[2pt]', '\\href{u}', '{t}', '\\frac', '\\sqrt', '\\textsuperscript', '\\section'],
]
// LaTeX after which no run is hidden in the value: rarer, so that most values have runs.
const WHOLE_VALUE_LATEX = ['\\url{a b}', '\\verb|a  b  c  d  e  f  g|', '%', '\\item', '\\begin{itemize}', '\\end{itemize}']
const PLAIN = [
  ...WORDS.split(' '),
  'a',
  'x',
  'É',
  'e\u0301',
  'ﬁ',
  '95.3',
  '(2)',
  '[1]',
  '&amp;',
  'a&b',
  '#',
  '"',
  "it's",
  '+',
  '=',
  '@',
  '|',
  '-',
]
const SPACES = [' ', ' ', ' ', '  ', '\n', '\t', '\n\n', ' \n \n']

/** How many runs `value` has, and what precis reads from it with them hidden when that is not what the parser reads. */
function readWithRuns(value: string) {
  const bib = `@article{k, ${FIELDS.map((field) => `${field} = {${value}}`).join(', ')}}`
  const spare = checkBibtexExpansion(bib, 'refs.bib', { readsAsText: (field) => TEXT_FIELDS.has(field) })
  const withRuns = hideValues(bib, spare)
  const read = fieldTexts(withRuns.text, withRuns.restore)
  const whole = fieldTexts(bib)
  const same = read.errors === whole.errors && read.texts.every((text, i) => text === whole.texts[i])
  return { runs: spare.runs.length, wrong: same ? [] : [{ value, read, whole }] }
}

describe('a value with its plain runs hidden reads as the whole value does', () => {
  // Each fails without one of plainRuns' rules: the parser reads these words otherwise than as text.
  it.each([
    ['a command takes the words after it', `\\emph ${WORDS}`],
    ['a command takes one character of each of the next words', `\\frac a ${WORDS}`],
    ['a comment takes the line break', `x % ${WORDS}\n${WORDS}`],
    ['verbatim keeps white space', `\\verb|${WORDS.replaceAll(' ', '  ')}|`],
    ['a paragraph break', `\\% ${WORDS}\n\n${WORDS}`],
    ['a value holding what a placeholder is made of', `\\% x y z ${WORDS} \uE0000\uE000 ${WORDS}`],
  ])('%s', (_, value) => {
    expect(readWithRuns(value).wrong).toEqual([])
  })

  it('reads every generated value as the parser does, as text and as Markdown, with the same errors', () => {
    const random = seeded(seedFromEnv(46))
    const values = Array.from({ length: 200 }, () => {
      const latex = 0.05 + random() * 0.3
      const word = () => pick(random, random() < 0.01 ? WHOLE_VALUE_LATEX : random() < latex ? LATEX : PLAIN)
      return Array.from({ length: 5 + Math.floor(random() * 60) }, () => word() + pick(random, SPACES)).join('')
    })
    const read = values.map(readWithRuns)
    expect(read.flatMap(({ wrong }) => wrong)).toEqual([])
    // The generated values hold runs enough to prove something.
    expect(read.reduce((sum, { runs }) => sum + runs, 0)).toBeGreaterThan(values.length)
  })
})
