// A JSON list written per piece is the bytes printJson writes for the whole list.
import { describe, expect, it } from 'vitest'
import { printJson, printJsonList } from '../../../src/command-kit/shared.js'
import { testContext } from '../../support/context.js'

const item = (i: number) => ({
  id: `item-${i}`,
  title: i % 7 === 0 ? `Evil \u001b]8;;x\u0007 \u202e ${i}` : i % 5 === 0 ? 'Tab\tand\nline' : `Title ${i}`,
  tags: i % 3 === 0 ? [] : ['a', `b/${i}`],
  nested: { list: i % 2 === 0 ? [] : [{ year: 2000 + i, none: null }] },
})

describe('printJsonList', () => {
  it.each([0, 1, 2, 499, 500, 501, 1234])('%i items: the bytes printJson writes', (count) => {
    const items = Array.from({ length: count }, (_, i) => i)
    const [whole, pieces] = [testContext(), testContext()]
    printJson(whole, items.map(item))
    const written: string[] = []
    printJsonList({ ...pieces, io: { ...pieces.io, out: (text: string) => void written.push(text) } }, items, item)
    expect(written.join('')).toBe(whole.stdout())
    expect(written).toHaveLength(Math.max(1, Math.ceil(count / 500)))
  })
})
