/**
 * A summary's Markdown rendered for the terminal: marked (our own instance) with marked-terminal
 * and our overrides (renderer.ts), math protected before parsing and put back as Unicode, figures
 * collected into a numbered list, and limits that send pathological input to a plain rendering.
 */
import { Marked } from 'marked'
import { markedTerminal } from 'marked-terminal'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { type Figure, FigureList, unglueImageUrls } from '../core/markdown/figures.js'
import { plainText, plainTextNotice, renderWithinLimits } from '../core/markdown/limits.js'
import { blockquote, definition, htmlBlock, setextHeading, table } from '../core/markdown/marked-block-checks.js'
import { plainText as textRun } from '../core/markdown/marked-plain-text.js'
import { protectMath } from '../core/markdown/math-spans.js'
import type { MathConverter } from './math.js'
import { MathText } from './math-text.js'
import { terminalRenderer } from './renderer.js'
import { makeStyles, type RenderOptions, type Styles } from './styles.js'
import { NO_BREAK_SPACE, trimLines } from './wrap.js'

export interface RenderedMarkdown {
  /** The rendered text: no trailing whitespace on any line, ends without a newline. */
  text: string
  /** Images and image URLs, in the order of their `[fig N]` numbers. */
  figures: Figure[]
}

/** Renders Markdown (with TeX math) for a terminal. Never throws on any input string. */
export function renderMarkdown(markdown: string, opts: RenderOptions): RenderedMarkdown {
  const styles = makeStyles(opts)
  const source = sanitizeTerminal(markdown.replace(/\r\n?/g, '\n'))
  return renderWithinLimits(
    source,
    () => formatted(source, styles, clampWidth(opts.width), opts.convertMath),
    (problem) => ({
      text: styles.notice(plainTextNotice(problem)) + '\n\n' + plainText(source).trimEnd(),
      figures: [],
    }),
  )
}

function formatted(source: string, styles: Styles, width: number, convertMath?: MathConverter): RenderedMarkdown {
  const { markdown: prepared, spans } = protectMath(source, unglueImageUrls)
  const math = new MathText(spans, styles, convertMath)
  const figures = new FigureList()
  // The checks and the text rule give marked's own tokens, without trying its largest expressions
  // where they cannot match: in one process rendering one summary, compiling and running them was
  // most of the lexing.
  const marked = new Marked({
    gfm: true,
    breaks: false,
    async: false,
    tokenizer: { inlineText: textRun, lheading: setextHeading, table, html: htmlBlock, blockquote, def: definition },
  })
  // marked-terminal draws emphasis, strong and strikethrough with our styles; renderer.ts
  // overrides the rest. Emoji shortcodes (`:name:`) stay as typed.
  marked.use(markedTerminal({ strong: styles.strong, em: styles.em, del: styles.del, emoji: false }))
  marked.use({ renderer: terminalRenderer({ styles, math, figures, width, listDepth: 0 }) })
  const rendered = marked.parse(prepared, { async: false })
  const text = trimLines(math.flatten(rendered).replace(/\t/g, '    ').replaceAll(NO_BREAK_SPACE, ' '))
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd()
  return { text, figures: figures.figures }
}

/** Widths below 20 columns cannot show a formula or a table; absurd widths are capped. */
export function clampWidth(width: number): number {
  return Number.isFinite(width) ? Math.min(1000, Math.max(20, Math.floor(width))) : 80
}
