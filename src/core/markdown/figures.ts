/**
 * The figures of a summary: image URLs, bare or as Markdown images, numbered in order of first
 * appearance (the terminal shows `[fig N]`, the HTML export "Figure N"). Scraped summaries often
 * glue the URL to the word before it (`observationshttps://i.imgur.com/x.png`); those are separated.
 */

export interface Figure {
  url: string
  /** Alt text or title of a Markdown image; empty for a bare URL. */
  caption: string
}

const IMAGE_URL = /^https?:\/\/[^\s<>"']+\.(?:png|jpe?g|gif|svg|webp)(?:[?#][^\s<>"']*)?$/i
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/

// Only words with an address can be glued: those are found from their address (a callback for
// every word of every summary was most of an HTML export's preparation time).
const URL_START = /https?:\/\//g

/** Whether `url` points at an image we present as a figure. */
export function isImageUrl(url: string): boolean {
  return IMAGE_URL.test(url)
}

/**
 * Puts a space between a word and an image URL glued to it (`textshttps://...png`,
 * `result:https://...png`), so Markdown sees a bare URL. Not when the word is itself a URL or
 * markup (`(`, `"`, `=`, `/` before the URL).
 */
export function unglueImageUrls(prose: string): string {
  let out = ''
  let done = 0
  for (const { index } of prose.matchAll(URL_START)) {
    if (index < done) continue // in a word already looked at: only its first address counts
    let start = index
    while (start > 0 && !/\s/.test(prose[start - 1]!)) start--
    let end = index
    while (end < prose.length && !/\s/.test(prose[end]!)) end++
    out += prose.slice(done, start) + unglued(prose.slice(start, end), index - start)
    done = end
  }
  return done === 0 ? prose : out + prose.slice(done)
}

/** `word` with a space before the image URL at `at`, when it is glued to a word. */
function unglued(word: string, at: number): string {
  if (at === 0) return word
  const before = word.slice(0, at)
  const url = word.slice(at).replace(TRAILING_PUNCTUATION, '')
  const glued = /[\p{L}\p{N}:.,;]$/u.test(before) && !before.includes('://') && !/[[(<"'=]/.test(before)
  return glued && isImageUrl(url) ? `${before} ${word.slice(at)}` : word
}

/** The figures of one summary, numbered in order of first appearance. */
export class FigureList {
  private readonly numbers = new Map<string, number>()
  /** The figures in order: figure N is `figures[N - 1]`. */
  readonly figures: Figure[] = []

  /** The figure's number (the same URL keeps its first number). */
  add(url: string, caption: string): number {
    const known = this.numbers.get(url)
    if (known !== undefined) {
      const figure = this.figures[known - 1]
      if (figure && figure.caption === '') figure.caption = caption
      return known
    }
    this.figures.push({ url, caption })
    this.numbers.set(url, this.figures.length)
    return this.figures.length
  }
}
