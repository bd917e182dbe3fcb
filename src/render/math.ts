/**
 * TeX to Unicode through a real TeX parser: temml turns the TeX into MathML, which is then
 * flattened to text (mathml-text.ts). TeX that temml rejects, or that has no faithful Unicode
 * form, comes back unchanged with `faithful: false` so the renderer can show it as TeX.
 */
import temml from 'temml'
import { parseMathML } from './mathml.js'
import { mathmlToText } from './mathml-text.js'

export interface UnicodeMath {
  /** Unicode text, or the original TeX when `faithful` is false. */
  text: string
  /** False when the TeX was rejected or has no faithful Unicode form. */
  faithful: boolean
}

/** Longer TeX is shown as written: no summary needs it, and parsing it costs time. */
const MAX_TEX_LENGTH = 4000
const CACHE_SIZE = 2000
const cache = new Map<string, UnicodeMath>()

/** Converts one TeX formula (without its delimiters) to Unicode text. */
export function texToUnicode(tex: string, display: boolean): UnicodeMath {
  const key = (display ? 'D' : 'I') + tex
  const cached = cache.get(key)
  if (cached) return cached
  const result = convert(tex, display)
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  cache.set(key, result)
  return result
}

function convert(tex: string, display: boolean): UnicodeMath {
  const asWritten = { text: tex, faithful: false }
  if (tex.trim() === '' || tex.length > MAX_TEX_LENGTH) return asWritten
  const rows = display ? topLevelRows(tex) : [tex]
  const texts = rows.map((row) => toText(row, display) ?? retryLenient(row, display))
  if (texts.some((text) => text === null)) return asWritten
  const text = texts.filter(Boolean).join('\n')
  return text === '' ? asWritten : { text, faithful: true }
}

/**
 * Display math split at each `\\` outside braces and environments: temml keeps no trace of
 * those line breaks, so `W_0 = … \\ W_1 = …` would run together.
 */
function topLevelRows(tex: string): string[] {
  const rows: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i]
    if (ch === '{') depth++
    else if (ch === '}') depth--
    else if (ch === '\\') {
      if (tex.startsWith('\\begin', i)) depth++
      else if (tex.startsWith('\\end', i)) depth--
      else if (tex[i + 1] === '\\' && depth === 0) {
        rows.push(tex.slice(start, i))
        const spacing = /^\s*\[[^\]]*\]/.exec(tex.slice(i + 2)) // `\\[2pt]`
        start = i + 2 + (spacing?.[0].length ?? 0)
      }
      i++
    }
  }
  rows.push(tex.slice(start))
  return rows.length === 1 ? rows : rows.filter((row) => row.trim() !== '')
}

function toText(tex: string, display: boolean): string | null {
  try {
    const markup = temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false })
    return mathmlToText(parseMathML(markup), display)
  } catch {
    // temml's ParseError, NoUnicodeForm, or a stack overflow on absurdly nested input: all mean
    // "no Unicode form for this TeX".
    return null
  }
}

/** A command straight after `_` or `^` (`\tau_\max`): LaTeX takes it, temml wants braces. */
const BARE_SCRIPT_COMMAND = /([_^])\s*(\\[A-Za-z]+(?:\s*\{[^{}]*\})*)/g
/** Text-mode arguments, where LaTeX users write `_` meaning an underscore (`\text{style_fwd}`). */
const TEXT_ARGUMENT = /(\\(?:text|textrm|textit|textbf|texttt|textsf|mbox)\s*\{)([^{}]*)\}/g

/** LaTeX's `\mbox{such that}`, which temml does not know: the same as `\text` in math. */
const MBOX = /\\mbox(?![A-Za-z])/g

/**
 * TeX that LaTeX accepts but temml rejects, rewritten into what temml reads, and tried once more.
 * Only after the first attempt failed, so TeX temml reads is never rewritten.
 */
function retryLenient(tex: string, display: boolean): string | null {
  const rewritten = tex
    .replace(TEXT_ARGUMENT, (_, open: string, body: string) => open + body.replace(/(?<!\\)_/g, '\\_') + '}')
    .replace(BARE_SCRIPT_COMMAND, '$1{$2}')
    .replace(MBOX, '\\text')
  return rewritten === tex ? null : toText(rewritten, display)
}
