/**
 * Figures drawn in the text where they are cited: each after the paragraph (block of lines) that
 * first says `[fig N]`, with its `[fig N]` and caption under it. The drawing itself is the
 * caller's (`FigureDrawer`): render stays pure, and a figure it cannot draw stays a reference.
 */
import type { Figure } from '../core/markdown/figures.js'
import type { Styles } from './styles.js'

/** The escape sequences that draw `figure` within `width` columns (ending with a newline), or null to leave it as text. */
export type FigureDrawer = (figure: Figure, width: number) => string | null

// Colour (SGR) and hyperlinks (OSC 8) around a reference; neither is part of its text.
// eslint-disable-next-line no-control-regex -- matches the SGR and OSC 8 escape sequences precis itself writes
const STYLING = /\x1b\[[0-9;]*m|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\)/g
const REFERENCE = /\[fig (\d+)\]/g

/** `text` (a rendered summary) with each figure `draw` can draw placed after its first citing paragraph. */
export function placeFigures(text: string, figures: readonly Figure[], draw: FigureDrawer, styles: Styles, width: number): string {
  const placed = new Set<number>()
  return text
    .split('\n\n')
    .map((block) => {
      const drawn: string[] = []
      for (const [, digits] of block.replace(STYLING, '').matchAll(REFERENCE)) {
        const n = Number(digits)
        const figure = figures[n - 1]
        if (!figure || placed.has(n)) continue
        placed.add(n)
        const image = draw(figure, width)
        if (image !== null) drawn.push(image + styles.dim(`[fig ${n}]${figure.caption ? ` ${figure.caption}` : ''}`))
      }
      return [block, ...drawn].join('\n\n')
    })
    .join('\n\n')
}
