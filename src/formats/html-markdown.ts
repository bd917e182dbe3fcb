/**
 * Summary Markdown to HTML for the export, with the renderer's own rules for what is math and what
 * is a figure (src/core/markdown/math-spans.ts, src/core/markdown/figures.ts), so the page and the terminal agree:
 * math is taken out before marked can touch it and written back as MathML by temml; bare image URLs,
 * even glued to the word before them, become images.
 *
 * The allow-list (html-sanitize.ts) is applied as marked renders: marked escapes the text it
 * writes, so what is checked is what it would pass through (raw HTML, link and image addresses) and
 * each distinct formula's MathML once. Re-parsing every rendered body to sanitise it took most of a
 * long export's time.
 */
import { decodeHTML } from 'entities'
import { Marked, type Tokens } from 'marked'
import temml from 'temml'
import { FigureList, isImageUrl, unglueImageUrls } from '../core/markdown/figures.js'
import { DISPLAY_PLACEHOLDER, INLINE_PLACEHOLDER, protectMath, type MathSpan } from '../core/markdown/math-spans.js'
import { MAX_CONVERTED_SPANS } from '../core/markdown/limits.js'
import { escapeHtml } from './html-escape.js'
import { embeddedFigureHtml, linkedFigureHtml, type FigureEmbedder } from './html-figures.js'
import { HtmlAllowList, imageHtml, isLinkTarget, isRemoteImage, linkHtml, sanitizeContent } from './html-sanitize.js'
import { setextHeading, table } from '../core/markdown/marked-block-checks.js'
import { plainText } from '../core/markdown/marked-plain-text.js'

/** TeX longer than this is shown as code; no summary needs more and temml's time grows with it. */
const MAX_TEX_LENGTH = 4000
/** Distinct formulas remembered; past this the memory starts over, so a long export stays bounded. */
const MAX_REMEMBERED_FORMULAS = 20_000

/** MathML for a formula, or the TeX as code when temml cannot read it. */
export function mathToMathML(tex: string, display: boolean, source = display ? `$$${tex}$$` : `$${tex}$`): string {
  if (tex.length <= MAX_TEX_LENGTH) {
    try {
      return temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false })
    } catch {
      // A TeX error (or a stack overflow on absurd nesting): show the source instead.
    }
  }
  return texAsCode(source)
}

function texAsCode(source: string): string {
  return `<code class="tex">${escapeHtml(source)}</code>`
}

/** Summary bodies to HTML, and single formulas (as in titles) to MathML, all allow-listed. */
export interface HtmlConverter {
  (markdown: string): string
  /** A formula as MathML, converted and checked once per distinct formula. */
  formula: (tex: string, display: boolean, source?: string) => string
}

/**
 * A converter with its own marked instance; `remoteImages` keeps images as images, else each is a
 * link to it. `toMathML` is the formula conversion (tests count its calls). `embed` gives the data
 * URI of a cached figure: such a figure is embedded, numbered as the terminal numbers it.
 */
export function markdownConverter(remoteImages: boolean, toMathML = mathToMathML, embed: FigureEmbedder | null = null): HtmlConverter {
  const formulas = new Map<string, string>()
  const formula = (tex: string, display: boolean, source = display ? `$$${tex}$$` : `$${tex}$`): string => {
    const key = `${display ? 'D' : 'I'}${source}`
    let html = formulas.get(key)
    if (html === undefined) {
      if (formulas.size >= MAX_REMEMBERED_FORMULAS) formulas.clear()
      formulas.set(key, (html = sanitizeContent(toMathML(tex, display, source))))
    }
    return html
  }

  // The body being rendered: its math spans, and the allow-list over its raw HTML.
  let spans: MathSpan[] = []
  let allowList = new HtmlAllowList(remoteImages)
  // The body's figures, numbered by the terminal's rules (core/markdown/figures.ts).
  let figures = new FigureList()
  /** The figure's number, and its embedded HTML when the cache has it. */
  const numbered = (url: string, caption: string): { n: number; embedded: string | null } => {
    const n = figures.add(url, caption)
    const data = embed?.(url) ?? null
    return { n, embedded: data === null ? null : embeddedFigureHtml(data, n, caption, url) }
  }
  // Math in an attribute or an address stays TeX, as written.
  const asWritten = (text: string) =>
    text.replace(PLACEHOLDERS, (_m, inline?: string, display?: string) => spans[Number(inline ?? display)]?.source ?? '')

  const marked = new Marked({
    gfm: true,
    tokenizer: { inlineText: plainText, lheading: setextHeading, table },
    renderer: {
      html: ({ text }) => allowList.fragment(text),
      text(token) {
        if ('tokens' in token && token.tokens) return false // rendered through its inline tokens
        if (allowList.dropsText) return ''
        // Text inside raw <code>, <pre> or <script> comes as written: escaped here like any other.
        return 'escaped' in token && token.escaped ? escapeHtml(decodeHTML(token.text)) : false
      },
      link(token: Tokens.Link) {
        const written = asWritten(token.href)
        // A bare image URL (an autolink whose text is its address) is a figure.
        if (token.text === token.href && isImageUrl(written)) {
          const { n, embedded } = numbered(written, '')
          return embedded ?? linkedFigureHtml(written, n, '', { remoteImages })
        }
        const inner = this.parser.parseInline(token.tokens)
        const href = cleanUrl(written)
        return href !== null && isLinkTarget(href) ? linkHtml(href, inner, token.title ? asWritten(token.title) : null) : inner
      },
      image(token: Tokens.Image) {
        const written = asWritten(token.href)
        const src = cleanUrl(written)
        const alt = asWritten(token.tokens ? this.parser.parseInline(token.tokens, this.parser.textRenderer) : token.text)
        // Numbered whenever the terminal numbers it (any address), shown only when it is the web's.
        const figure = written.trim() === '' ? null : numbered(written, alt)
        if (src === null || !isRemoteImage(src)) return ''
        const title = token.title ? asWritten(token.title) : null
        if (!figure) return imageHtml(src, alt, { remoteImages, title })
        return figure.embedded ?? linkedFigureHtml(src, figure.n, alt, { remoteImages, title })
      },
      // Task-list checkboxes as characters: the page has no forms.
      checkbox: ({ checked }) => (checked ? '☑ ' : '☐ '),
    },
  })

  const convert = (markdown: string): string => {
    const prepared = protectMath(markdown, unglueImageUrls)
    spans = prepared.spans
    allowList = new HtmlAllowList(remoteImages, asWritten)
    figures = new FigureList()
    const html = marked.parse(prepared.markdown, { async: false }) + allowList.close()
    if (spans.length === 0) return html
    // Past the limit the terminal keeps too, formulas stay TeX.
    return html.replace(PLACEHOLDERS, (_m, inline?: string, display?: string) => {
      const index = Number(inline ?? display)
      const { tex, display: block, source } = spans[index]!
      return index < MAX_CONVERTED_SPANS ? formula(tex, block, source) : texAsCode(source)
    })
  }
  return Object.assign(convert, { formula })
}

// The renderer's placeholders for inline and display math: (index) or (, index).
const PLACEHOLDERS = new RegExp(`${INLINE_PLACEHOLDER.source}|${DISPLAY_PLACEHOLDER.source}`, 'g')

/** An address as marked writes it (percent-encoded where needed), or null when it cannot be encoded. */
function cleanUrl(url: string): string | null {
  try {
    return encodeURI(url).replace(/%25/g, '%')
  } catch {
    return null
  }
}
