/**
 * TeX to Unicode through a real TeX parser: temml turns the TeX into MathML, which is then
 * flattened to text (mathml-text.ts). TeX that temml rejects, or that has no faithful Unicode
 * form, comes back unchanged with `faithful: false` so the renderer can show it as TeX.
 */
import { lazyRequire } from '../core/lazy-require.js'
import { parseMathML } from './mathml.js'
import { mathmlToText } from './mathml-text.js'

export interface UnicodeMath {
  /** Unicode text, or the original TeX when `faithful` is false. */
  text: string
  /** False when the TeX was rejected or has no faithful Unicode form. */
  faithful: boolean
}

/** What turns one formula (without its delimiters) into Unicode: texToUnicode, or one that remembers its answers. */
export type MathConverter = (tex: string, display: boolean) => UnicodeMath

/** Loaded with the first formula: temml is some 400 KB of code, which a summary without math never needs. */
const temml = lazyRequire<typeof import('temml').default>('temml')

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

/** `layout`: laid out as display math; an inline formula may be parsed as display (`$\begin{align}…$`). */
function toText(tex: string, display: boolean, layout = display): string | null {
  try {
    const markup = temml().renderToString(tex, { displayMode: display, throwOnError: true, trust: false })
    return mathmlToText(parseMathML(markup), layout)
  } catch {
    // temml's ParseError, NoUnicodeForm, or a stack overflow on absurdly nested input: all mean
    // "no Unicode form for this TeX".
    return null
  }
}

/** What temml stopped at, as a rewrite to try: a command it does not know, or one defined twice. */
function complaint(tex: string, display: boolean): { command: string; redefined: boolean } | null {
  try {
    temml().renderToString(tex, { displayMode: display, throwOnError: true, trust: false })
    return null
  } catch (error) {
    const message = error instanceof Error ? error.message : ''
    const unknown = /(?:Unsupported function name|Undefined control sequence): (\\[A-Za-z]+)/.exec(message)
    const redefined = /attempting to redefine (\\[A-Za-z]+)/.exec(message)
    const command = unknown?.[1] ?? redefined?.[1]
    return command === undefined ? null : { command, redefined: redefined !== null }
  }
}

/** A command straight after `_` or `^` (`\tau_\max`): LaTeX takes it, temml wants braces. */
const BARE_SCRIPT_COMMAND = /([_^])\s*(\\[A-Za-z]+(?:\s*\{[^{}]*\})*)/g
/** Text-mode arguments, where LaTeX users write `_` meaning an underscore (`\text{style_fwd}`). */
const TEXT_ARGUMENT = /(\\(?:text|textrm|textit|textbf|texttt|textsf|mbox)\s*\{)([^{}]*)\}/g

/** LaTeX's `\mbox{such that}`, which temml does not know: the same as `\text` in math. */
const MBOX = /\\mbox(?![A-Za-z])/g
/** Blackboard-bold packages' one (`\mathds{1}`, `\mathbbm{1}`). */
const BLACKBOARD = /\\(?:mathds|mathbbm)(?![A-Za-z])/g
/** References to equations elsewhere in a paper, which temml writes as links outside the formula. */
const REFERENCE = /\\(eqref|ref)\s*\{([^{}]*)\}/g
/** `\DeclareMathOperator{\KL}{KL}`, from a paper's preamble: a definition temml can read. */
const DECLARE_OPERATOR = /\\DeclareMathOperator\*?\s*\{\s*(\\[A-Za-z]+)\s*\}\s*\{([^{}]*)\}/g
/** Macros that notes use without defining them, by their usual meaning. */
const USUAL_MACROS = new Map([
  ['\\R', '\\mathbb{R}'],
  ['\\E', '\\mathbb{E}'],
  ['\\N', '\\mathbb{N}'],
  ['\\Z', '\\mathbb{Z}'],
  ['\\Q', '\\mathbb{Q}'],
  ['\\C', '\\mathbb{C}'],
])
/** Layout and links, which print nothing in a formula or only their text: `\vspace{2mm}`, `\href{url}{text}`. */
const LAYOUT = /\\(?:vspace\*?|index)\s*\{[^{}]*\}/g
const LINK = /\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}|\\url\s*\{([^{}]*)\}/g
/** An alignment mark with no environment around it (`a &= b \\ c &= d` written bare). */
const BARE_ALIGNMENT = /(?<!\\)&/
/** How many commands temml does not know are rewritten in one formula before it stays TeX. */
const MAX_REWRITES = 6

/**
 * TeX that LaTeX accepts but temml rejects, rewritten into what temml reads, and tried once more.
 * Only after the first attempt failed, so TeX temml reads is never rewritten.
 */
function retryLenient(tex: string, display: boolean): string | null {
  let rewritten = tex
    .replace(TEXT_ARGUMENT, (_, open: string, body: string) => open + body.replace(/(?<!\\)_/g, '\\_') + '}')
    .replace(BARE_SCRIPT_COMMAND, '$1{$2}')
    .replace(MBOX, '\\text')
    .replace(BLACKBOARD, '\\mathbb')
    .replace(REFERENCE, (_, kind: string, label: string) => `\\text{${kind === 'eqref' ? `(${label})` : label}}`)
    .replace(DECLARE_OPERATOR, (_, name: string, body: string) => `\\def${name}{\\operatorname{${body}}}`)
    .replace(LAYOUT, '')
    .replace(LINK, (_, text?: string, url?: string) => (text !== undefined ? `{${text}}` : `\\text{${url}}`))
  if (BARE_ALIGNMENT.test(rewritten) && !rewritten.includes('\\begin')) rewritten = `\\begin{aligned}${rewritten}\\end{aligned}`
  for (let attempt = 0; attempt <= MAX_REWRITES; attempt++) {
    const text = attempt === 0 && rewritten === tex ? null : toText(rewritten, display)
    if (text !== null) return text
    // Environments temml takes only in display math (`$\begin{align}…$`), laid out inline.
    const asDisplay = display ? null : toText(rewritten, true, false)
    if (asDisplay !== null) return asDisplay
    const stop = complaint(rewritten, display)
    if (!stop) return null
    // A command defined twice (a note's own \newcommand over a built-in one) is redefined; one
    // temml does not know (a note's macro defined elsewhere: \softmax, \E) reads as its name.
    const escaped = stop.command.replace(/\\/g, '\\\\')
    rewritten = stop.redefined
      ? rewritten.replace(new RegExp(`\\\\newcommand(\\s*\\{?\\s*${escaped}(?![A-Za-z]))`), '\\renewcommand$1')
      : rewritten.replace(
          new RegExp(`${escaped}(?![A-Za-z])`, 'g'),
          USUAL_MACROS.get(stop.command) ?? `\\operatorname{${stop.command.slice(1)}}`,
        )
  }
  return null
}
