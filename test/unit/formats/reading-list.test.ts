import { describe, expect, it } from 'vitest'
import { inlineText, readingListMarkdown } from '../../../src/formats/reading-list.js'
import { readFrontMatter } from '../../../src/formats/frontmatter.js'
import { sampleLibrary } from './sample-library.js'

describe('readingListMarkdown', () => {
  const lib = sampleLibrary()
  const text = readingListMarkdown(lib, { title: 'Chapter 2: related work', bibliography: 'refs.bib' })

  it('starts with Pandoc metadata naming the bibliography', () => {
    const { fields } = readFrontMatter(text, 'list.md')
    expect(fields).toEqual(
      new Map<string, unknown>([
        ['title', 'Chapter 2: related work'],
        ['bibliography', 'refs.bib'],
        ['link-citations', 'true'],
      ]),
    )
  })

  it('has a table of contents linking to one section per paper', () => {
    const contents = text.slice(text.indexOf('## Contents'), text.indexOf('\n\n## ', text.indexOf('## Contents')))
    expect(contents.split('\n').slice(2)).toEqual([
      '- [Graphs, \\{Braces\\} and $\\mathcal{O}(n^2)$ Messages: a 50% \\& \\#1 Study](#paper-lovelace2019graphs) (2019)',
      '- [1.10](#paper-hopper1952compiler) (1952)',
      '- [null](#paper-noether2021untitled)',
    ])
    for (const anchor of ['paper-lovelace2019graphs', 'paper-hopper1952compiler', 'paper-noether2021untitled']) {
      expect(text).toContain(`{#${anchor}}\n`)
    }
  })

  it('gives each paper a metadata line with its citation, and its summaries as stored', () => {
    expect(text).toContain(
      '*Ada Lovelace, van der Berg, Jan, Charles de la Vallée Poussin, Émilie du Châtelet* · ' +
        'Proceedings of the 36th International Conference on Machine Learning \\(ICML\\) 2019 · ' +
        '[arXiv:1901.00012](<https://arxiv.org/abs/1901.00012>) · [doi:10.5555/ABC.0012](<https://doi.org/10.5555/ABC.0012>) · ' +
        '[link](<https://example.org/paper?id=1&x=_y>) · [@lovelace2019graphs]',
    )
    expect(text).toContain(
      '### Summary by Ada (2024-02-03)\n\nTags: `gnn`, `ml/graphs`, `0012`\n\n' + lib.summaries[0]!.body.trimEnd() + '\n\n',
    )
    expect(text).toContain('### Summary by true (2024-05-06)\n\n' + lib.summaries[1]!.body)
  })

  it('says when a paper has no summary yet', () => {
    const empty = { ...lib, summaries: [] }
    expect(readingListMarkdown(empty, { title: 'x', bibliography: 'refs.bib' })).toContain(
      '[@noether2021untitled]\n\n*Not summarised yet.*',
    )
  })

  it('without a bibliography, cites nothing Pandoc could not resolve', () => {
    const alone = readingListMarkdown(lib, { title: 'x', bibliography: null })
    expect(alone).not.toContain('[@')
    expect(alone).toContain('[link](<https://example.org/paper?id=1&x=_y>)\n\n### Summary by Ada')
  })
})

describe('inlineText', () => {
  it.each([
    ['Plain Title', 'Plain Title'],
    ['Bounds in $O(n)$ time', 'Bounds in $O(n)$ time'],
    ['**bold** [link](javascript:x) <script> @cite #tag', '\\*\\*bold\\*\\* \\[link\\]\\(javascript:x\\) \\<script\\> \\@cite \\#tag'],
    ['costs $5', 'costs \\$5'],
    ['multi\nline', 'multi line'],
  ])('%j → %j', (text, markdown) => {
    expect(inlineText(text)).toBe(markdown)
  })
})
