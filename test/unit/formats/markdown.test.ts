import { describe, expect, it } from 'vitest'
import { readFrontMatter } from '../../../src/formats/frontmatter.js'
import { readMarkdownSummary, summaryToMarkdown } from '../../../src/formats/markdown.js'
import { DataError } from '../../../src/core/errors.js'
import { sampleLibrary } from './sample-library.js'

const lib = sampleLibrary()
const paperOf = (key: string) => lib.papers.find((p) => p.key === key)!

describe('summaryToMarkdown → readMarkdownSummary', () => {
  it.each(lib.summaries.map((s) => [s.id, s] as const))('%s comes back exactly', (_id, summary) => {
    const paper = paperOf(summary.paper)
    const file = summaryToMarkdown(summary, paper)
    const { records, problems } = readMarkdownSummary(file, `${summary.id}.md`)
    expect(problems).toEqual([])
    const { paper: _key, ...summaryFields } = summary
    expect(records).toEqual([{ origin: `${summary.id}.md`, paper, summaries: [summaryFields] }])
  })

  it('carries the arXiv category when the paper has one, and no category line when not', () => {
    const summary = lib.summaries[0]!
    const paper = { ...paperOf(summary.paper), category: 'cs.LG' }
    const { records } = readMarkdownSummary(summaryToMarkdown(summary, paper), 'a.md')
    expect(records[0]?.paper).toMatchObject({ arxiv: paper.arxiv, category: 'cs.LG' })
    expect(summaryToMarkdown(summary, paperOf(summary.paper))).not.toContain('category:')
  })

  it('writes plain front matter that other tools read as metadata', () => {
    const summary = lib.summaries[0]!
    const file = summaryToMarkdown(summary, paperOf(summary.paper))
    expect(file.startsWith('---\nid: lovelace2019graphs\nkey: lovelace2019graphs\n')).toBe(true)
    expect(file).toContain('\ntags:\n  - gnn\n  - ml/graphs\n  - "0012"\n')
    expect(file).toContain('\narxiv: "1901.00012"\n')
    expect(file.endsWith('---\n\n' + summary.body)).toBe(true)
  })
})

describe('readMarkdownSummary on hand-written files', () => {
  it.each([
    ['# The Heading\n\nText', 'notes/x.md', 'The Heading'],
    ['Intro\n\n## Second level ##\n', 'x.md', 'Second level'],
    ['```\n# not a heading\n```\n# Real', 'x.md', 'Real'],
    ['# C#', 'x.md', 'C#'],
    ['no heading at all', 'dir/My Notes.markdown', 'My Notes'],
    ['---\ntags: [a]\n---\n# From Body', 'x.md', 'From Body'],
  ])('%j (%s) gets the title %j', (text, source, title) => {
    const { records } = readMarkdownSummary(text, source)
    expect(records[0]!.paper.title).toBe(title)
  })

  it('keeps values such as 0012 and 1.10 as written and reads the year as a number', () => {
    const text = '---\ntitle: 1.10\nkey: 0012\nyear: 2017\nby: yes\narxiv: 1704.01212\ntags: [ML, "#Deep Learning"]\n---\nbody'
    const { records } = readMarkdownSummary(text, 'a.md')
    const record = records[0]!
    expect(record.paper).toMatchObject({ title: '1.10', key: '0012', year: 2017, arxiv: '1704.01212' })
    expect(record.summaries[0]).toMatchObject({ by: 'yes', tags: ['ml', 'deep-learning'], body: 'body' })
  })

  it.each([
    ['year: next', /year/],
    ['tags: [" "]', /tag/],
    ['title: [a, b]', /title must be text/],
    ['created: someday', /created is not a date/],
  ])('reports a bad field (%s) as a problem naming the file', (line, reason) => {
    const { records, problems } = readMarkdownSummary(`---\n${line}\n---\n`, 'bad.md')
    expect(records).toEqual([])
    expect(problems[0]!.origin).toBe('bad.md')
    expect(problems[0]!.reason).toMatch(reason)
  })
})

describe('readFrontMatter refuses what is not YAML', () => {
  it.each(['js', 'javascript', 'coffee', 'json', ' js', 'toml'])('---%s', (language) => {
    const marker = '__precisFrontMatterRan'
    const text = `---${language}\n{ title: (globalThis.${marker} = 1, "x") }\n---\nbody`
    expect(() => readFrontMatter(text, 'evil.md')).toThrow(DataError)
    expect(() => readFrontMatter(text, 'evil.md')).toThrow(/evil\.md/)
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined()
  })

  it('refuses TOML front matter', () => {
    expect(() => readFrontMatter('+++\ntitle = "x"\n+++\n', 'hugo.md')).toThrow(/hugo\.md.*TOML/)
  })

  it('stops an alias bomb', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (const name of 'bcdefghi')
      levels.push(
        `${name}: &${name} [${Array(9)
          .fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`)
          .join(',')}]`,
      )
    expect(() => readFrontMatter(`---\n${levels.join('\n')}\n---\n`, 'bomb.md')).toThrow(/bomb\.md.*(alias|resource)/i)
  })

  it.each([
    ['unclosed', '---\ntitle: x\n', /no closing/],
    ['invalid YAML', '---\ntitle: [x\n---\n', /not valid YAML/],
    ['duplicate keys', '---\ntitle: a\ntitle: b\n---\n', /not valid YAML/],
    ['custom tag', '---\ntitle: !!js/function "f"\n---\n', /not valid YAML/],
    ['a list', '---\n- a\n---\n', /mapping/],
  ])('%s → DataError naming the file', (_case, text, reason) => {
    expect(() => readFrontMatter(text, 'f.md')).toThrow(reason)
  })

  it('keeps __proto__ as data', () => {
    const { fields } = readFrontMatter('---\n__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\n---\n', 'p.md')
    expect(fields!.get('__proto__')).toBeInstanceOf(Map)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('treats a leading ---- thematic break as body', () => {
    expect(readFrontMatter('----\ntext', 'x.md')).toEqual({ fields: null, body: '----\ntext' })
  })

  it('reads CRLF front matter and keeps the body bytes', () => {
    expect(readFrontMatter('---\r\ntitle: x\r\n---\r\n\r\nbody\r\n', 'w.md')).toEqual({
      fields: new Map([['title', 'x']]),
      body: 'body\r\n',
    })
  })
})
