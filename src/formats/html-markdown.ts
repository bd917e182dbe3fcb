/**
 * Summary Markdown to HTML for the export, with the renderer's own rules for what is math and what
 * is a figure (src/core/markdown/math-spans.ts, src/core/markdown/figures.ts), so the page and the terminal agree:
 * math is taken out before marked can touch it and written back as MathML by temml; bare image URLs,
 * even glued to the word before them, become images.
 */
import { Marked, type Tokens } from 'marked'
import temml from 'temml'
import { isImageUrl, unglueImageUrls } from '../core/markdown/figures.js'
import { DISPLAY_PLACEHOLDER, INLINE_PLACEHOLDER, protectMath } from '../core/markdown/math-spans.js'
import { MAX_CONVERTED_SPANS } from '../core/markdown/limits.js'
import { mapProse } from '../core/markdown/prose.js'
import { escapeHtml } from './html-escape.js'

/** TeX longer than this is shown as code; no summary needs more and temml's time grows with it. */
const MAX_TEX_LENGTH = 4000

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

/**
 * A converter from summary Markdown to HTML, with its own marked instance; `sanitize` is applied to
 * marked's HTML while math is still placeholders, and to each formula's MathML once per distinct
 * formula: MathML is most of a page's markup, and sanitising it whole for every summary was most
 * of an export's time and memory.
 */
export function markdownConverter(sanitize: (html: string) => string): (markdown: string) => string {
  const formulas = new Map<string, string>()
  const math = (tex: string, display: boolean, source: string): string => {
    const key = `${display ? 'D' : 'I'}${source}`
    let html = formulas.get(key)
    if (html === undefined) formulas.set(key, (html = sanitize(mathToMathML(tex, display, source))))
    return html
  }
  const marked = new Marked({
    gfm: true,
    renderer: {
      // A bare image URL (an autolink whose text is its address) is a figure.
      link(token: Tokens.Link) {
        return token.text === token.href && isImageUrl(token.href) ? figure(token.href) : false
      },
      // Task-list checkboxes as characters: the page has no forms.
      checkbox: ({ checked }) => (checked ? '☑ ' : '☐ '),
    },
  })
  return (markdown) => {
    const { markdown: text, spans } = protectMath(mapProse(markdown, unglueImageUrls))
    const html = marked.parse(text, { async: false })
    // Math in an attribute (an image's alt text) stays TeX; elsewhere it becomes MathML.
    const span = (inline: string | undefined, display: string | undefined) => spans[Number(inline ?? display)]!
    const attributesDone = html.replace(/="[^"]*"/g, (attr) =>
      attr.replace(PLACEHOLDERS, (_m, inline?: string, display?: string) => escapeHtml(span(inline, display).source)),
    )
    // Placeholders are private-use characters, which the sanitiser keeps where it keeps text.
    // Past the limit the terminal keeps too, formulas stay TeX.
    return sanitize(attributesDone).replace(PLACEHOLDERS, (_m, inline?: string, display?: string) => {
      const { tex, display: block, source } = span(inline, display)
      return Number(inline ?? display) < MAX_CONVERTED_SPANS ? math(tex, block, source) : texAsCode(source)
    })
  }
}

// The renderer's placeholders for inline and display math: (index) or (, index).
const PLACEHOLDERS = new RegExp(`${INLINE_PLACEHOLDER.source}|${DISPLAY_PLACEHOLDER.source}`, 'g')

function figure(url: string): string {
  return `<img class="figure" src="${escapeHtml(url)}" alt="Figure">`
}
