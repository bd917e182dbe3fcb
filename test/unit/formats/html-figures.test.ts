import { describe, expect, it } from 'vitest'
import { markdownConverter } from '../../../src/formats/html-markdown.js'
import { contentSecurityPolicy, readingListHtml } from '../../../src/formats/html.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const A = 'https://i.imgur.com/a.png'
const B = 'https://i.imgur.com/b.png'
const embed = (url: string) => (url === B ? 'data:image/png;base64,AAAA' : null)

describe('HTML export: cached figures embedded', () => {
  it('embeds a cached figure numbered as the terminal numbers it, linking the original; one not cached is the numbered link', () => {
    const body = `First ${A} then ![the <model>](${B}) and again ${A}.`
    const html = markdownConverter(false, undefined, embed)(body)
    expect(html).toBe(
      `<p>First <a rel="noopener noreferrer" href="${A}" class="image-link">Figure 1</a> then ` +
        `<img class="figure" src="data:image/png;base64,AAAA" alt="Figure 2: the &lt;model&gt;"><br>` +
        `<a rel="noopener noreferrer" href="${B}" class="image-link">Figure 2: the &lt;model&gt;</a> and again ` +
        `<a rel="noopener noreferrer" href="${A}" class="image-link">Figure 1</a>.</p>\n`,
    )
  })

  it('with remote images, a figure not cached is the original image above its numbered link', () => {
    expect(markdownConverter(true, undefined, embed)(`![a plot](${A} "the title")`)).toBe(
      `<p><img class="figure" src="${A}" alt="Figure 1: a plot" title="the title"><br>` +
        `<a rel="noopener noreferrer" href="${A}" class="image-link">Figure 1: a plot</a></p>\n`,
    )
  })

  it('numbers per summary, from 1', () => {
    const convert = markdownConverter(false, undefined, embed)
    convert(`${A}`)
    expect(convert(`${B}`)).toContain('Figure 1</a>')
  })

  it('without an embedder the page is as before, and its policy allows no data: image', () => {
    const body = `See ${B}.`
    expect(markdownConverter(false, undefined, null)(body)).toBe(markdownConverter(false)(body))
    expect(contentSecurityPolicy(false)).not.toContain('data:')
    expect(contentSecurityPolicy(false, true)).toContain(' img-src data:;')
    expect(contentSecurityPolicy(true, true)).toContain(' img-src https: http: data:;')
  })

  it('a page with an embedder allows data: images', () => {
    const lib = libraryOf([paper({ key: 'p' })], [summary({ id: 'p', paper: 'p', body: `See ${B}.` })])
    const page = readingListHtml(lib, { title: 'T', now: new Date(0), embedFigure: embed })
    expect(page).toContain('img-src data:;')
    expect(page).toContain('src="data:image/png;base64,AAAA"')
  })
})
