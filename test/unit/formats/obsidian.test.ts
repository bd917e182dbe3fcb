import { describe, expect, it } from 'vitest'
import { wikiLinkCitations } from '../../../src/formats/obsidian.js'
import { libraryOf, paper } from '../../support/library.js'

describe('wikiLinkCitations', () => {
  const lib = libraryOf([paper({ key: 'a', title: 'A' }), paper({ key: 'b:c', title: 'B' })])
  // Paper key → its note's file name: `b:c` could not be a file name as it is.
  const links = wikiLinkCitations(
    lib,
    new Map([
      ['a', 'a'],
      ['b:c', 'b_c'],
    ]),
  )

  it.each([
    ['\\cite{a}', '([[a]])'],
    ['\\citet{a}', '[[a]]'],
    ['\\citep{a,b:c}', '([[a]]; [[b_c|b:c]])'],
    ['[@a; @b:c]', '[ [[a]]; [[b_c|b:c]] ]'],
    ['[see @a, p. 3]', '[see [[a]], p. 3]'],
    ['as @a shows', 'as [[a]] shows'],
    ['\\cite{a,nobody}', '\\cite{a,nobody}'],
    ['`@a` and $@a$', '`@a` and $@a$'],
  ])('%s → %s', (body, linked) => {
    expect(links(body)).toBe(linked)
  })
})
