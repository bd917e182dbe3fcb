/**
 * The allow-list every piece of content passes before it enters the HTML export: the elements that
 * Markdown and temml's MathML produce, links and images only over http(s) (links also mailto:), and
 * nothing active: no script, no event handlers, no forms, no frames, no style except the few MathML
 * layout properties temml writes (bold via \pmb, matrix padding, display). Images are links to
 * their address unless the page may load remote images: an image from the web tells its server
 * who opened the page and when (a tracking pixel), so the export loads none unless asked.
 *
 * It is applied while a summary is rendered, to what marked passes through as written (raw HTML in
 * the Markdown) and to each formula's MathML: marked escapes all the other text it writes. The HTML
 * is read by a small tokenizer and written back canonically (allow-listed elements only, attribute
 * values double-quoted and escaped, all text escaped), so whatever the tokenizer misreads becomes
 * text or disappears: nothing it writes can mean something else to a browser.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities'
import { escapeHtml } from './html-escape.js'

const MARKDOWN_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'del',
  's',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
]

const MATHML_TAGS = [
  'math',
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msub',
  'msup',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mover',
  'munder',
  'munderover',
  'mtable',
  'mtr',
  'mtd',
  'mlabeledtr',
  'mstyle',
  'mpadded',
  'mphantom',
  'menclose',
  'mmultiscripts',
  'mprescripts',
  'none',
  'merror',
]

const MATHML_ATTRIBUTES = [
  'display',
  'displaystyle',
  'scriptlevel',
  'mathvariant',
  'mathsize',
  'stretchy',
  'fence',
  'separator',
  'form',
  'lspace',
  'rspace',
  'accent',
  'accentunder',
  'movablelimits',
  'largeop',
  'symmetric',
  'minsize',
  'maxsize',
  'linethickness',
  'columnalign',
  'rowalign',
  'columnspacing',
  'rowspacing',
  'columnlines',
  'rowlines',
  'frame',
  'width',
  'height',
  'depth',
  'voffset',
  'notation',
  'encoding',
  'class',
  'style',
]

/** Attributes kept per element, and the values they may take (any, when no pattern is given). */
type AttributeRules = ReadonlyMap<string, RegExp | null>
const ALIGN: AttributeRules = new Map([['align', /^(?:left|center|right)$/]])
const MATHML_RULES: AttributeRules = new Map(MATHML_ATTRIBUTES.map((name) => [name, null]))
const ATTRIBUTES: ReadonlyMap<string, AttributeRules> = new Map<string, AttributeRules>([
  ['th', ALIGN],
  ['td', ALIGN],
  ['ol', new Map([['start', /^\d{1,9}$/]])],
  ['code', new Map([['class', null]])],
  ...MATHML_TAGS.map((tag): [string, AttributeRules] => [tag, MATHML_RULES]),
])

const CLASSES: ReadonlyMap<string, RegExp> = new Map([
  ['code', /^(?:tex|language-[\w+#.-]+)$/],
  ...MATHML_TAGS.map((tag): [string, RegExp] => [tag, /^(?:tml-[\w-]+|mathcal|mathscr|mathfrak)$/]),
])

const LENGTH = /^-?[\d.]+(?:em|ex|pt|px|%)?$/
const MATHML_STYLES: ReadonlyMap<string, RegExp> = new Map([
  ['font-weight', /^(?:bold|normal)$/],
  ['font-style', /^(?:italic|normal)$/],
  ['padding-left', LENGTH],
  ['padding-right', LENGTH],
  ['display', /^(?:block|inline|block math|inline math)$/],
])

const ALLOWED = new Set([...MARKDOWN_TAGS, ...MATHML_TAGS])
const MATHML = new Set(MATHML_TAGS)
const VOID = new Set(['br', 'hr', 'img'])
/** Elements whose content is code, data or a fallback for them: dropped with the element. */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'template',
  'select',
  'plaintext',
])

const ABSOLUTE = /^https?:\/\//i
const LINK_TARGET = /^(?:https?:\/\/|mailto:|#)/i

/** A page saved anywhere must not load or link files beside it: only absolute http(s) images. */
export function isRemoteImage(src: string): boolean {
  return ABSOLUTE.test(src)
}

/** Links that are absolute or point into the page. */
export function isLinkTarget(href: string): boolean {
  return LINK_TARGET.test(href)
}

/** A link leaving the page, without a referrer; `inner` is HTML already. */
export function linkHtml(href: string, inner: string, title: string | null = null): string {
  return `<a rel="noopener noreferrer" href="${escapeHtml(href)}"${title === null ? '' : ` title="${escapeHtml(title)}"`}>${inner}</a>`
}

/**
 * An image from the web (`src` checked by isRemoteImage) that is not a numbered figure (raw HTML's
 * `<img>`), or a link to it reading `Image: <alt text>` when the page loads none.
 */
export function imageHtml(src: string, alt: string, options: { remoteImages: boolean; title?: string | null }): string {
  const { remoteImages, title = null } = options
  if (!remoteImages) {
    return `<a rel="noopener noreferrer" href="${escapeHtml(src)}" class="image-link">${escapeHtml(`Image: ${alt.trim() || src}`)}</a>`
  }
  const titled = title === null ? '' : ` title="${escapeHtml(title)}"`
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${titled}>`
}

interface Tag {
  name: string
  attributes: [string, string][]
  selfClosing: boolean
  end: number
}

/**
 * The allow-list over the fragments of one document (a summary's raw HTML, in order): elements a
 * fragment leaves open are closed by a later one or by close(), so nothing leaks past the summary.
 */
export class HtmlAllowList {
  private readonly open: string[] = []
  /** The element whose content is being dropped, across fragments as a browser would. */
  private dropping: string | null = null

  /** `attributeText` rewrites a decoded attribute value before it is checked (math placeholders back to TeX). */
  constructor(
    private readonly remoteImages: boolean,
    private readonly attributeText: (value: string) => string = (value) => value,
  ) {}

  /** Whether text now is inside an element dropped with its content (`<script>` in a paragraph). */
  get dropsText(): boolean {
    return this.dropping !== null
  }

  /** `html` reduced to the allow-list. */
  fragment(html: string): string {
    let out = ''
    let i = 0
    while (i < html.length) {
      if (this.dropping !== null) {
        i = this.skipDropped(html, i)
        continue
      }
      const lt = html.indexOf('<', i)
      const textEnd = lt < 0 ? html.length : lt
      if (textEnd > i) out += escapeHtml(decodeHTML(html.slice(i, textEnd)))
      if (lt < 0) break
      const next = html[lt + 1] ?? ''
      if (html.startsWith('<!--', lt)) {
        i = commentEnd(html, lt)
      } else if (next === '!' || next === '?' || (next === '/' && !/[a-zA-Z]/.test(html[lt + 2] ?? ''))) {
        // A doctype, CDATA, processing instruction or `</` not before a name: a bogus comment to a browser.
        i = to(html, '>', lt)
      } else if (next === '/') {
        const end = to(html, '>', lt)
        out += this.endTag(
          html
            .slice(lt + 2, end)
            .match(/^[^\s/>]+/)![0]
            .toLowerCase(),
        )
        i = end
      } else if (/[a-zA-Z]/.test(next)) {
        const tag = readTag(html, lt)
        if (tag === null) break // unterminated: a browser drops it
        out += this.startTag(tag)
        i = tag.end
      } else {
        out += '&lt;'
        i = lt + 1
      }
    }
    return out
  }

  /** End tags for the elements still open, innermost first. */
  close(): string {
    this.dropping = null
    return this.open
      .splice(0)
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  }

  private skipDropped(html: string, from: number): number {
    if (this.dropping === 'plaintext') return html.length
    const closer = new RegExp(`</${this.dropping}(?=[\\s/>]|$)`, 'ig')
    closer.lastIndex = from
    const found = closer.exec(html)
    if (found === null) return html.length
    this.dropping = null
    return to(html, '>', found.index)
  }

  private startTag(tag: Tag): string {
    if (!ALLOWED.has(tag.name)) {
      if (DROPPED_WITH_CONTENT.has(tag.name) && !tag.selfClosing) this.dropping = tag.name
      return ''
    }
    const values = new Map<string, string>()
    for (const [name, value] of tag.attributes) {
      if (!values.has(name)) values.set(name, this.attributeText(decodeHTMLAttribute(value)))
    }
    if (tag.name === 'img') {
      const src = values.get('src') ?? ''
      return isRemoteImage(src)
        ? imageHtml(src, values.get('alt') ?? '', { remoteImages: this.remoteImages, title: values.get('title') ?? null })
        : ''
    }
    let out = `<${tag.name}`
    if (tag.name === 'a') {
      const href = values.get('href')
      out += ' rel="noopener noreferrer"'
      if (href !== undefined && isLinkTarget(href)) out += ` href="${escapeHtml(href)}"`
      if (values.has('title')) out += ` title="${escapeHtml(values.get('title')!)}"`
    }
    const allowed = ATTRIBUTES.get(tag.name)
    for (const [name, value] of values) {
      if (!allowed?.has(name)) continue
      const kept =
        name === 'class'
          ? keptClasses(tag.name, value)
          : name === 'style'
            ? keptStyle(value)
            : allowed.get(name)?.test(value) === false
              ? ''
              : value
      if (kept !== '') out += ` ${name}="${escapeHtml(kept)}"`
    }
    out += '>'
    // `<mspace/>` closes itself in MathML; `<p/>` does not in HTML.
    if (tag.selfClosing && MATHML.has(tag.name)) return `${out}</${tag.name}>`
    if (!VOID.has(tag.name)) this.open.push(tag.name)
    return out
  }

  private endTag(name: string): string {
    const at = this.open.lastIndexOf(name)
    if (at < 0) return ''
    return this.open
      .splice(at)
      .reverse()
      .map((open) => `</${open}>`)
      .join('')
  }
}

/** A whole piece of HTML (one formula's MathML) reduced to the allow-list, every element closed. */
export function sanitizeContent(html: string, remoteImages = false): string {
  const allowList = new HtmlAllowList(remoteImages)
  return allowList.fragment(html) + allowList.close()
}

/** Index just past the next `char` at or after `from`, or the end of `html`. */
function to(html: string, char: string, from: number): number {
  const at = html.indexOf(char, from)
  return at < 0 ? html.length : at + 1
}

/** Index just past the comment opening at `from` (`<!-->` and `<!--->` are empty comments). */
function commentEnd(html: string, from: number): number {
  if (html.startsWith('>', from + 4)) return from + 5
  if (html.startsWith('->', from + 4)) return from + 6
  const end = html.indexOf('-->', from + 4)
  return end < 0 ? html.length : end + 3
}

/** The start tag at `from` (a `<` before a letter) as a browser reads it; null when the input ends inside it. */
function readTag(html: string, from: number): Tag | null {
  let i = from + 1
  while (i < html.length && !/[\s/>]/.test(html[i]!)) i++
  const name = html.slice(from + 1, i).toLowerCase()
  const attributes: [string, string][] = []
  let selfClosing = false
  for (;;) {
    while (i < html.length && /[\s/]/.test(html[i]!)) selfClosing = html[i++] === '/'
    if (i >= html.length) return null
    if (html[i] === '>') return { name, attributes, selfClosing, end: i + 1 }
    selfClosing = false
    const nameStart = i++ // a name may start with `=`
    while (i < html.length && !/[\s/>=]/.test(html[i]!)) i++
    const attribute = html.slice(nameStart, i).toLowerCase()
    let j = i
    while (j < html.length && /\s/.test(html[j]!)) j++
    if (html[j] !== '=') {
      attributes.push([attribute, ''])
      continue
    }
    j++
    while (j < html.length && /\s/.test(html[j]!)) j++
    const quote = html[j]
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, j + 1)
      if (close < 0) return null
      attributes.push([attribute, html.slice(j + 1, close)])
      i = close + 1
    } else {
      let end = j
      while (end < html.length && !/[\s>]/.test(html[end]!)) end++
      attributes.push([attribute, html.slice(j, end)])
      i = end
    }
  }
}

function keptClasses(tag: string, value: string): string {
  const allowed = CLASSES.get(tag)
  return value
    .split(/\s+/)
    .filter((name) => name !== '' && allowed?.test(name))
    .join(' ')
}

/** The MathML layout properties temml writes, each with a plain value; everything else dropped. */
function keptStyle(value: string): string {
  return value
    .split(';')
    .flatMap((declaration) => {
      const colon = declaration.indexOf(':')
      if (colon < 0) return []
      const property = declaration.slice(0, colon).trim().toLowerCase()
      const setting = declaration.slice(colon + 1).trim()
      return MATHML_STYLES.get(property)?.test(setting) ? [`${property}:${setting}`] : []
    })
    .join(';')
}
