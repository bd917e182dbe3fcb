import { describe, expect, it } from 'vitest'
import { parse, type DefaultTreeAdapterTypes } from 'parse5'
import { markdownConverter, mathToMathML } from '../../src/formats/html-markdown.js'

type Node = DefaultTreeAdapterTypes.Node

/** Every tag name and attribute of `html` as a browser's parser builds it. */
function parsed(html: string): { tags: Set<string>; attributes: string[] } {
  const tags = new Set<string>()
  const attributes: string[] = []
  const walk = (node: Node) => {
    if ('tagName' in node) {
      tags.add(node.tagName)
      for (const a of node.attrs) attributes.push(`${a.name}=${a.value}`)
    }
    if ('childNodes' in node) node.childNodes.forEach(walk)
    if ('content' in node) walk(node.content)
  }
  walk(parse(html))
  return { tags, attributes }
}

// The HTML export applies its allow-list while marked renders, with math still placeholders, then
// puts in each formula's MathML (converted and checked once per distinct formula): that kept 10,000
// summaries from taking minutes and gigabytes. Math in hostile places must not bring markup back.
describe('HTML export: math put back after sanitising', () => {
  it.each([
    ['inside a script', '<script>$x$ alert(1)</script>'],
    ['inside a textarea', '<textarea>$x$</textarea>'],
    ['inside a style', '<style>$x$ body{display:none}</style>'],
    ['in an attribute', '<a href="javascript:$x$" title="$y$" onclick="$z$">a</a>'],
    ['in an image alt', '![$x$ <img src=x onerror=alert(1)>](https://example.org/a.png)'],
    ['in a link text', '[$\\href{javascript:alert(1)}{x}$](javascript:alert(1))'],
  ])('%s: no active content', (_, body) => {
    const html = markdownConverter(false)(body)
    const { tags, attributes } = parsed(html)
    for (const forbidden of ['script', 'textarea', 'style', 'img']) expect(tags.has(forbidden)).toBe(false)
    expect(attributes.filter((a) => /^on|javascript:/i.test(a))).toEqual([])
    expect(html).not.toMatch(/[\uE000-\uE01F]/) // no placeholder left behind
  })

  it('renders math where text is kept, and converts each distinct formula once', () => {
    const converted: string[] = []
    const convert = markdownConverter(false, (tex, display, source) => (converted.push(tex), mathToMathML(tex, display, source)))
    const first = convert('A $x^2$ and $$\\sum_i x_i$$ and $x^2$ again.')
    const second = convert('Also $x^2$.')
    expect(parsed(first).tags.has('math')).toBe(true)
    expect(parsed(second).tags.has('math')).toBe(true)
    // $x^2$ inline and the display sum: two conversions, not four.
    expect(converted).toEqual(['x^2', '\\sum_i x_i'])
  })
})
