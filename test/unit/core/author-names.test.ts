import { describe, expect, it } from 'vitest'
import { displayName, literalNameText } from '../../../src/core/papers/author-names.js'
import { baseCitekey, familyName } from '../../../src/core/keys/citekey.js'

describe('names stored whole', () => {
  it.each([
    ['{ATLAS Collaboration}', 'ATLAS Collaboration', 'ATLAS Collaboration'],
    ['{Hen Dotan, Nripan Mathews}', 'Hen Dotan, Nripan Mathews', 'Hen Dotan'],
    [' {World {Health} Organization} ', 'World {Health} Organization', 'World {Health} Organization'],
    ['{A} and {B}', null, 'and {B}'],
    ['Ada Lovelace', null, 'Lovelace'],
    ['{\\v{S}}koda, C', null, '{\\v{S}}koda'],
  ])('%j is %j whole, family name %j', (name, literal, family) => {
    expect(literalNameText(name)).toBe(literal)
    expect(displayName(name)).toBe(literal ?? name)
    expect(familyName(name)).toBe(family)
  })

  it('keys a paper by an organisation whole', () => {
    expect(baseCitekey({ authors: ['{ATLAS Collaboration}'], year: 2012, title: 'Observation of a new particle' })).toBe(
      'atlascollaboration2012observation',
    )
  })
})
