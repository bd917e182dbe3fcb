/**
 * Inline `$...$` math in one-line texts such as titles, found with Pandoc's rule: no space just
 * inside the dollars and no digit just after the closing one, so "$5 and $10" stays text; `\$` is
 * a literal dollar. (Summary bodies are Markdown and go through the renderer's own math handling.)
 */

/** A run of a one-line text: plain text, or the TeX inside a pair of dollars. */
export interface TextRun {
  math: boolean
  text: string
}

const RUNS = /\$([^\s$](?:[^$]*?[^\s$\\])?)\$(?!\d)|\\\$|[^$\\]+|[\s\S]/g

/** Split a text into plain and math runs; joining the runs (math in dollars) gives the text back. */
export function splitInlineMath(text: string): TextRun[] {
  const runs: TextRun[] = []
  for (const match of text.matchAll(RUNS)) {
    if (match[1] !== undefined) runs.push({ math: true, text: match[1] })
    else if (runs.length > 0 && !runs[runs.length - 1]!.math) runs[runs.length - 1]!.text += match[0]
    else runs.push({ math: false, text: match[0] })
  }
  return runs
}
