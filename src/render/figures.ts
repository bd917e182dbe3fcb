/**
 * Figures: a terminal cannot show the images a summary links to, so each becomes a numbered
 * reference `[fig N]` in the text (a hyperlink where supported) and a numbered list of figure
 * URLs under the summary. Scraped summaries often glue the URL to the word before it
 * (`observationshttps://i.imgur.com/x.png`); those are separated first.
 */
import type { Figure } from '../core/markdown/figures.js'
import type { Styles } from './styles.js'
import { indent, NO_BREAK_SPACE, wrapText } from './wrap.js'

/** The in-text reference, e.g. `[fig 2]`, linked to the image. */
export function figureReference(n: number, url: string, styles: Styles): string {
  return styles.hyperlink(styles.figure(`[fig${NO_BREAK_SPACE}${n}]`), url)
}

/** The list printed under a summary: `Figures:` then `[N] url — caption` per figure. */
export function renderFigureList(figures: Figure[], styles: Styles, width: number): string {
  if (figures.length === 0) return ''
  const lines = figures.map((figure, i) => {
    const label = `[${i + 1}] `
    const url = styles.hyperlink(styles.link(figure.url), figure.url)
    return indent(wrapText(url + (figure.caption ? ` — ${figure.caption}` : ''), width - label.length), label)
  })
  return [styles.strong('Figures:'), ...lines].join('\n')
}
