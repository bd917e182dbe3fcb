/**
 * Our renderer overrides on top of marked-terminal. marked-terminal wraps paragraphs to a fixed
 * width (ignoring the indentation of quotes and lists), leaves inline Markdown in list items raw,
 * prints an empty rule when stdout is not a TTY, counts UTF-16 units rather than columns, and
 * decides hyperlinks and highlighting from the process's own terminal. These overrides keep one
 * current width that shrinks inside quotes and list items, measure display columns, and take
 * colour and hyperlinks only from the render options. Code is never highlighted.
 */
import type { RendererObject, Tokens } from 'marked'
import { lazyRequire } from '../core/lazy-require.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { type FigureList, isImageUrl } from '../core/markdown/figures.js'
import { figureReference } from './figures.js'
import type { MathText } from './math-text.js'
import { linkTarget, type Styles } from './styles.js'
import { renderTable } from './table.js'
import { centre, displayWidth, indent, wrapText } from './wrap.js'
import { largest, pushAll } from '../core/lists.js'

export interface RenderState {
  styles: Styles
  /** Puts the math behind placeholders back. */
  math: MathText
  /** Collects the figures referenced so far, numbering them. */
  figures: FigureList
  /** Columns available to the block being rendered. */
  width: number
  /** How many lists enclose the block being rendered. */
  listDepth: number
}

/** Hard line breaks are marked while inline text is assembled, then become newlines on wrapping. */
const HARD_BREAK = '\uE003'
const BULLETS = ['•', '◦', '▪']
/** Narrower than this, nested blocks stop indenting further rather than becoming unreadable. */
const MIN_WIDTH = 20

/** The renderer overrides for one rendering; `state.width` changes while nested blocks render. */
export function terminalRenderer(state: RenderState): RendererObject {
  const { styles, math } = state
  const block = (text: string) => text + '\n\n'
  const within = <T>(width: number, render: () => T): T => {
    const outer = state.width
    state.width = Math.max(MIN_WIDTH, width)
    try {
      return render()
    } finally {
      state.width = outer
    }
  }

  return {
    paragraph(token) {
      return block(flow(this.parser.parseInline(token.tokens), state))
    },
    text(token) {
      // Tight list items hold block-level text tokens with inline children (marked-terminal
      // returns their raw Markdown); inline text tokens are leaves.
      if ('tokens' in token && token.tokens) return block(flow(this.parser.parseInline(token.tokens), state))
      return math.inline(plain(token.text))
    },
    heading(token) {
      const prefix = '#'.repeat(token.depth) + ' '
      const text = wrapText(math.flatten(this.parser.parseInline(token.tokens)), state.width - prefix.length)
      const style = token.depth === 1 ? styles.firstHeading : styles.heading
      return block(
        indent(text, prefix)
          .split('\n')
          .map((line) => style(line))
          .join('\n'),
      )
    },
    code(token) {
      const lines = token.text.replace(/\t/g, '    ').split('\n')
      return block(lines.map((line) => (line === '' ? '' : '    ' + styles.code(line))).join('\n'))
    },
    blockquote(token) {
      const body = trimBlock(within(state.width - 2, () => this.parser.parse(token.tokens)))
      const bar = styles.dim('│') + ' '
      return block(
        indent(
          body
            .split('\n')
            .map((line) => styles.quote(line))
            .join('\n'),
          bar,
          bar,
        ),
      )
    },
    hr() {
      return block(styles.dim('─'.repeat(state.width)))
    },
    list(token) {
      return block(renderList.call(this, token, state, within))
    },
    checkbox() {
      return '' // shown in the item's marker instead, so it does not shift the wrapped text
    },
    html(token) {
      const text = styles.dim(math.flatten(token.text.trimEnd()))
      return 'block' in token && token.block ? block(text) : text
    },
    table(token) {
      const cell = (c: Tokens.TableCell) => math.flatten(this.parser.parseInline(c.tokens))
      const header = token.header.map((c) => styles.strong(cell(c)))
      const rows = token.rows.map((row) => row.map(cell))
      return block(renderTable({ header, rows, align: token.align }, state.width))
    },
    codespan(token) {
      return styles.code(token.text.replace(/\n/g, ' '))
    },
    br() {
      return HARD_BREAK
    },
    link(token) {
      const text = this.parser.parseInline(token.tokens)
      const href = plain(token.href)
      if (token.autolink && isImageUrl(href)) return figureReference(state.figures.add(href, ''), href, styles)
      const bare = token.autolink || text === href || `mailto:${text}` === href
      // Without a hyperlink the URL is printed after the text, so it is never lost.
      if (bare || (styles.hyperlinks && linkTarget(href))) return styles.hyperlink(styles.link(text), href)
      return `${text} (${styles.link(href)})`
    },
    image(token) {
      const href = plain(token.href)
      const caption = math.flatten(plain(token.text || token.title || ''))
      if (href.trim() === '') return caption // `![]()`: nothing to show but the alt text
      return figureReference(state.figures.add(href, caption), href, styles)
    },
  }
}

/**
 * Text from marked tokens as it should read: marked keeps HTML entities (and escapes a bare `&`
 * when a numeric reference is present, which it decodes). Decoding can produce control
 * characters (`&#27;`), so the result is sanitised again.
 */
function plain(text: string): string {
  return sanitizeTerminal(text.replace(ENTITY_REFERENCE, (reference) => entities().decodeHTMLStrict(reference)))
}

/** HTML's entities (a 50 KB table), loaded with the first entity reference: most summaries have none. */
const entities = lazyRequire<typeof import('entities')>('entities')

/**
 * What CommonMark reads as an entity: a name, or a number of at most 7 decimal or 6 hex digits,
 * always ending in `;`. `&copy`, `&nbsp` and `&#99999999;` stay text.
 */
const ENTITY_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/g

/** A rendered block without the blank lines around it (leading spaces are indentation: kept). */
function trimBlock(text: string): string {
  return text.replace(/^\n+/, '').trimEnd()
}

/** Paragraph text: wrapped to the width, display formulas centred on lines of their own. */
function flow(inline: string, state: RenderState): string {
  const lines: string[] = []
  for (const part of state.math.split(inline)) {
    if ('display' in part) {
      // A formula wider than the line breaks after an operator (see MathText), then is centred;
      // one that fits keeps its leading spaces (the lines of a drawn matrix are aligned by them)
      // and is composed as wrapping would compose it (ŷ as one character).
      const display = part.display.flatMap((line) =>
        displayWidth(line) <= state.width ? [line.normalize('NFC')] : wrapText(line, state.width).split('\n'),
      )
      pushAll(lines, centre(display, state.width))
      continue
    }
    // Soft line breaks and tabs are spaces in running text, as in HTML.
    const text = part.text
      .split('\n')
      .map((line) => line.trim())
      .join(' ')
      .replace(/\t/g, ' ')
      .trim()
    for (const line of text.split(HARD_BREAK)) {
      if (line.trim() !== '') lines.push(wrapText(line.trim(), state.width))
    }
  }
  return lines.join('\n')
}

type ParserThis = ThisParameterType<NonNullable<RendererObject['list']>>

function renderList(this: ParserThis, token: Tokens.List, state: RenderState, within: <T>(width: number, render: () => T) => T): string {
  const start = typeof token.start === 'number' ? token.start : 1
  const bullet = BULLETS[state.listDepth % BULLETS.length] as string
  const markers = token.items.map((item, i) => {
    const marker = token.ordered ? `${start + i}.` : bullet
    return item.task ? `${marker} [${item.checked ? 'x' : ' '}]` : marker
  })
  const markerWidth = largest(markers.map((m) => m.length)) + 1
  state.listDepth++
  try {
    const items = token.items.map((item, i) => {
      let body = trimBlock(within(state.width - markerWidth, () => this.parser.parse(item.tokens)))
      if (!token.loose) body = body.replace(/\n{2,}/g, '\n')
      return indent(body, (markers[i] as string).padEnd(markerWidth))
    })
    return items.join(token.loose ? '\n\n' : '\n')
  } finally {
    state.listDepth--
  }
}
