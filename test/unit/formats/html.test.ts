import { describe, expect, it } from 'vitest'
import { parse, type DefaultTreeAdapterTypes } from 'parse5'
import { contentSecurityPolicy, readingListHtml } from '../../../src/formats/html.js'
import type { Library } from '../../../src/core/model.js'
import { MAX_CONVERTED_SPANS } from '../../../src/core/markdown/limits.js'
import { paper, sampleLibrary, summary } from './sample-library.js'

type Element = DefaultTreeAdapterTypes.Element
const now = new Date('2025-03-04T05:06:07.000Z')

/** Every element of the page as a browser's parser builds it. */
function elements(html: string): Element[] {
  const found: Element[] = []
  const walk = (node: DefaultTreeAdapterTypes.Node) => {
    if ('tagName' in node) found.push(node)
    if ('childNodes' in node) node.childNodes.forEach(walk)
    if ('content' in node) walk(node.content) // <template>
  }
  walk(parse(html))
  return found
}

const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value
const text = (element: Element): string =>
  element.childNodes.map((child) => ('value' in child ? child.value : 'tagName' in child ? text(child) : '')).join('')

function libraryOf(body: string, fields: Partial<Parameters<typeof paper>[0]> = {}): Library {
  return {
    format: 'precis-library',
    version: 2,
    papers: [paper({ key: 'k', title: 'A Paper', ...fields })],
    summaries: [summary({ id: 'k', paper: 'k', body })],
    trash: [],
  }
}

const HOSTILE_BODIES = [
  '<script>globalThis.pwned = 1</script>',
  '<img src="x.png" onerror="alert(1)">',
  '[click](javascript:alert(1)) [caps](JAVASCRIPT:alert(1)) [tab](java\tscript:alert(1)) [ent](&#106;avascript:alert(1))',
  '![svg](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) <a href="data:text/html,<script>x</script>">d</a>',
  '<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x">',
  '<form action="https://evil.example"><input name="p"><button>go</button></form>',
  '<div style="background:url(javascript:alert(1))" onclick="x()">styled</div><p style="position:fixed">fixed</p>',
  '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">s</a></svg>',
  '<math><mtext><script>alert(1)</script></mtext><mi href="javascript:alert(1)">x</mi></math>',
  '<style>body{display:none}</style><link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">',
  'Math that tries to link: $\\href{javascript:alert(1)}{x}$ and $\\style{color:red}{y}$',
  '<template><script>alert(1)</script></template><noscript><img src=x onerror=alert(1)></noscript>',
  '<a href="https://ok.example" target="_blank" onmouseover="x()">ok</a>',
  '[relative](../../etc/passwd) ![beside](secret.png) <a href="file:///etc/passwd">f</a>',
]

describe('readingListHtml sanitising', () => {
  it.each(HOSTILE_BODIES)('leaves no active content for %j', (body) => {
    const html = readingListHtml(libraryOf(body), { title: 'T', now })
    const all = elements(html)
    const tags = new Set(all.map((e) => e.tagName))
    for (const forbidden of [
      'script',
      'iframe',
      'object',
      'embed',
      'form',
      'input',
      'button',
      'svg',
      'link',
      'base',
      'template',
      'noscript',
    ]) {
      expect(tags.has(forbidden)).toBe(false)
    }
    expect(all.filter((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'refresh')).toEqual([])
    expect(all.filter((e) => e.tagName === 'style')).toHaveLength(1) // the page's own
    for (const element of all) {
      for (const { name, value } of element.attrs) {
        expect(name.startsWith('on')).toBe(false)
        if (['href', 'src', 'xlink:href', 'action', 'data'].includes(name)) expect(value).toMatch(/^(https?:|mailto:|#)/i)
        if (name === 'style') expect(element.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML')
      }
    }
  })

  it('escapes hostile metadata and does not link non-http URLs', () => {
    const lib = libraryOf('ok', {
      title: '<script>alert(1)</script>',
      authors: ['"><img src=x onerror=alert(1)>'],
      venue: '<iframe>',
      url: 'javascript:alert(1)',
    })
    lib.summaries[0]!.tags = ['<b>']
    lib.summaries[0]!.by = '<i onclick=x>'
    const html = readingListHtml(lib, { title: '</title><script>x</script>', now })
    const all = elements(html)
    expect(all.some((e) => ['script', 'iframe', 'img', 'b', 'i'].includes(e.tagName))).toBe(false)
    expect(all.filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(['#paper-1'])
    expect(text(all.find((e) => e.tagName === 'title')!)).toBe('</title><script>x</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it.each([
    [false, "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"],
    [true, "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"],
  ])('carries the restrictive Content-Security-Policy as its first meta after the charset (remote images: %s)', (remoteImages, policy) => {
    const metas = elements(readingListHtml(sampleLibrary(), { title: 'T', now, remoteImages })).filter((e) => e.tagName === 'meta')
    expect(attr(metas[1]!, 'http-equiv')).toBe('Content-Security-Policy')
    expect(attr(metas[1]!, 'content')).toBe(policy)
    expect(contentSecurityPolicy(remoteImages)).toBe(policy)
  })
})

describe('readingListHtml rendering', () => {
  const body = [
    'Inline $\\mathcal{O}(n^2)$, snake_case_words and a cost of $5 and $10.',
    '',
    '$$\\sum_{i=1}^n x_i^2$$',
    '',
    'Glued figure: observationshttps://i.imgur.com/Abc123X.png and `code $x$`.',
    '',
    '- [x] done',
    '- [ ] open',
  ].join('\n')
  const html = readingListHtml(libraryOf(body, { title: 'Bounds in $O(n)$', authors: ['Ada Lovelace'], arxiv: '1901.00012' }), {
    title: 'List',
    now,
    remoteImages: true,
  })
  const all = elements(html)

  it('renders math as MathML and leaves currency and code alone', () => {
    const maths = all.filter((e) => e.tagName === 'math')
    // The title's math in the contents and in the heading, then the body's.
    expect(maths.map((m) => attr(m, 'display') ?? 'inline')).toEqual(['inline', 'inline', 'inline', 'block'])
    expect(html).toContain('snake_case_words and a cost of $5 and $10.')
    expect(text(all.find((e) => e.tagName === 'code')!)).toBe('code $x$')
  })

  it('shows bare image URLs as figures, even glued to a word', () => {
    const images = all.filter((e) => e.tagName === 'img')
    expect(images.map((i) => attr(i, 'src'))).toEqual(['https://i.imgur.com/Abc123X.png'])
    expect(html).toContain('observations <img') // unglued, as the terminal renderer does
  })

  it('has a table of contents, the paper header and the summary', () => {
    expect(all.filter((e) => e.tagName === 'nav')).toHaveLength(1)
    expect(all.filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual([
      '#paper-1',
      'https://arxiv.org/abs/1901.00012',
      'https://i.imgur.com/Abc123X.png', // the figure's "Figure 1" under it
    ])
    expect(all.find((e) => attr(e, 'class') === 'byline') && text(all.find((e) => attr(e, 'class') === 'byline')!)).toBe('Ada Lovelace')
    expect(html).toContain('☑ done')
  })

  it('keeps math in an attribute as TeX, never as markup', () => {
    const page = readingListHtml(libraryOf('![plot of $x_i$](https://example.org/plot.png)'), { title: 'T', now, remoteImages: true })
    const image = elements(page).find((e) => e.tagName === 'img')!
    expect(attr(image, 'alt')).toBe('Figure 1: plot of $x_i$')
  })
})

describe('readingListHtml without remote images (the default)', () => {
  const body = [
    'Glued figure: observationshttps://i.imgur.com/Abc123X.png then',
    '![plot of $x_i$](https://example.org/plot.png) and ![](https://example.org/bare.png)',
    '<img src="https://tracker.example/pixel.gif" alt="pixel"> <img src="beside.png" alt="local">',
  ].join('\n\n')
  const all = elements(readingListHtml(libraryOf(body), { title: 'T', now }))
  const links = all.filter((e) => e.tagName === 'a' && attr(e, 'class') === 'image-link')

  it('has no image at all', () => {
    expect(all.filter((e) => e.tagName === 'img')).toEqual([])
  })

  it.each([
    ['https://i.imgur.com/Abc123X.png', 'Figure 1'],
    ['https://example.org/plot.png', 'Figure 2: plot of $x_i$'],
    ['https://example.org/bare.png', 'Figure 3'],
    ['https://tracker.example/pixel.gif', 'Image: pixel'],
  ])('links to %s as "%s" (figures numbered as the terminal numbers them), without a referrer', (href, label) => {
    const link = links.find((e) => attr(e, 'href') === href)
    expect(link && text(link)).toBe(label)
    expect(link && attr(link, 'rel')).toBe('noopener noreferrer')
  })

  it('drops an image that is not on the web, as with remote images', () => {
    expect(links).toHaveLength(4)
    expect(all.some((e) => (attr(e, 'href') ?? '').includes('beside.png'))).toBe(false)
  })
})

describe('readingListHtml with a summary past the renderer limits', () => {
  const normal = 'A normal summary with $x^2$ and **bold**.'
  it.each([
    ['a 4 MB body of inline math', '$x$ '.repeat(1_000_000), 'is too large to format (4.0 MB, limit 1.0 MB)'],
    ['10,000 nested lists', '- '.repeat(10_000) + 'x', 'nests lists or quotes more than 100 levels deep'],
    ['10,000 nested block quotes', '>'.repeat(10_000) + ' <script>x</script>', 'nests lists or quotes'],
    ['5,000 unclosed emphasis openers', '*a '.repeat(5_000), 'emphasis markers in one paragraph'],
  ])('%s: that summary as escaped preformatted text with a note, the other rendered', (_, body, reason) => {
    const lib = libraryOf(body)
    lib.papers.push(paper({ key: 'n', title: 'Normal' }))
    lib.summaries.push(summary({ id: 'n', paper: 'n', body: normal }))
    const html = readingListHtml(lib, { title: 'T', now })
    const all = elements(html)
    const notice = all.find((e) => attr(e, 'class') === 'notice')!
    expect(text(notice)).toMatch(/^\[precis: this summary .+; showing it as plain text\]$/)
    expect(text(notice)).toContain(reason)
    const pre = all.filter((e) => e.tagName === 'pre')
    expect(pre).toHaveLength(1)
    expect(text(pre[0]!)).toBe(
      body
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n'),
    )
    expect(all.some((e) => e.tagName === 'script')).toBe(false)
    // The other summary is rendered as usual.
    expect(all.filter((e) => e.tagName === 'strong').map(text)).toEqual(['bold'])
    expect(all.filter((e) => e.tagName === 'math')).toHaveLength(1)
  })
})

describe('readingListHtml with citations that lengthen a body past the limits', () => {
  it('checks the body as the renderer gets it, and shows it as stored', () => {
    const body = '\\cite{k} '.repeat(100_000)
    const all = elements(readingListHtml(libraryOf(body), { title: 'T', now }))
    expect(text(all.find((e) => attr(e, 'class') === 'notice')!)).toMatch(
      /^\[precis: this summary is too large to format \(\d\.\d MB, limit 1\.0 MB\)/,
    )
    expect(text(all.find((e) => e.tagName === 'pre')!)).toBe(body.trimEnd())
  })
})

describe('readingListHtml with many formulas', () => {
  it('converts as many as the terminal does and shows the rest as TeX', () => {
    const body = Array.from({ length: MAX_CONVERTED_SPANS + 2 }, () => '$\\alpha$').join(' ')
    const all = elements(readingListHtml(libraryOf(body), { title: 'T', now }))
    expect(all.filter((e) => e.tagName === 'math')).toHaveLength(MAX_CONVERTED_SPANS)
    expect(all.filter((e) => e.tagName === 'code' && attr(e, 'class') === 'tex').map(text)).toEqual(['$\\alpha$', '$\\alpha$'])
  })
})
