import { describe, expect, it } from 'vitest'
import { parse, type DefaultTreeAdapterTypes } from 'parse5'
import { readingListHtml } from '../../src/formats/html.js'
import type { Library } from '../../src/core/model.js'
import { paper, summary } from '../unit/formats/sample-library.js'

type Element = DefaultTreeAdapterTypes.Element
type Node = DefaultTreeAdapterTypes.Node
const now = new Date('2025-03-04T05:06:07.000Z')

/** Every element of the page as a browser's parser builds it. */
function elements(html: string): Element[] {
  const found: Element[] = []
  const walk = (node: Node) => {
    if ('tagName' in node) found.push(node)
    if ('childNodes' in node) node.childNodes.forEach(walk)
    if ('content' in node) walk(node.content)
  }
  walk(parse(html))
  return found
}

const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value
const text = (node: Node): string =>
  'value' in node && typeof node.value === 'string' ? node.value : 'childNodes' in node ? node.childNodes.map(text).join('') : ''

/** A page of two papers: the hostile summary's, then one that must stay out of its reach. */
function page(body: string, remoteImages = false): string {
  const lib: Library = {
    format: 'precis-library',
    version: 2,
    papers: [paper({ key: 'a', title: 'Hostile' }), paper({ key: 'b', title: 'After' })],
    summaries: [summary({ id: 'a', paper: 'a', body }), summary({ id: 'b', paper: 'b', body: 'Plain *after* text.' })],
    trash: [],
  }
  return readingListHtml(lib, { title: 'T', now, remoteImages })
}

// The allow-list is applied while marked renders, by a tokenizer of its own: these are the classic
// ways past an HTML sanitiser, each of which must leave nothing active and nothing outside its summary.
const HOSTILE = [
  'a <ScRiPt>alert(1)</sCrIpT> b',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<IMG SRC=x ONERROR=alert(1)> <img/src/onerror=alert(1)> <img src=https://e.example/a.png onerror=alert(1)>',
  '<a href=javascript:alert(1)>u</a> <a/href="javascript:alert(1)">s</a> <a href=" javascript:alert(1)">w</a>',
  '<a href="&#x6A;avascript&colon;alert(1)">e</a> <a href="jav&#x09;ascript:alert(1)">t</a> <a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)">n</a>',
  '[md](JaVaScRiPt:alert(1)) [ent](&#x6A;avascript:alert(1)) <javascript:alert(1)> [vb](vbscript:msgbox(1))',
  '<img src="data:image/png;base64,AAAA"> <a href="data:text/html;base64,PHNjcmlwdD4=">d</a> ![x](data:image/svg+xml,<svg/onload=alert(1)>)',
  '<svg onload=alert(1)><script>alert(1)</script><foreignObject><iframe src=javascript:alert(1)>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe> <object data=javascript:alert(1)></object>',
  '<style>@import "https://evil.example/x.css"; body{display:none}</style>text after',
  '<!-- <script>alert(1)</script> --> <!--> <img src=x onerror=alert(1)> --> <!---> <script>x</script>',
  '<!-- never closed <script>alert(1)</script>',
  "<a href=https://ok.example title='a\"b' onclick=alert(1) autofocus onfocus=alert(1)>ok</a>",
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)" href="javascript:alert(1)"><mi>x</mi></maction></math>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><annotation-xml encoding="text/html"><script>alert(1)</script></annotation-xml></math>',
  '`x` <code><img src="x" onerror="alert(1)" a=b=c></code> <kbd><img src=x onerror=alert(1)//</kbd>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<base href="https://evil.example/"><meta http-equiv=refresh content="0;url=javascript:alert(1)"><form><button formaction=javascript:alert(1)>x',
  '<p style="background:url(javascript:alert(1))">s</p> <math><mi style="background:url(javascript:alert(1));font-weight:bold">m</mi></math>',
  '<textarea><img src=x onerror=alert(1)></textarea> <title><img src=x onerror=alert(1)></title>',
  '<scr<script>ipt>alert(1)</scr</script>ipt> <<script>script>alert(1)<</script>/script>',
  '&lt;script&gt;alert(1)&lt;/script&gt; and <img src="x\u0000" onerror="alert(1)">',
]

describe('HTML export allow-list against hostile raw HTML', () => {
  it.each(HOSTILE)('leaves nothing active for %j', (body) => {
    for (const remoteImages of [false, true]) {
      const all = elements(page(body, remoteImages))
      const tags = new Set(all.map((e) => e.tagName))
      for (const forbidden of [
        'script',
        'iframe',
        'object',
        'embed',
        'form',
        'button',
        'svg',
        'foreignObject',
        'maction',
        'annotation-xml',
        'mglyph',
        'textarea',
        'noscript',
        'base',
        'link',
      ]) {
        expect(tags.has(forbidden)).toBe(false)
      }
      expect(all.filter((e) => e.tagName === 'style')).toHaveLength(1) // the page's own
      expect(all.filter((e) => e.tagName === 'title')).toHaveLength(1)
      expect(all.filter((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'refresh')).toEqual([])
      for (const element of all) {
        for (const { name, value } of element.attrs) {
          expect(name.startsWith('on')).toBe(false)
          expect(['srcdoc', 'formaction', 'xlink:href', 'autofocus']).not.toContain(name)
          if (['href', 'src', 'action', 'data'].includes(name)) expect(value).toMatch(/^(https?:|mailto:|#)/i)
          if (name === 'style') {
            expect(element.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML')
            expect(value).not.toMatch(/url|javascript/i)
          }
        }
      }
      // Nothing reaches past the summary: the next paper is still a plain article of the page.
      const after = all.filter((e) => e.tagName === 'article')
      expect(after).toHaveLength(2)
      expect(after.map((e) => (e.parentNode as Element).tagName)).toEqual(['main', 'main'])
      expect(all.filter((e) => e.tagName === 'em').map(text)).toEqual(['after'])
    }
  })

  it('drops script and style content, comments, and keeps what is allowed', () => {
    const html = page(
      'a <script>alert(1)</script> b <style>x{}</style> <!-- hidden --> <sup>2</sup> <B>bold</B> <a href="https://ok.example" title="t">ok</a>',
    )
    expect(html).not.toContain('alert(1)')
    expect(html).not.toContain('x{}')
    expect(html).not.toContain('hidden')
    expect(html).toContain('<sup>2</sup>')
    expect(html).toContain('<a rel="noopener noreferrer" href="https://ok.example" title="t">ok</a>')
  })

  it('closes what a summary leaves open, inside the summary', () => {
    const all = elements(page('<sup><em><table><tr><td>open <a href="https://ok.example">link'))
    const after = all.find((e) => e.tagName === 'em' && text(e) === 'after')!
    const ancestors: string[] = []
    for (let node = after.parentNode as Element | null; node && 'tagName' in node; node = node.parentNode as Element | null)
      ancestors.push(node.tagName)
    expect(ancestors).toEqual(['p', 'div', 'section', 'article', 'main', 'body', 'html'])
    expect(
      elements(page('</div></section></article></main></body><p>x</p>'))
        .filter((e) => e.tagName === 'article')
        .map((e) => (e.parentNode as Element).tagName),
    ).toEqual(['main', 'main'])
  })

  it('keeps math in a raw attribute as TeX and renders it in raw text', () => {
    const all = elements(page('<a href="https://ok.example/$x$" title="$y$">$z$</a>'))
    const link = all.find((e) => attr(e, 'href')?.startsWith('https://ok.example'))!
    expect(attr(link, 'href')).toBe('https://ok.example/$x$')
    expect(attr(link, 'title')).toBe('$y$')
    expect(link.childNodes.some((n) => 'tagName' in n && n.tagName === 'math')).toBe(true)
  })

  it('shows text inside raw <code> as written, escaped', () => {
    const all = elements(page('<code>a &amp; &lt;i&gt; b < c</code>'))
    expect(text(all.find((e) => e.tagName === 'code')!)).toBe('a & <i> b < c')
  })
})
