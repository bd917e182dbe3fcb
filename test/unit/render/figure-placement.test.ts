import { describe, expect, it } from 'vitest'
import { placeFigures } from '../../../src/render/figure-placement.js'
import { renderSummaryBody } from '../../../src/render/show.js'
import { makeStyles } from '../../../src/render/styles.js'

const figures = [
  { url: 'https://x/a.png', caption: 'first' },
  { url: 'https://x/b.png', caption: '' },
]
const plain = makeStyles({ color: false, hyperlinks: false })
const draw = (figure: { url: string }) => (figure.url.endsWith('b.png') ? null : `<IMG ${figure.url}>\n`)

describe('placeFigures', () => {
  it('draws each figure once, after the first paragraph citing it; one it cannot draw stays text', () => {
    const text = 'One [fig 1] and\nstill one [fig 2].\n\nTwo [fig 1] again.\n\n[fig 3] unknown.'
    expect(placeFigures(text, figures, draw, plain, 80)).toBe(
      'One [fig 1] and\nstill one [fig 2].\n\n<IMG https://x/a.png>\n[fig 1] first\n\nTwo [fig 1] again.\n\n[fig 3] unknown.',
    )
  })

  it('finds a reference inside colour and a hyperlink', () => {
    const styled = renderSummaryBody('See ![first](https://x/a.png).', { width: 80, color: true, hyperlinks: true }, draw)
    expect(styled).toContain('<IMG https://x/a.png>\n')
  })

  it('without a drawer, renders exactly as before', () => {
    const body = 'See ![first](https://x/a.png).'
    const opts = { width: 80, color: false, hyperlinks: false }
    expect(renderSummaryBody(body, opts, () => null)).toBe(renderSummaryBody(body, opts))
  })
})
