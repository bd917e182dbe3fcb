/**
 * Figures in the HTML export, each labelled "Figure N" as the terminal numbers it `[fig N]` and
 * linking the original. One in the cache is embedded, so the page reads offline: the image as a
 * data URI (given by the caller, who reads the cache and keeps the size limits), then the link.
 * One not in the cache is the link alone, or with `--remote-images` the original image above it.
 */
import { escapeHtml } from './html-escape.js'

/** The data URI of a cached figure of `url` that may be embedded, or null to leave it as today. */
export type FigureEmbedder = (url: string) => string | null

/** "Figure N", and its caption when it has one. */
function figureLabel(n: number, caption: string): string {
  return `Figure ${n}${caption.trim() ? `: ${caption.trim()}` : ''}`
}

const figureLink = (url: string, label: string) =>
  `<a rel="noopener noreferrer" href="${escapeHtml(url)}" class="image-link">${escapeHtml(label)}</a>`

/** An embedded figure and the link to where it came from. */
export function embeddedFigureHtml(dataUri: string, n: number, caption: string, url: string): string {
  const label = figureLabel(n, caption)
  return `<img class="figure" src="${escapeHtml(dataUri)}" alt="${escapeHtml(label)}"><br>${figureLink(url, label)}`
}

/**
 * A figure not in the cache (`url` checked as an image on the web): the link to it, with the
 * image itself above it when the page loads remote images.
 */
export function linkedFigureHtml(
  url: string,
  n: number,
  caption: string,
  options: { remoteImages: boolean; title?: string | null },
): string {
  const label = figureLabel(n, caption)
  if (!options.remoteImages) return figureLink(url, label)
  const titled = options.title ? ` title="${escapeHtml(options.title)}"` : ''
  return `<img class="figure" src="${escapeHtml(url)}" alt="${escapeHtml(label)}"${titled}><br>${figureLink(url, label)}`
}
