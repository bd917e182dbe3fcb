/** Which word of a text browse reads as being typed: the one a keystroke changed, wherever it is. */
import { describe, expect, it } from 'vitest'
import { parseTypedQuery } from '../../../src/core/search/query.js'
import { wordTypedWithin } from '../../../src/core/search/typed-word.js'

const typed = (before: string, now: string) => {
  const condition = wordTypedWithin(parseTypedQuery(before), parseTypedQuery(now))
  return condition && (condition.term.kind === 'text' ? condition.term.value : condition.term.kind)
}

describe('wordTypedWithin', () => {
  it.each([
    ['graph model', 'graph a model', 'a'],
    ['graph a model', 'graph at model', 'at'],
    ['graph atent model', 'graph atenti model', 'atenti'],
    ['graph atenti model', 'graph atent model', 'atent'], // a backspace
    ['graph model', 'graph title:a model', 'a'],
    ['graph mod', 'graph mode', 'mode'], // the last word
    ['graph nueral ', 'graph nueral n', 'n'],
    ['graph model', 'graph model model', 'model'],
  ])('%j → %j: %j', (before, now, word) => {
    expect(typed(before, now)).toBe(word)
  })

  it.each([
    ['graph nueral', 'graph nueral '], // a space finishes the word
    ['tranformer mod', 'tranformer mdoel '], // typed on with a space after it
    ['graph model', 'graph model'],
    ['graph a model', 'graph  model'], // a word taken out
    ['graph model', 'quantum chem'],
    ['graph attentionmodel', 'graph attention model'],
    ['graph neural attention model', 'graph atten model'], // two words typed over
    ['graph model', 'graph tag:ml model'],
    ['graph model', 'graph -spec model'],
    ['graph "message" model', 'graph "message pass" model'],
  ])('%j → %j: none', (before, now) => {
    expect(typed(before, now)).toBeNull()
  })
})
