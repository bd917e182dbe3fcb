/**
 * Figures embedded in the HTML export from the cache, so the page reads offline: the image as a
 * data URI (given by the caller, who reads the cache and keeps the size limits), then a link to
 * the original, "Figure N" numbered as the terminal's `[fig N]`.
 */
import { escapeHtml } from './html-escape.js'

/** The data URI of a cached figure of `url` that may be embedded, or null to leave it as today. */
export type FigureEmbedder = (url: string) => string | null

/** An embedded figure and the link to where it came from. */
export function embeddedFigureHtml(dataUri: string, n: number, caption: string, url: string): string {
  const label = `Figure ${n}${caption.trim() ? `: ${caption.trim()}` : ''}`
  return (
    `<img class="figure" src="${escapeHtml(dataUri)}" alt="${escapeHtml(label)}"><br>` +
    `<a rel="noopener noreferrer" href="${escapeHtml(url)}" class="image-link">${escapeHtml(label)}</a>`
  )
}
