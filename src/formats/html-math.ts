/**
 * Math and figures for the HTML export, as `marked` extensions: math is taken out before Markdown can
 * touch it (underscores, asterisks and backslashes survive) and written as MathML by temml; bare image
 * URLs, even glued to the word before them, become images.
 *
 * Delimiters: `$$...$$` and `\[...\]` (display), `$...$` and `\(...\)` (inline). A `$` opens math only
 * with no space after it and closes with no space before it and no digit after it (Pandoc's rule),
 * so "$5 and $10" stays text.
 */
import temml from 'temml'
import type { MarkedExtension, Tokens } from 'marked'
import { escapeHtml } from './html-escape.js'

/** TeX longer than this is shown as code; no summary needs more and temml's time grows with it. */
const MAX_TEX_LENGTH = 4000

/** MathML for a formula, or the TeX as code when temml cannot read it. */
export function mathToMathML(tex: string, display: boolean): string {
  if (tex.length <= MAX_TEX_LENGTH) {
    try {
      return temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false })
    } catch {
      // A TeX error (or a stack overflow on absurd nesting): fall through to showing the source.
    }
  }
  return `<code class="tex">${escapeHtml(display ? `$$${tex}$$` : `$${tex}$`)}</code>`
}

interface MathToken extends Tokens.Generic {
  tex: string
  display: boolean
}

const BLOCK_MATH = /^ {0,3}(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n+|$)/
const INLINE_MATH = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$([^\s$](?:[^$]*?[^\s$\\])?)\$(?!\d))/
const INLINE_START = /(?<!\\)\$|\\[([]/
const IMAGE_URL = /^https?:\/\/[^\s<>"'()[\]]+?\.(?:png|jpe?g|gif|svg|webp)(?:\?[^\s<>"'()[\]]*)?(?=$|[\s.,;:!?)\]])/i

/** The marked extensions: block math, inline math, bare image URLs. */
export function mathAndFigures(): MarkedExtension {
  return {
    extensions: [
      {
        name: 'blockMath',
        level: 'block',
        start: (src: string) => /^ {0,3}(?:\$\$|\\\[)/m.exec(src)?.index,
        tokenizer(src: string): MathToken | undefined {
          const match = BLOCK_MATH.exec(src)
          return match ? { type: 'blockMath', raw: match[0], tex: (match[1] ?? match[2])!.trim(), display: true } : undefined
        },
        renderer: (token) => `<p class="math-display">${mathToMathML((token as MathToken).tex, true)}</p>\n`,
      },
      {
        name: 'inlineMath',
        level: 'inline',
        start: (src: string) => INLINE_START.exec(src)?.index,
        tokenizer(src: string): MathToken | undefined {
          const match = INLINE_MATH.exec(src)
          if (!match) return undefined
          const display = match[1] !== undefined || match[2] !== undefined
          return { type: 'inlineMath', raw: match[0], tex: (match[1] ?? match[2] ?? match[3] ?? match[4])!, display }
        },
        renderer: (token) => mathToMathML((token as MathToken).tex, (token as MathToken).display),
      },
      {
        name: 'bareImage',
        level: 'inline',
        start: (src: string) => /https?:\/\//i.exec(src)?.index,
        tokenizer(src: string): Tokens.Generic | undefined {
          const match = IMAGE_URL.exec(src)
          return match ? { type: 'bareImage', raw: match[0], href: match[0] } : undefined
        },
        renderer: (token) => `<img class="figure" src="${escapeHtml(token.href as string)}" alt="Figure">`,
      },
    ],
  }
}
