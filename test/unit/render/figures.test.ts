import { describe, expect, it } from 'vitest'
import { FigureList, isImageUrl, unglueImageUrls } from '../../../src/core/markdown/figures.js'
import { renderFigureList } from '../../../src/render/figures.js'
import { makeStyles } from '../../../src/render/styles.js'

describe('isImageUrl', () => {
  it.each([
    ['https://i.imgur.com/Mmp8KO6.png', true],
    ['http://example.org/a/b.JPG', true],
    ['https://example.org/plot.jpeg?w=800&h=600', true],
    ['https://example.org/x.gif#frame', true],
    ['https://example.org/x.svg', true],
    ['https://example.org/x.webp', true],
    ['https://example.org/page', false],
    ['https://example.org/png', false],
    ['https://example.org/x.png.html', false],
    ['ftp://example.org/x.png', false],
    ['x.png', false],
  ])('%s → %s', (url, expected) => {
    expect(isImageUrl(url)).toBe(expected)
  })
})

describe('unglueImageUrls', () => {
  it.each([
    ['observationshttps://i.imgur.com/BWvsB7T.png', 'observations https://i.imgur.com/BWvsB7T.png'],
    ['result:https://i.imgur.com/x.png.', 'result: https://i.imgur.com/x.png.'],
    ['see 2020https://example.org/fig.jpg', 'see 2020 https://example.org/fig.jpg'],
    ['plain https://i.imgur.com/x.png stays', 'plain https://i.imgur.com/x.png stays'],
    ['texthttps://example.org/page is not an image', 'texthttps://example.org/page is not an image'],
    ['![a](https://example.org/x.png)', '![a](https://example.org/x.png)'],
    ['<img src="https://example.org/x.png">', '<img src="https://example.org/x.png">'],
    ['https://archive.org/web/https://example.org/x.png', 'https://archive.org/web/https://example.org/x.png'],
    ['[id]:https://example.org/x.png', '[id]:https://example.org/x.png'],
  ])('%s', (prose, expected) => {
    expect(unglueImageUrls(prose)).toBe(expected)
  })
})

describe('FigureList', () => {
  it('numbers figures in order and gives a repeated URL its first number', () => {
    const list = new FigureList()
    expect(list.add('https://a.org/1.png', '')).toBe(1)
    expect(list.add('https://a.org/2.png', 'second')).toBe(2)
    expect(list.add('https://a.org/1.png', 'first, captioned later')).toBe(1)
    expect(list.figures).toEqual([
      { url: 'https://a.org/1.png', caption: 'first, captioned later' },
      { url: 'https://a.org/2.png', caption: 'second' },
    ])
  })

  it('renders as a numbered list with captions, wrapped under the URL', () => {
    const styles = makeStyles({ color: false, hyperlinks: false })
    const figures = [
      { url: 'https://a.org/1.png', caption: '' },
      { url: 'https://a.org/2.png', caption: 'a caption long enough to wrap at this narrow width' },
    ]
    expect(renderFigureList(figures, styles, 40)).toBe(
      ['Figures:', '[1] https://a.org/1.png', '[2] https://a.org/2.png — a caption long', '    enough to wrap at this narrow width'].join(
        '\n',
      ),
    )
    expect(renderFigureList([], styles, 40)).toBe('')
  })

  it('hyperlinks each URL when hyperlinks are on', () => {
    const styles = makeStyles({ color: false, hyperlinks: true })
    expect(renderFigureList([{ url: 'https://a.org/1.png', caption: '' }], styles, 80)).toBe(
      'Figures:\n[1] \x1b]8;;https://a.org/1.png\x07https://a.org/1.png\x1b]8;;\x07',
    )
  })
})
