import { describe, expect, it } from 'vitest'
import { Lexer, Marked } from 'marked'
import { setextHeading, table } from '../../../src/formats/marked-block-checks.js'

const marked = new Marked({ gfm: true })
const checked = new Marked({ gfm: true, tokenizer: { lheading: setextHeading, table } })

describe('checks before marked setext heading and table rules', () => {
  it("guard marked's own rules, unchanged", () => {
    expect(Lexer.rules.block.gfm.lheading.source.endsWith(String.raw`\n {0,3}(=+|-+)[ \t]*(?:\n+|$)`)).toBe(true)
    expect(Lexer.rules.block.gfm.lheading.source).toContain(String.raw`((?:.|\n(?!\s*?\n|`)
    expect(Lexer.rules.block.gfm.table.source.startsWith('^ *([^\\n ].*)\\n {0,3}((?:\\| *)?:?-+:? *')).toBe(true)
  })

  it.each([
    'Title\n===\n\ntext',
    'Two lines\nof title\n---',
    'Spaced\n   ===   \nafter',
    'Not a heading\n\n---\n',
    'Tab\n===\t\nx',
    'Four spaces\n    ===',
    'Blank with spaces\n   \n===',
    'a\n- - -\nb',
    '> quoted\n===',
    '- item\n---',
    'a | b\n--- | ---\n1 | 2',
    '| a |\n|:-:|\n| 1 |',
    'a | b\n  :-- | --:\n1 | 2',
    'no table\n| a |',
    'x\n    | a |\n|---|',
    'words\nmore words\n\nand a paragraph with $x$ and | pipes | here\nand - dashes\n',
    '# Heading\ntext\n===\n',
    `${'long paragraph line\n'.repeat(300)}===\n`,
    `${'long paragraph line\n'.repeat(300)}\n===\n`,
  ])('gives the tokens marked gives for %j', (markdown) => {
    expect(checked.lexer(markdown)).toEqual(marked.lexer(markdown))
  })
})
