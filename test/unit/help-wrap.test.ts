import { describe, expect, it } from 'vitest'
import { wrapHelp } from '../../src/command-kit/help-wrap.js'

describe('wrapHelp', () => {
  it.each([
    ['a short line', 20, 'a short line'],
    ['one two three four five six', 13, 'one two three\nfour five six'],
    ['first half of a paragraph\nand its second half', 80, 'first half of a paragraph and its second half'],
    ['Heading:\n  item', 80, 'Heading:\n  item'],
    ['  --tag <tag>  add a tag, repeat it for each tag', 35, '  --tag <tag>  add a tag, repeat it\n               for each tag'],
    ['  --a-very-long-option <value>  its text', 30, '  --a-very-long-option <value>\n      its text'],
    // A wide term column (the root help's, padded to its longest command) keeps its text beside it while there is room.
    [
      `  --library <file>${' '.repeat(25)}library file (default: $PRECIS_LIBRARY, else ~/.local/share/precis/library.json)`,
      80,
      `  --library <file>${' '.repeat(25)}library file (default:\n${' '.repeat(43)}$PRECIS_LIBRARY, else\n${' '.repeat(43)}~/.local/share/precis/library.json)`,
    ],
    [
      '  tag [options] [handle-and-tags...]  Add (+tag) or remove (-tag) tags on summaries',
      50,
      '  tag [options] [handle-and-tags...]\n      Add (+tag) or remove (-tag) tags on\n      summaries',
    ],
    [
      'Examples:\n  precis add --title "A very long title that will not fit"',
      20,
      'Examples:\n  precis add --title "A very long title that will not fit"',
    ],
    [
      '  precis list tag:gnn   # an example outside a section stays whole',
      20,
      '  precis list tag:gnn   # an example outside a section stays whole',
    ],
    [
      'see https://example.org/a/very/long/path/that/is/one/word here',
      20,
      'see\nhttps://example.org/a/very/long/path/that/is/one/word\nhere',
    ],
  ])('%j at %i columns', (text, width, expected) => {
    expect(wrapHelp(text, width)).toBe(expected)
  })
})
