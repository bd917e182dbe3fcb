import { describe, expect, it } from 'vitest'
import { Lexer, Marked } from 'marked'
import { blockquote, definition, htmlBlock, setextHeading, table } from '../../../src/core/markdown/marked-block-checks.js'

const marked = new Marked({ gfm: true })

/** The alternatives of a regular expression's source, split at the `|`s outside groups and classes. */
function topLevelAlternatives(source: string): string[] {
  const alternatives = ['']
  let depth = 0
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      alternatives[alternatives.length - 1] += source.slice(i, i + 2)
      i++
      continue
    }
    if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      alternatives.push('')
      continue
    }
    alternatives[alternatives.length - 1] += c
  }
  return alternatives
}
const checked = new Marked({ gfm: true, tokenizer: { lheading: setextHeading, table, html: htmlBlock, blockquote, def: definition } })

describe('checks before marked setext heading, table, HTML block, block quote and definition rules', () => {
  it("guard marked's own rules, unchanged", () => {
    expect(Lexer.rules.block.gfm.lheading.source.endsWith(String.raw`\n {0,3}(=+|-+)[ \t]*(?:\n+|$)`)).toBe(true)
    expect(Lexer.rules.block.gfm.lheading.source).toContain(String.raw`((?:.|\n(?!\s*?\n|`)
    expect(Lexer.rules.block.gfm.table.source.startsWith('^ *([^\\n ].*)\\n {0,3}((?:\\| *)?:?-+:? *')).toBe(true)
    // The HTML block rule: at most three spaces, then alternatives that each begin with `<`.
    const html = Lexer.rules.block.gfm.html.source
    expect(html.startsWith('^ {0,3}(?:') && html.endsWith(')')).toBe(true)
    const alternatives = topLevelAlternatives(html.slice('^ {0,3}(?:'.length, -1))
    expect(alternatives.length).toBeGreaterThan(5)
    for (const alternative of alternatives) expect(alternative).toMatch(/^</)
    expect(Lexer.rules.block.gfm.blockquote.source.startsWith('^( {0,3}> ?')).toBe(true)
    expect(Lexer.rules.block.gfm.def.source.startsWith('^ {0,3}\\[')).toBe(true)
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
    '<div>\nblock html\n</div>\n\ntext',
    '   <!-- a comment -->\nafter',
    '    <div>indented code, not html</div>',
    'a paragraph\n<div>interrupted by html</div>',
    '<span>inline html</span> starts a paragraph',
    '<?php echo 1 ?>\n\n<!DOCTYPE html>\n\n<![CDATA[ x ]]>',
    '- item\n  <div>html in an item</div>\n\n> <p>quoted html</p>',
    'x < y and a < b\n\n < not a tag',
    '> quote\n> more\nlazy line\n\n   > indented quote\n\n    > code, not a quote',
    'a paragraph\n> interrupted by a quote',
    '[ref]: https://example.org "Title"\n\nA [ref] and [ref][] and [Ref].\n\n   [two]:\n   <x y>\n\n[two]',
    'text\n[not]: a definition inside a paragraph\n\n- item\n\n  [d]: /in-item\n  > quote in item',
  ])('gives the tokens marked gives for %j', (markdown) => {
    expect(checked.lexer(markdown)).toEqual(marked.lexer(markdown))
  })
})
