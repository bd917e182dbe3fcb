import { describe, expect, it } from 'vitest'
import { parse } from '@retorquere/bibtex-parser'
import { bibtexName, splitName } from '../../../src/formats/bibtex-names.js'
import { citationKeys, entryType, libraryToBibtex, paperToBibtex } from '../../../src/formats/bibtex.js'
import { escapeLatex, isSafeMath, latexText, latexTitle, latexVenue } from '../../../src/formats/latex.js'
import { paper, sampleLibrary } from './sample-library.js'

/** Parse with a real BibTeX parser, as a reference manager would; no case changes. */
function parseBack(bib: string) {
  return parse(bib, { sentenceCase: false, english: false, caseProtection: false })
}

/** BibTeX counts braces without regard to backslashes; this is how it sees a field. */
function bracesBalanced(text: string): boolean {
  let depth = 0
  for (const ch of text) {
    depth += ch === '{' ? 1 : ch === '}' ? -1 : 0
    if (depth < 0) return false
  }
  return depth === 0
}

describe('splitName and bibtexName', () => {
  it.each([
    ['Justin Gilmer', { family: 'Gilmer', given: 'Justin', suffix: '' }, 'Gilmer, Justin'],
    ['Samuel S. Schoenholz', { family: 'Schoenholz', given: 'Samuel S.', suffix: '' }, 'Schoenholz, Samuel S.'],
    ['Jan van der Berg', { family: 'van der Berg', given: 'Jan', suffix: '' }, 'van der Berg, Jan'],
    ['Charles de la Vallée Poussin', { family: 'de la Vallée Poussin', given: 'Charles', suffix: '' }, 'de la Vallée Poussin, Charles'],
    ['van der Berg, Jan', { family: 'van der Berg', given: 'Jan', suffix: '' }, 'van der Berg, Jan'],
    ['Smith, Jr., John', { family: 'Smith', given: 'John', suffix: 'Jr.' }, 'Smith, Jr., John'],
    ['Plato', { family: 'Plato', given: '', suffix: '' }, 'Plato'],
    ['  Ada   Lovelace ', { family: 'Lovelace', given: 'Ada', suffix: '' }, 'Lovelace, Ada'],
    // A lowercase word starts BibTeX's "von" part; the "and" in it is braced so the list is not split.
    ['Procter and Gamble', { family: 'and Gamble', given: 'Procter', suffix: '' }, '{and Gamble}, Procter'],
    ['Mary O_Neil & Co', { family: 'Co', given: 'Mary O_Neil &', suffix: '' }, 'Co, Mary O\\_Neil \\&'],
  ])('%j', (name, parts, bib) => {
    expect(splitName(name)).toEqual(parts)
    expect(bibtexName(name)).toBe(bib)
  })

  it.each([
    ['{ATLAS Collaboration}', '{ATLAS Collaboration}'],
    ['{Hen Dotan, Nripan Mathews}', '{Hen Dotan, Nripan Mathews}'],
    ['{Research & Development Group}', '{Research \\& Development Group}'],
    // Stored before braces marked names whole: more commas than BibTeX reads in a name.
    ['Hen Dotan, Nripan Mathews, Takashi Hisatomi, Kevin Sivula', '{Hen Dotan, Nripan Mathews, Takashi Hisatomi, Kevin Sivula}'],
  ])('braces %j whole', (name, bib) => {
    expect(bibtexName(name)).toBe(bib)
  })

  it('braces a name part containing the word "and" so the author list is not split there', () => {
    expect(bibtexName('Johnson and Johnson, Research')).toBe('{Johnson and Johnson}, Research')
  })
})

describe('entryType', () => {
  it.each([
    ['Proceedings of the 34th International Conference on Machine Learning', 'inproceedings'],
    ['Advances in Neural Information Processing Systems 33 (NeurIPS 2020)', 'inproceedings'],
    ['ICLR', 'inproceedings'],
    ['Nature', 'article'],
    ['Journal of Machine Learning Research', 'article'],
    ['Advanced Lectures on Machine Learning (Lecture Notes in Computer Science 3176)', 'incollection'],
    ['arXiv preprint', 'misc'],
    [null, 'misc'],
    ['', 'misc'],
  ])('%j → %s', (venue, type) => {
    expect(entryType({ venue })).toBe(type)
  })
})

describe('latexTitle', () => {
  it.each([
    ['Neural Message Passing for Quantum Chemistry', 'Neural Message Passing for Quantum Chemistry'],
    ['BERT: Pre-training of Deep Bidirectional Transformers', '{BERT}: Pre-training of Deep Bidirectional Transformers'],
    ['Scalable GPs at ICML with LaTeX and iPhone', 'Scalable {GPs} at {ICML} with {LaTeX} and {iPhone}'],
    ['Q-Learning in 3D for GPT-4 and Self-Attention', '{Q-Learning} in {3D} for {GPT-4} and Self-Attention'],
    ['A Type I Error', 'A Type {I} Error'],
    ['(ICML) McDonald Schrödinger', '({ICML}) {McDonald} Schrödinger'],
    ['deep learning', 'deep learning'],
    ['A 50% gain & C# tricks_1', 'A 50\\% gain \\& {C}\\# tricks\\_1'],
    ['Costs of $5 and $10', 'Costs of \\$5 and \\$10'],
    ['Bounds in $\\mathcal{O}(n^2)$ time', 'Bounds in {$\\mathcal{O}(n^2)$} time'],
    ['Evil $\\input{/etc/passwd}$', 'Evil \\$\\textbackslash{}input\\textbraceleft{}/etc/passwd\\textbraceright{}\\$'],
    ['Unbalanced } brace {', 'Unbalanced \\textbraceright{} brace \\textbraceleft{}'],
    ['Line\nbreak\u0007 here', 'Line break here'],
  ])('%j', (title, latex) => {
    expect(latexTitle(title)).toBe(latex)
  })
})

describe('latexVenue', () => {
  it('protects every word with a capital', () => {
    expect(latexVenue('Proceedings of the 36th International Conference on Machine Learning (ICML)')).toBe(
      '{Proceedings} of the 36th {International Conference} on {Machine Learning (ICML)}',
    )
  })
})

describe('latexText', () => {
  it.each([
    ['Loss $\\sum_i x_i^2$ at 50% & more', 'Loss $\\sum_i x_i^2$ at 50\\% \\& more'],
    ['Unsafe $\\input{x}$ math', 'Unsafe \\$\\textbackslash{}input\\textbraceleft{}x\\textbraceright{}\\$ math'],
    ['Two\n\nparagraphs', 'Two paragraphs'],
  ])('%j', (text, latex) => {
    expect(latexText(text)).toBe(latex)
  })
})

describe('isSafeMath', () => {
  it.each([
    ['x_i^2', true],
    ['\\mathcal{GP}(m(\\pmb{x}), k)', true],
    ['\\frac{a}{b}', true],
    ['\\input{x}', false],
    ['\\def\\x{1}', false],
    ['^^5cinput', false],
    ['\\csname input\\endcsname', false],
    ['{', false],
    ['}{', false],
    ['a % comment', false],
  ])('%j → %s', (tex, safe) => {
    expect(isSafeMath(tex)).toBe(safe)
  })
})

describe('paperToBibtex', () => {
  const lib = sampleLibrary()

  it('writes an inproceedings entry with arXiv fields and keywords', () => {
    expect(paperToBibtex(lib.papers[0]!, 'lovelace2019graphs', ['gnn', 'ml/graphs'])).toBe(
      [
        '@inproceedings{lovelace2019graphs,',
        '  author = {Lovelace, Ada and van der Berg, Jan and de la Vallée Poussin, Charles and du Châtelet, Émilie},',
        '  title = {Graphs, \\textbraceleft{}Braces\\textbraceright{} and {$\\mathcal{O}(n^2)$} Messages: a 50\\% \\& \\#1 Study},',
        '  booktitle = {{Proceedings} of the 36th {International Conference} on {Machine Learning (ICML)}},',
        '  year = {2019},',
        '  doi = {10.5555/ABC.0012},',
        '  url = {https://example.org/paper?id=1&x=_y},',
        '  eprint = {1901.00012},',
        '  archivePrefix = {arXiv},',
        '  keywords = {gnn, ml/graphs},',
        '  abstract = {Two lines of abstract with trailing space and a colon: here},',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('writes an arXiv-only paper as misc with its archive as primaryClass', () => {
    const bib = paperToBibtex(paper({ key: 'k', title: 'x', arxiv: 'math/0501234' }), 'k')
    expect(bib).toBe('@misc{k,\n  title = {x},\n  eprint = {math/0501234},\n  archivePrefix = {arXiv},\n  primaryClass = {math},\n}\n')
  })

  it.each([
    [{ arxiv: '2003.10555', category: 'cs.CL' }, 'cs.CL'],
    [{ arxiv: 'math/0501234', category: 'math.NT' }, 'math.NT'],
    [{ arxiv: '2003.10555' }, null],
  ])('takes primaryClass from the stored arXiv category: %j', (fields, primaryClass) => {
    const bib = paperToBibtex(paper({ key: 'k', title: 'x', ...fields }), 'k')
    expect(/primaryClass = \{([^}]*)\}/.exec(bib)?.[1] ?? null).toBe(primaryClass)
  })

  it('reads back through a real BibTeX parser with the same text', () => {
    const { entries, errors } = parseBack(libraryToBibtex(lib))
    // The parser turns LaTeX into text and does not know \mathcal; that is the only complaint.
    expect(errors.map((e) => e.error)).toEqual(['unhandled macro \\mathcal'])
    expect(entries.map((e) => e.key)).toEqual(lib.papers.map((p) => p.key))
    const first = entries[0]!.fields
    expect(first.author).toEqual([
      { lastName: 'Lovelace', firstName: 'Ada' },
      { lastName: 'Berg', firstName: 'Jan', prefix: 'van der' },
      { lastName: 'Vallée Poussin', firstName: 'Charles', prefix: 'de la' },
      { lastName: 'Châtelet', firstName: 'Émilie', prefix: 'du' },
    ])
    expect(first.keywords).toEqual(['0012', 'gnn', 'ml/graphs'])
    expect(first.doi).toBe(lib.papers[0]!.doi)
    expect(first.url).toBe(lib.papers[0]!.url)
    expect(entries[1]!.fields.title).toBe('1.10')
    expect(entries[1]!.type).toBe('article')
  })

  const hostileTitles = [
    '}, author = {Mallory}, title = {',
    '\\input{/etc/passwd}',
    '\\end{document}\\immediate\\write18{rm -rf /}',
    '{{{ unclosed',
    '}}} overclosed',
    '@misc{injected, title = {x}}',
    '% not a comment',
    '$\\}$ and $\\{$',
    'back\\slash at the end\\',
    'a < b > c | d ~ e ^ f _ g # h & i % j',
  ]

  it.each(hostileTitles)('keeps a hostile title %j inside its own field', (title) => {
    const bib = paperToBibtex(paper({ key: 'k', title, authors: [title], venue: title, abstract: title, url: title, doi: title }), 'k', [
      title,
    ])
    for (const line of bib.split('\n').filter((l) => l.startsWith('  '))) expect(bracesBalanced(line)).toBe(true)
    const { entries, errors } = parseBack(bib)
    expect(errors.filter((e) => !/unhandled/.test(e.error))).toEqual([])
    expect(entries.map((e) => e.key)).toEqual(['k'])
    expect(Object.keys(entries[0]!.fields).sort()).toEqual(['abstract', 'author', 'doi', 'journal', 'keywords', 'title', 'url'].sort())
    if (!title.includes('$')) expect(entries[0]!.fields.title).toBe(title)
  })
})

describe('citationKeys', () => {
  it('keeps citation keys as they are, even two that differ only in case, and repairs others away from every key', () => {
    const keys = citationKeys([
      { key: 'gilmer2017neural' },
      { key: 'Gilmer2017Neural' },
      { key: 'a b,c{d}' },
      { key: '-x.' },
      { key: '' },
      { key: 'X' },
      { key: 'Smith:2017' },
    ])
    expect([...keys.values()]).toEqual(['gilmer2017neural', 'Gilmer2017Neural', 'a_b_c_d_', 'x_2', 'paper', 'X', 'Smith:2017'])
  })

  it('escapes keywords', () => {
    expect(escapeLatex('a_b, c&d')).toBe('a\\_b, c\\&d')
  })
})
