import { describe, expect, it } from 'vitest'
import { asciiFold, baseCitekey, familyName, makeCitekey } from '../../../src/core/citekey.js'

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
  ])('taken %j → %s', (taken, key) => expect(makeCitekey(paper, new Set(taken))).toBe(key))
})
