/**
 * The look of rendered text. Colour comes from our own chalk instance (never the global one,
 * which guesses from the environment); with colour off every style is the identity, so the output
 * holds no escape byte at all. Hyperlinks are OSC 8 sequences, only for web and mail URLs.
 * These are the only escapes a page kept by the page cache may hold (store/page-cache.ts).
 */
import { Chalk } from 'chalk'
import type { MathConverter } from './math.js'

export interface RenderOptions {
  /** Columns to wrap at. */
  width: number
  /** Emit SGR colour and style sequences. */
  color: boolean
  /** Emit OSC 8 hyperlinks (terminals that support them show the text as a link). */
  hyperlinks: boolean
  /** Converts a formula to Unicode: `MathConversions` (math-conversions.ts) remembers them across runs; texToUnicode when absent. */
  convertMath?: MathConverter
}

export type Style = (text: string) => string

export interface Styles {
  title: Style
  heading: Style
  firstHeading: Style
  strong: Style
  em: Style
  del: Style
  code: Style
  quote: Style
  link: Style
  figure: Style
  /** Rules, separators, secondary text. */
  dim: Style
  /** TeX shown as written because it has no Unicode form. */
  tex: Style
  notice: Style
  /** `text` as a hyperlink to `url` when hyperlinks are on and the URL is safe to emit. */
  hyperlink: (text: string, url: string) => string
  /** Whether hyperlinks are on (so callers can drop the URL they would otherwise print). */
  hyperlinks: boolean
}

const identity: Style = (text) => text

/** The styles for one rendering: identity functions when colour is off. */
export function makeStyles(opts: Pick<RenderOptions, 'color' | 'hyperlinks'>): Styles {
  const c = new Chalk({ level: opts.color ? 1 : 0 })
  const style = (s: Style): Style => (opts.color ? s : identity)
  return {
    title: style(c.bold),
    heading: style(c.bold),
    firstHeading: style(c.bold.underline),
    strong: style(c.bold),
    em: style(c.italic),
    del: style(c.strikethrough),
    code: style(c.yellow),
    quote: style(c.italic),
    link: style(c.blue),
    figure: style(c.cyan),
    dim: style(c.dim),
    tex: style(c.dim),
    notice: style(c.yellow),
    hyperlink: (text, url) => {
      const target = opts.hyperlinks ? linkTarget(url) : null
      return target ? `\x1b]8;;${target}\x07${text}\x1b]8;;\x07` : text
    },
    hyperlinks: opts.hyperlinks,
  }
}

/** The URL as printable ASCII, or null when it is not an http(s)/mailto URL. */
export function linkTarget(url: string): string | null {
  try {
    const parsed = new URL(url)
    if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) return null
    return /^[\x21-\x7e]+$/.test(parsed.href) ? parsed.href : null
  } catch {
    return null
  }
}
