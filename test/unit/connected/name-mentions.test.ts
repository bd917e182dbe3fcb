/** mayCiteAnyOf: which bodies a save finds citations in again when the names citations resolve by changed. */
import { describe, expect, it } from 'vitest'
import { extractCitations, mayHoldCitations } from '../../../src/core/citations/citations.js'
import { mayCiteAnyOf } from '../../../src/core/citations/name-mentions.js'

/** Bodies with citations in every form, keys in any case, Greek keys ending in Σ, and text that only looks like one. */
const BODIES = [
  'As \\cite{Gilmer2017Neural} shows, and \\citet{ a2020x , B2021Y }.',
  'Pandoc [see @gilmer2017neural, p. 3; -@C2019Z] style',
  'in-text @GILMER2017NEURAL says',
  "a Greek key \\cite{ΑΣ} and a bare one @ΟΔΟΣ's claim, where Σ is not final in the body",
  'Kelvin: @\u212Aelvin1848',
  'mail ada@example.org, math $\\alpha \\cdot x$, a \\textcite-less word',
  'no citation markup at all, gilmer2017neural named in prose',
]

describe('mayHoldCitations', () => {
  it.each([...BODIES, '\\Cite{x}', '\\nocite{x}', 'cite \\ and @', 'excite \\par', '\\x cite'])(
    'agrees with the single pattern it replaced: %s',
    (body) => {
      expect(mayHoldCitations(body)).toBe(/@|\\[a-z]*cite/.test(body))
    },
  )
})

describe('mayCiteAnyOf', () => {
  // Every key a body cites, lower-cased as CitationResolver looks it up: the body may cite that name.
  const cited = BODIES.flatMap((body) => extractCitations(body).flatMap((c) => c.keys.map((key) => [key.toLowerCase(), body] as const)))

  it('finds citations to check against in every body but the last two', () => {
    expect(BODIES.map((body) => cited.some(([, citing]) => citing === body))).toEqual(BODIES.map((_, i) => i < BODIES.length - 2))
  })

  it.each(cited)('says a body citing %s may cite it', (name, body) => {
    expect(mayCiteAnyOf([name])(body)).toBe(true)
    expect(mayCiteAnyOf(['someone-else', name])(body)).toBe(true)
  })

  it.each([
    ['no names', [], BODIES[0]!],
    ['a name the body does not hold', ['lecun1998gradient'], BODIES[0]!],
    ['a name held only in prose, no citation markup', ['gilmer2017neural'], BODIES[6]!],
  ])('says a body cannot cite a changed name given %s', (_, names, body) => {
    expect(mayCiteAnyOf(names)(body)).toBe(false)
  })
})
