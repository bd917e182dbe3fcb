import { render } from '@inquirer/testing'
import { describe, expect, it } from 'vitest'
import { filterChoices, searchCheckbox } from '../../../src/terminal/checkbox-search.js'

const choices = [
  { name: 'bayesian', value: 'bayesian' },
  { name: 'ml', value: 'ml', checked: true },
  { name: 'ml/gnn', value: 'ml/gnn' },
  { name: 'todo', value: 'todo' },
]

describe('filterChoices', () => {
  it.each([
    ['', ['bayesian', 'ml', 'ml/gnn', 'todo']],
    ['ml', ['ml', 'ml/gnn']],
    ['GNN', ['ml/gnn']],
    [' o ', ['todo']],
    ['zzz', []],
  ])('%j → %j', (term, names) => expect(filterChoices(choices, term).map((c) => c.name)).toEqual(names))
})

describe('searchCheckbox', () => {
  it('ticks with space, keeps what was ticked before, and answers in choice order', async () => {
    const { answer, events, getScreen } = await render(searchCheckbox, { message: 'Tags', choices })
    expect(getScreen()).toContain('◉ ml')
    events.keypress('space') // bayesian, the first line
    events.keypress('enter')
    expect(await answer).toEqual({ ticked: ['bayesian', 'ml'], typed: '' })
  })

  it('filters by what is typed, and the space never reaches the search text', async () => {
    const { answer, events, getScreen } = await render(searchCheckbox, { message: 'Tags', choices })
    events.type('gn')
    expect(getScreen()).toContain('ml/gnn')
    expect(getScreen()).not.toContain('bayesian')
    events.keypress('space')
    events.type('n')
    expect(getScreen()).toContain('gnn')
    events.keypress('enter')
    expect(await answer).toEqual({ ticked: ['ml', 'ml/gnn'], typed: '' })
  })

  it('moves with the arrows and unticks', async () => {
    const { answer, events } = await render(searchCheckbox, { message: 'Tags', choices })
    events.keypress('down')
    events.keypress('space') // ml, ticked before
    events.keypress('down')
    events.keypress('down')
    events.keypress('space') // todo
    events.keypress('enter')
    expect(await answer).toEqual({ ticked: ['todo'], typed: '' })
  })

  it('says so when nothing matches, and answers the typed text as the new tag proposed', async () => {
    const { answer, events, getScreen } = await render(searchCheckbox, { message: 'Tags', choices })
    events.type('zzz')
    expect(getScreen()).toContain('No tag matches: ⏎ proposes "zzz" as a new tag')
    events.keypress('space')
    events.keypress('enter')
    expect(await answer).toEqual({ ticked: ['ml'], typed: 'zzz' })
  })

  it('Esc leaves it: null, whatever was ticked or typed', async () => {
    const { answer, events, getScreen } = await render(searchCheckbox, { message: 'Tags', choices })
    events.keypress('space')
    events.type('gn')
    events.keypress('escape')
    expect(await answer).toBeNull()
    expect(getScreen()).toContain('left, nothing changed')
    expect(getScreen()).not.toContain('bayesian')
  })
})
