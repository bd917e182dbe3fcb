/**
 * Text to LaTeX for BibTeX fields. The output only ever contains balanced `{}` pairs that this module
 * wrote: BibTeX counts braces without regard to backslashes, so even `\}` would unbalance a field;
 * literal braces are therefore written as `\textbraceleft{}` / `\textbraceright{}`.
 *
 * Non-ASCII text is kept as UTF-8 rather than turned into accent macros: LaTeX reads UTF-8 by default
 * since 2018, biber, bibtex8 and pandoc read it natively, and macros exist only for a few scripts
 * (a Greek or CJK title would be lost).
 */
import { splitInlineMath } from './inline-math.js'

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\textbackslash{}'],
  ['{', '\\textbraceleft{}'],
  ['}', '\\textbraceright{}'],
  ['#', '\\#'],
  ['$', '\\$'],
  ['%', '\\%'],
  ['&', '\\&'],
  ['_', '\\_'],
  ['~', '\\textasciitilde{}'],
  ['^', '\\textasciicircum{}'],
  // In LaTeX's default OT1 font encoding these print as other glyphs (¡ ¿ —).
  ['<', '\\textless{}'],
  ['>', '\\textgreater{}'],
  ['|', '\\textbar{}'],
])

// eslint-disable-next-line no-control-regex -- finds the control characters that LaTeX source cannot carry
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

/** Plain text as LaTeX: special characters escaped, controls and newlines as single spaces. */
export function escapeLatex(text: string): string {
  let out = ''
  for (const ch of text.replace(CONTROLS, ' ')) out += ESCAPES.get(ch) ?? ch
  return out.replace(/ {2,}/g, ' ')
}

// Commands allowed inside title math. An allow-list, because TeX can read files and redefine
// anything (`\input`, `\def`, `^^5c` escapes); math with anything else is escaped as plain text.
const MATH_COMMANDS = new Set(
  (
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi ' +
    'rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma ' +
    'Upsilon Phi Psi Omega mathcal mathbb mathbf mathrm mathit mathsf mathtt mathfrak boldsymbol pmb bm ' +
    'frac sqrt sum prod int log exp sin cos tan min max arg argmin argmax left right cdot times div pm mp ' +
    'leq le geq ge neq ne approx sim simeq equiv propto infty partial nabla in notin subset subseteq ' +
    'supset cup cap emptyset forall exists to rightarrow leftarrow Rightarrow mapsto mid ell dots ldots ' +
    'cdots hat tilde bar vec dot ddot overline underline top star ast circ langle rangle lVert rVert ' +
    'lvert rvert quad qquad operatorname text'
  ).split(' '),
)
const SAFE_MATH = /^[\p{L}\p{N}\s+\-=*/()[\]<>|,.;:!'^_{}\\]*$/u

/** Whether a math span can go to LaTeX as math: allow-listed commands, balanced braces, no `^^`. */
export function isSafeMath(tex: string): boolean {
  if (!SAFE_MATH.test(tex) || tex.includes('^^')) return false
  const commands = tex.match(/\\(?:[a-zA-Z]+|.)/g) ?? []
  if (!commands.every((command) => MATH_COMMANDS.has(command.slice(1)) || command === '\\,' || command === '\\ ')) return false
  let depth = 0
  for (const ch of tex) {
    depth += ch === '{' ? 1 : ch === '}' ? -1 : 0
    if (depth < 0) return false
  }
  return depth === 0
}

/** Running text (an abstract) for BibTeX: `$...$` math kept when isSafeMath, the rest escaped. */
export function latexText(text: string): string {
  return mathAndText(text, escapeLatex).replace(/ {2,}/g, ' ').trim()
}

/** `text` with its safe math kept and everything else written by `escape`. */
function mathAndText(text: string, escape: (text: string) => string): string {
  return splitInlineMath(text.replace(CONTROLS, ' '))
    .map((run) => (run.math && isSafeMath(run.text) ? `$${run.text}$` : escape(run.math ? `$${run.text}$` : run.text)))
    .join('')
}

/**
 * A Markdown note for BibTeX (`annote`), written so that it reads back as written: its lines kept
 * (`\\` ends each, and a line that opens with `[` or `*` starts with `{}`, which LaTeX would
 * otherwise read as an argument of `\\`; Pandoc refuses `\\{}`), its paragraphs kept (a blank
 * line), safe math kept, and the ligatures TeX would make of the text (`--`, ``` `` ```, `''`, `?``,
 * `!``) broken with `{}`.
 */
export function latexNote(markdown: string): string {
  const line = (text: string) =>
    mathAndText(text.trim(), (run) => escapeLatex(run).replace(/([-`'])(?=\1)|([?!])(?=`)/g, '$&{}')).replace(/^[[*]/, '{}$&')
  return markdown
    .trim()
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.split('\n').map(line).join('\\\\\n'))
    .join('\n\n')
}

/**
 * A title for BibTeX: words whose capitals are part of how they are spelled are wrapped in braces,
 * each on its own: acronyms and words with inner capitals (`{BERT}`, `{GPs}`, `{LaTeX}`,
 * `{3D}`) and single capital letters but "A" (`{Q}-learning`). Ordinary capitalised words are left
 * to the style, so styles that set titles in sentence case can. `$...$` math stays math when
 * isSafeMath, protected too; everything else is escaped. Runs of white space become one space.
 */
export function latexTitle(title: string): string {
  return protectWords(title, hasSpelledCapital, (word) => {
    // Only the word is braced, its punctuation left outside: `{BERT}:`, `({ICML})`.
    const [, before, core, after] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(word)!
    return `${escapeLatex(before!)}{${escapeLatex(core!)}}${escapeLatex(after!)}`
  })
}

/** A venue for BibTeX: every word with a capital protected, a run of them in one pair, as journal and proceedings names keep their capitals in every style. */
export function latexVenue(venue: string): string {
  return protectWords(venue, (word) => /\p{Lu}/u.test(word))
}

/** `text` escaped, math kept when safe, and the words `protects` picks braced: each by `brace`, else runs of them in one pair. */
function protectWords(text: string, protects: (word: string) => boolean, brace?: (word: string) => string): string {
  const parts = splitTitle(text)
  const protectedWord = (part: TitlePart | undefined) => part?.kind === 'word' && protects(part.text)
  let out = ''
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (part.kind === 'space') out += ' '
    else if (part.kind === 'math') out += isSafeMath(part.text) ? `{$${part.text}$}` : escapeLatex(`$${part.text}$`)
    else if (!protectedWord(part)) out += escapeLatex(part.text)
    else if (brace) out += brace(part.text)
    else {
      let run = escapeLatex(part.text)
      while (parts[i + 1]?.kind === 'space' && protectedWord(parts[i + 2])) {
        run += ' ' + escapeLatex(parts[i + 2]!.text)
        i += 2
      }
      out += `{${run}}`
    }
  }
  return out
}

/** Whether a word (or a part of a hyphenated one) has a capital other than its first letter, or is a capital letter alone but "A". */
function hasSpelledCapital(word: string): boolean {
  return word.split(/[-–—/]/).some((part) => {
    const letters = part.replace(/[^\p{L}\p{N}]/gu, '')
    return /^.[^]*\p{Lu}/u.test(letters) || (/^\p{Lu}$/u.test(letters) && letters !== 'A')
  })
}

type TitlePart = { kind: 'word' | 'math' | 'space'; text: string }

function splitTitle(title: string): TitlePart[] {
  const parts: TitlePart[] = []
  for (const run of splitInlineMath(title.replace(CONTROLS, ' ').trim())) {
    if (run.math) parts.push({ kind: 'math', text: run.text })
    else for (const [piece] of run.text.matchAll(/\s+|\S+/g)) parts.push({ kind: /^\s/.test(piece) ? 'space' : 'word', text: piece })
  }
  return parts
}
