import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { testContext } from '../support/context.js'

const TAGS = ['nlp/transformers', 'attention', 'seq2seq', 'todo', 'classic']
const TITLE = 'Attention Is All You Need: A Simple Network Architecture Based on Attention'

function library() {
  return libraryOf(
    [
      paper({ key: 'vaswani2017attention', title: TITLE, year: 2017 }),
      paper({ key: 'he2016deep', title: 'Deep Residual Learning for Image Recognition', year: 2016 }),
      paper({ key: 'lone2021paper', title: 'A paper waiting for a reader', year: 2021 }),
    ],
    [
      summary({ id: 'vaswani2017attention', paper: 'vaswani2017attention', tags: TAGS }),
      summary({ id: 'he2016deep', paper: 'he2016deep', tags: ['vision'] }),
    ],
  )
}

async function listAt(columns: number): Promise<string[]> {
  const ctx = testContext({ tty: true, columns, library: library() })
  expect(await main(['list', '--sort', 'title'], ctx)).toBe(0)
  return ctx.stdout().trimEnd().split('\n')
}

describe('list in a terminal gives the title the room and cuts tags first', () => {
  it.each([80, 160])('at %i columns: rows fit, columns start at the same place', async (columns) => {
    const lines = await listAt(columns)
    expect(lines).toHaveLength(3)
    expect(lines.every((l) => [...l].length <= columns)).toBe(true)
    // Left-aligned: every title and every tags cell starts in the same column.
    const titleStarts = lines.map((l) => l.search(/ (A |Attention|Deep)/))
    expect(new Set(titleStarts).size).toBe(1)
    const tagStarts = lines.map((l) => l.search(/ (#|\(to summarise\))/))
    expect(new Set(tagStarts).size).toBe(1)
  })

  it('at 80 columns the title keeps most of the line and the tags end in +N', async () => {
    const first = (await listAt(80)).find((l) => l.startsWith('vaswani'))
    const title = /Attention[^#]*/.exec(first!)![0].trimEnd()
    expect([...title].length).toBeGreaterThanOrEqual(30)
    expect(first).toMatch(/ {2}#\S+( #\S+)* \+\d$/)
  })

  it('at 160 columns the whole title and every tag show', async () => {
    const first = (await listAt(160)).find((l) => l.startsWith('vaswani'))
    expect(first).toContain(TITLE)
    expect(first).toContain(TAGS.map((t) => `#${t}`).join(' '))
    expect(first).not.toMatch(/\+\d$/)
  })

  it('piped output stays tab-separated and whole', async () => {
    const ctx = testContext({ tty: false, library: library() })
    expect(await main(['list', '--sort', 'title'], ctx)).toBe(0)
    expect(ctx.stdout().split('\n')[1]).toBe(`vaswani2017attention\t2017\t${TITLE}\t${TAGS.join(',')}`)
  })
})
