import { describe, expect, it } from 'vitest'
import { asciiFold, baseCitekey, familyName, makeCitekey, MAX_KEY_PART } from '../../../src/core/keys/citekey.js'
import { KeySet } from '../../../src/core/keys/key-rules.js'

describe('familyName', () => {
  it.each([
    ['Justin Gilmer', 'Gilmer'],
    ['Gilmer, Justin', 'Gilmer'],
    ['Hado van Hasselt', 'van Hasselt'],
    ['Laurens van der Maaten', 'van der Maaten'],
    ['Carl Edward Rasmussen', 'Rasmussen'],
    ['Plato', 'Plato'],
    ['  ', ''],
  ])('%s → %s', (name, family) => expect(familyName(name)).toBe(family))
})

describe('asciiFold', () => {
  it.each([
    ['Schrödinger', 'schrodinger'],
    ['Łukasz', 'lukasz'],
    ['Straße', 'strasse'],
    ['Ørsted', 'orsted'],
    ['van der Maaten', 'vandermaaten'],
    ['李', ''],
  ])('%s → %s', (text, folded) => expect(asciiFold(text)).toBe(folded))
})

describe('baseCitekey', () => {
  it.each([
    [{ authors: ['Justin Gilmer'], year: 2017, title: 'Neural Message Passing for Quantum Chemistry' }, 'gilmer2017neural'],
    [{ authors: ['Behnam Neyshabur'], year: 2020, title: 'What is being transferred in transfer learning?' }, 'neyshabur2020transferred'],
    [{ authors: ['Kevin Clark'], year: 2020, title: 'ELECTRA: Pre-training Text Encoders' }, 'clark2020electra'],
    [{ authors: ['Hado van Hasselt'], year: 2016, title: 'Deep RL' }, 'vanhasselt2016deep'],
    [{ authors: ['Erwin Schrödinger'], year: 1926, title: 'Quantisierung als Eigenwertproblem' }, 'schrodinger1926quantisierung'],
    [{ authors: [], year: 2001, title: 'Anonymous note' }, 'anon2001anonymous'],
    [{ authors: ['Ada Lovelace'], year: null, title: 'Notes' }, 'lovelacendnotes'],
    [{ authors: ['Ada Lovelace'], year: 1843, title: 'The' }, 'lovelace1843untitled'],
    [{ authors: ['Ada Lovelace'], year: 1843, title: '$\\mathcal{O}(n)$ bounds' }, 'lovelace1843mathcal'],
    [{ authors: ['李 小龙'], year: 2020, title: '深度学习' }, 'anon2020untitled'],
  ])('%j → %s', (paper, key) => expect(baseCitekey(paper)).toBe(key))
})

describe('makeCitekey', () => {
  const paper = { authors: ['Justin Gilmer'], year: 2017, title: 'Neural Message Passing' }
  it.each([
    [[], 'gilmer2017neural'],
    [['gilmer2017neural'], 'gilmer2017neurala'],
    [['gilmer2017neural', 'gilmer2017neurala'], 'gilmer2017neuralb'],
    [['gilmer2017neural', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `gilmer2017neural${c}`)], 'gilmer2017neuralaa'],
  ])('taken %j → %s', (taken, key) => expect(makeCitekey(paper, new KeySet(taken))).toBe(key))
})

describe('citekeys from odd metadata (what arXiv and DOI sources hand over)', () => {
  it.each([
    [{ authors: ['Sofía de la Cruz'], year: 2005, title: 'On the Count of Lattice Points' }, 'delacruz2005count'],
    [{ authors: ['van der Berg, Jan'], year: 2020, title: 'Learned Messages' }, 'vanderberg2020learned'],
    [{ authors: ['Jan van der Berg'], year: 2020, title: 'Learned Messages' }, 'vanderberg2020learned'],
    [{ authors: ['García Márquez, Gabriela'], year: 1967, title: 'Cien años' }, 'garciamarquez1967cien'],
    [{ authors: ['Luther, Jr., Martin'], year: 1963, title: 'Letters' }, 'luther1963letters'],
    [{ authors: ['Zoë Ångström'], year: 2020, title: 'Énergie libre' }, 'angstrom2020energie'],
    [{ authors: ["Conor O'Brien"], year: 2019, title: 'Über Graphen' }, 'obrien2019uber'],
    [{ authors: ['Anne Smith-Jones'], year: 2018, title: 'Kernels' }, 'smithjones2018kernels'],
    [{ authors: ['The Example Consortium'], year: 2021, title: 'Measurements' }, 'consortium2021measurements'],
    [{ authors: ['Plato'], year: null, title: 'Republic' }, 'platondrepublic'],
    [{ authors: ['Ada Lovelace'], year: 1843, title: 'Attention' }, 'lovelace1843attention'],
    [{ authors: ['Ada Lovelace'], year: 1843, title: 'hep-th/9901001 revisited' }, 'lovelace1843hep'],
    [{ authors: ['Ada Lovelace'], year: 1843, title: '2003.10555' }, 'lovelace1843untitled'],
    [{ authors: ['__proto__'], year: 2020, title: 'constructor' }, 'proto2020constructor'],
    [{ authors: [''], year: null, title: '' }, 'anonnduntitled'],
  ])('%j → %s', (paper, key) => expect(baseCitekey(paper)).toBe(key))
})

describe('keys stay within their limit whatever the title or name', () => {
  const long = (n: number) => 'x'.repeat(n)
  it.each([
    ['a 195-character title word', { authors: ['Bob Long'], year: 2021, title: long(195) }],
    ['a 190-character family name', { authors: [`Ann ${long(190)}`], year: 2021, title: 'Normal' }],
    ['a 4.9 MB title', { authors: ['Ann Normal'], year: 2020, title: long(4_900_000) }],
    ['both long, no year', { authors: [`${'é'.repeat(300)}, Ann`], year: null, title: `The ${'ﬃ'.repeat(500)}` }],
  ])('%s', (_case, fields) => {
    const taken = new KeySet()
    const keys: string[] = []
    for (let i = 0; i < 30; i++) {
      keys.push(makeCitekey(fields, taken))
      taken.add(keys.at(-1)!)
    }
    const longest = Math.max(...keys.map((key) => key.length))
    expect(longest).toBeLessThanOrEqual(2 * MAX_KEY_PART + 4 + 2)
    expect(longest + '-999999999'.length).toBeLessThanOrEqual(210)
  })
})
