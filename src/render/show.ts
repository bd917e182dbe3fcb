/**
 * What `precis show` prints for a paper: its header, then each summary under its own rule with
 * the summary's figures listed after it. Pure: the caller decides width, colour and hyperlinks.
 */
import type { Paper, Summary } from '../core/model.js'
import { renderFigureList } from './figures.js'
import { placeFigures, type FigureDrawer } from './figure-placement.js'
import { renderHeader, renderSummaryRule } from './header.js'
import { clampWidth, renderMarkdown } from './markdown.js'
import { makeStyles, type RenderOptions } from './styles.js'

export type { RenderOptions } from './styles.js'
export type { FigureDrawer } from './figure-placement.js'

/**
 * Renders a paper and the given summaries of it. The result ends with a newline, has no trailing
 * whitespace on any line, and with colour and hyperlinks off and no `draw` contains no escape byte.
 * With `draw`, figures it can draw are drawn after the paragraph citing them.
 */
export function renderPaper(paper: Paper, summaries: Summary[], opts: RenderOptions, draw?: FigureDrawer): string {
  return renderPaperParts(paper, summaries, opts, draw).join('')
}

/**
 * renderPaper's page in parts that joined are the page, each summary's rendered body a part of its
 * own: a body of one-byte text (Latin-1) then stays so, where joined to the header's rules (`─`) it
 * became a two-byte copy of the whole page, twice its size and slower to write.
 */
export function renderPaperParts(paper: Paper, summaries: Summary[], opts: RenderOptions, draw?: FigureDrawer): string[] {
  const styles = makeStyles(opts)
  const width = clampWidth(opts.width)
  const parts = [renderHeader(paper, styles, width)]
  summaries.forEach((summary, i) => {
    parts.push(`\n\n${renderSummaryRule(summary, i, summaries.length, styles, width)}\n\n`)
    parts.push(renderSummaryBody(summary.body, { ...opts, width }, draw))
  })
  if (summaries.length === 0) parts.push(`\n\n${styles.dim('(no summaries)')}`)
  parts.push('\n')
  return parts
}

/** One summary's Markdown rendered (figures drawn in place when `draw` can), followed by its list of figures; no final newline. */
export function renderSummaryBody(body: string, opts: RenderOptions, draw?: FigureDrawer): string {
  const styles = makeStyles(opts)
  const rendered = renderMarkdown(body, opts)
  const width = clampWidth(opts.width)
  const text = rendered.text === '' ? styles.dim('(empty summary)') : rendered.text
  if (rendered.figures.length === 0) return text
  const placed = draw ? placeFigures(text, rendered.figures, draw, styles, width) : text
  return `${placed}\n\n${renderFigureList(rendered.figures, styles, width)}`
}
