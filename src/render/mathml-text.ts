/**
 * MathML (as temml writes it) flattened to one line of Unicode text: scripts become Unicode
 * sub/superscripts where every character has one, fractions become a/b, roots √x, accents
 * combining marks. A construct with no faithful linear form (\cancel, \boxed...)
 * throws NoUnicodeForm so the caller can show the TeX instead of a misleading approximation.
 */
import { besideEachOther, drawTable, HARD_SPACE } from './math-blocks.js'
import type { MathChild, MathElement } from './mathml.js'
import {
  BINARY,
  isAccent,
  isDifferential,
  isFenced,
  isFraction,
  isFunctionName,
  isUnit,
  LARGE,
  needsSpace,
  RELATIONS,
  takesLimits,
  visibleText,
} from './mathml-kinds.js'
import {
  attachScript,
  COMBINING_ACCENTS,
  COMBINING_OVERLINE,
  COMBINING_UNDERLINE,
  foldItalic,
  toBold,
  toSuperscript,
} from './unicode-math.js'

/** Thrown for constructs that have no faithful Unicode form. */
export class NoUnicodeForm extends Error {}

interface Context {
  /** Inside a sub/superscript, limit or root index: operators are not spaced there. */
  script: boolean
  /** Inside \pmb / \bm (temml's `font-weight:bold` style). */
  bold: boolean
  display: boolean
  depth: number
}

const MAX_DEPTH = 150
const SCRIPTS = new Set(['msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover'])
const ROOTS = new Map([
  ['2', '√'],
  ['3', '∛'],
  ['4', '∜'],
])
const ENCLOSURES = new Map([
  ['top', COMBINING_OVERLINE],
  ['bottom', COMBINING_UNDERLINE],
])

/** The Unicode text of a parsed `<math>` element; throws NoUnicodeForm when there is none. */
export function mathmlToText(math: MathElement, display: boolean): string {
  const text = children(math.children, { script: false, bold: false, display, depth: 0 })
  return text
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim().replaceAll(HARD_SPACE, ' '))
    .join('\n')
}

function children(nodes: MathChild[], ctx: Context): string {
  let out = ''
  const pieces: string[] = []
  nodes.forEach((node, i) => {
    let text = render(node, ctx)
    // A sign straight after an opening bracket is a sign, whatever temml made of it: `exp(−x)`.
    if (typeof node === 'object' && node.name === 'mo' && /^ [−+±∓] $/.test(text) && (pieces.length === 0 || /[([{⟨]$/.test(out)))
      text = text.trim()
    if (isFraction(node) && fractionNeedsParentheses(out, nodes[i - 1], nodes[i + 1])) {
      text = `(${text})`
      const previous = nodes[i - 1]
      if (previous !== undefined && isFunctionName(previous)) {
        // log(y/ŷ), as log(x) is written
        pieces.push((pieces.pop() ?? '').trimEnd())
        out = out.trimEnd()
      }
    } else if (needsSpace(out, nodes[i - 1], node, text)) {
      pieces.push(' ')
      out += ' '
    }
    pieces.push(text)
    out = text.includes('\n') ? '' : out + text
  })
  return besideEachOther(collapsedBesideBlocks(pieces))
}

/**
 * One-line text set beside a block of several lines is measured to centre the block, so its runs
 * of spaces are collapsed first, as they will be when printed (`= ⎨` stays against the brace).
 */
function collapsedBesideBlocks(pieces: string[]): string[] {
  if (!pieces.some((piece) => piece.includes('\n'))) return pieces
  const merged: string[] = []
  for (const piece of pieces) {
    const last = merged[merged.length - 1]
    if (last !== undefined && !last.includes('\n') && !piece.includes('\n')) merged[merged.length - 1] = last + piece
    else merged.push(piece)
  }
  return merged.map((piece) => (piece.includes('\n') ? piece : piece.replace(/ {2,}/g, ' ')))
}

/**
 * A fraction reads wrong beside some neighbours: next to another as one (`1/21/2`), after a digit
 * as a mixed number (`2 1/2`), after a slash as only its numerator divided (`a/b/c`), before a
 * bracket or `!` as taking it into its denominator (`1/2(x − μ)`, `∂l/∂z(a)`), after a function
 * name as only its numerator being the argument (`log y/ŷ`). All get parentheses: `(1/2)(1/2)`,
 * `2(1/2)`, `a/(b/c)`, `(1/2)(x − μ)`, `log(y/ŷ)`.
 */
function fractionNeedsParentheses(before: string, previous: MathChild | undefined, next: MathChild | undefined): boolean {
  return (
    (previous !== undefined && (isFraction(previous) || isFunctionName(previous))) ||
    (next !== undefined && (isFraction(next) || opensBracket(next) || /^!/.test(visibleText(next)))) ||
    /[0-9/÷]$/.test(before)
  )
}

/** An operand that starts with an opening bracket: `(x − μ)ᵗ`, `\\left[…\\right]`, a bare `(`. */
function opensBracket(node: MathChild): boolean {
  return typeof node === 'object' && /^[([]/.test(visibleText(node).trim()) && !(node.name === 'mo' && node.attrs.get('form') === 'postfix')
}

function render(node: MathChild, ctx: Context): string {
  if (typeof node === 'string') return node
  if (ctx.depth > MAX_DEPTH) throw new NoUnicodeForm('nested too deeply')
  const inner = { ...ctx, depth: ctx.depth + 1 }
  switch (node.name) {
    case 'mrow':
      return fencedTable(node, inner) ?? binomial(node, inner) ?? children(node.children, inner)
    case 'math':
    case 'mpadded':
    case 'mtd':
      return children(node.children, inner)
    case 'mstyle': {
      const bold = /font-weight:\s*bold/.test(node.attrs.get('style') ?? '')
      return children(node.children, { ...inner, bold: inner.bold || bold })
    }
    case 'semantics':
      return node.children[0] ? render(node.children[0], inner) : ''
    case 'mi':
    case 'mn':
    case 'mtext':
    case 'ms':
      return letters(node, inner.bold || /bold/.test(node.attrs.get('mathvariant') ?? ''))
    case 'mo':
      return operator(node, inner)
    case 'mspace':
      return space(node.attrs.get('width'))
    case 'mphantom': // \phantom: room for something not shown
      return ''
    case 'mfrac':
      return fraction(node, inner)
    case 'msqrt':
      return '√' + grouped(node.children, inner, true)
    case 'mroot':
      return root(node, inner)
    case 'menclose':
      return enclosed(node, inner)
    case 'mtable':
      return table(node, inner)
    default:
      if (SCRIPTS.has(node.name)) return scripted(node, inner)
      throw new NoUnicodeForm(`<${node.name}>`)
  }
}

function letters(node: MathElement, bold: boolean): string {
  // temml writes \text spaces as NBSP, and `\,` inside \operatorname{arg\,min} as a thin space.
  const plain = visibleText(node).replace(/[\u00a0\u2000-\u200a]/g, ' ')
  return [...plain].map(bold ? toBold : foldItalic).join('')
}

function operator(node: MathElement, ctx: Context): string {
  const op = visibleText(node)
  if (ctx.script || op === '') return op
  if (LARGE.has(op)) return op + ' '
  if (node.attrs.get('separator') === 'true' || op === ',' || op === ';') return op + ' '
  const prefix = node.attrs.get('form') === 'prefix'
  const spaced = !prefix && node.attrs.get('fence') !== 'true' && (RELATIONS.has(op) || BINARY.has(op))
  const left = spacing(node.attrs.get('lspace'), spaced)
  const right = spacing(node.attrs.get('rspace'), spaced)
  return (left ? ' ' : '') + op + (right ? ' ' : '')
}

/** Whether an operator side gets a space: temml's explicit lspace/rspace win over our table. */
function spacing(attr: string | undefined, byTable: boolean): boolean {
  if (attr === undefined) return byTable
  return parseFloat(attr) >= 0.15
}

function space(width: string | undefined): string {
  const em = width?.endsWith('em') ? parseFloat(width) : 0
  if (!(em >= 0.15)) return ''
  return em >= 0.9 ? HARD_SPACE.repeat(Math.round(em * 2)) : ' '
}

/** An operand as text, in parentheses unless it reads as one unit (see isUnit). */
function grouped(nodes: MathChild[], ctx: Context, single = false): string {
  const text = children(nodes, ctx).trim()
  return isUnit(nodes, single) ? text : `(${text})`
}

function fraction(node: MathElement, ctx: Context): string {
  const [numerator, denominator] = node.children
  const binomial = /^0/.test(node.attrs.get('linethickness') ?? '')
  if (!numerator || !denominator || binomial) throw new NoUnicodeForm('\\binom')
  // A denominator is one operand (a/2c reads as (a/2)c), except a differential: ∂f/∂x.
  const denominatorText = isDifferential(denominator) ? children([denominator], ctx).trim() : grouped([denominator], ctx, true)
  return `${grouped([numerator], ctx)}/${denominatorText}`
}

function root(node: MathElement, ctx: Context): string {
  const [radicand, index] = node.children
  if (!radicand || !index) throw new NoUnicodeForm('<mroot>')
  const degree = render(index, { ...ctx, script: true }).trim()
  const sign = ROOTS.get(degree) ?? (toSuperscript(degree) ?? `(${degree})`) + '√'
  return sign + grouped([radicand], ctx)
}

function enclosed(node: MathElement, ctx: Context): string {
  const mark = ENCLOSURES.get(node.attrs.get('notation') ?? '')
  if (!mark) throw new NoUnicodeForm(`menclose ${node.attrs.get('notation')}`)
  return [...children(node.children, ctx)].map((ch) => (ch === ' ' ? ch : ch + mark)).join('')
}

function scripted(node: MathElement, ctx: Context): string {
  const [base, first, second] = node.children
  if (!base || !first) throw new NoUnicodeForm(`<${node.name}>`)
  if (node.name === 'mover' && isAccent(first)) return accented(base, first, ctx)
  if ((node.name === 'munder' || node.name === 'mover') && BRACES.has(visibleText(first))) return grouped([base], ctx, true)
  const stacked = node.name === 'munder' || node.name === 'mover' || node.name === 'munderover'
  if (stacked && node.children.length > 3)
    return scripted({ ...node, children: [base, { name: 'mrow', attrs: new Map(), children: node.children.slice(1) }] }, ctx)
  if (stacked && !takesLimits(base)) return stackedAsScripts(node, ctx)
  const scriptCtx = { ...ctx, script: true }
  const [sub, sup] = node.name === 'msup' || node.name === 'mover' ? [undefined, first] : [first, second]
  const subText = sub ? attachScript('sub', render(sub, scriptCtx).trim()) : ''
  const supText = sup ? attachScript('sup', render(sup, scriptCtx).trim()) : ''
  // A fraction raised is raised whole: (x/2)², not x/2².
  const baseText = isFraction(base) ? `(${render(base, ctx).trim()})` : render(base, ctx).trimEnd()
  const large = LARGE.has(baseText.trim())
  return baseText + subText + supText + (large && !ctx.script ? ' ' : '')
}

/**
 * Something set over or under a base that is no operator (`\\overset{def}{=}`, `\\underset{a}{b}`,
 * a brace's label): the base, in parentheses unless one unit, with the scripts after it, as sub-
 * and superscripts are written (`=ᵈᵉᶠ`, `(a + b)_(n terms)`). A relation keeps its spaces.
 */
function stackedAsScripts(node: MathElement, ctx: Context): string {
  const [base, first, second] = node.children as [MathChild, MathChild, MathChild?]
  const [under, over] = node.name === 'mover' ? [undefined, first] : [first, second]
  const scriptCtx = { ...ctx, script: true }
  // On a base that already has scripts or a brace (`\\underbrace{\\gamma_t}_{\\text{seasonal}}`), a
  // label is written out: γₜ_(seasonal), never γₜₛₑₐₛₒₙₐₗ.
  const written = typeof base === 'object' && /^m(sub|sup|subsup|under|over)$/.test(base.name)
  const script = (kind: 'sub' | 'sup', part: MathChild | undefined) => {
    // Only spacing (the room \xrightarrow leaves above its arrow) is no script.
    const text = part ? render(part, scriptCtx).replaceAll(HARD_SPACE, ' ').trim() : ''
    if (!written || text === '') return attachScript(kind, text)
    return (kind === 'sub' ? '_' : '^') + ([...text].length === 1 ? text : `(${text})`)
  }
  const relation = typeof base === 'object' && base.name === 'mo' && RELATIONS.has(visibleText(base))
  const braced = typeof base === 'object' && /^m(under|over)$/.test(base.name) && BRACES.has(visibleText(base.children[1] ?? ''))
  const baseText = relation ? visibleText(base) : braced ? render(base, ctx) : grouped([base], ctx, true)
  const text = baseText + script('sub', under) + script('sup', over)
  return relation && !ctx.script ? ` ${text} ` : text
}

/** Horizontal braces over or under a formula (\\underbrace, \\overbrace): the formula is what counts. */
const BRACES = new Set(['⏟', '⏞', '︸', '︷'])

/** Accents as words, for a base too wide for one combining mark: hat(K(X, Y)), as in `\\widehat`'s reading. */
const ACCENT_NAMES = new Map([
  ['\u0302', 'hat'],
  ['\u0303', 'tilde'],
  ['\u0307', 'dot'],
  ['\u0308', 'ddot'],
  ['\u20d7', 'vec'],
  ['\u030c', 'check'],
  ['\u0301', 'acute'],
  ['\u0300', 'grave'],
  ['\u0306', 'breve'],
  ['\u030a', 'ring'],
])

/**
 * An accent as a combining mark over one character (x̂); over a scripted letter (`\\hat{y_i}`) on the
 * letter, as it is typeset (ŷᵢ); a bar over each character; any other accent over a wider base
 * by its name (hat(K(X, Y))).
 */
function accented(base: MathChild, accent: MathChild, ctx: Context): string {
  const mark = COMBINING_ACCENTS.get(visibleText(accent)) as string
  const chars = [...render(base, ctx).trim()]
  if (chars.length === 1) return chars[0] + mark
  if (mark === '\u0304') return chars.map((ch) => ch + COMBINING_OVERLINE).join('')
  if (
    typeof base === 'object' &&
    /^m(sub|sup|subsup)$/.test(base.name) &&
    base.children[0] !== undefined &&
    [...render(base.children[0], ctx).trim()].length === 1
  ) {
    const [letter, ...scripts] = base.children
    const accentedLetter: MathElement = { name: 'mover', attrs: new Map(), children: [letter, accent] }
    return scripted({ ...base, children: [accentedLetter, ...scripts] }, ctx)
  }
  return `${ACCENT_NAMES.get(mark) ?? 'accent'}(${chars.join('')})`
}

/**
 * Tables not between fences: an equation with a \tag; lines (aligned, gathered, `\\` outside an
 * environment), one per row in display math and `; `-separated inline; a \substack, its rows
 * separated by commas; an array, as a matrix.
 */
function table(node: MathElement, ctx: Context): string {
  const rows = tableCells(node, ctx)
  const [only] = tableRows(node)
  if (ctx.display && rows.length === 1 && only?.attrs.get('class') === 'tml-tageqn') {
    const [, body = '', tag = ''] = rows[0] as string[]
    return `${body}${HARD_SPACE.repeat(4)}${tag}`
  }
  const kind = node.attrs.get('class') ?? ''
  if (/\btml-small\b/.test(kind)) return rows.map((cells) => cells.join(' ')).join(ctx.script ? ',' : ', ')
  const lines = /\btml-jot\b/.test(kind) || node.attrs.get('columnalign') === 'left'
  if (!lines) return matrixRows(rows)
  const text = rows.map((cells) => cells.filter(Boolean).join(' '))
  return text.join(ctx.display ? '\n' : '; ')
}

function tableRows(node: MathElement): MathElement[] {
  return node.children.filter((row): row is MathElement => typeof row === 'object' && row.name === 'mtr')
}

function tableCells(node: MathElement, ctx: Context): string[][] {
  // Runs of spaces are collapsed now, not only at the end, so that columns are measured as printed.
  return tableRows(node).map((row) => row.children.map((cell) => render(cell, ctx).replace(/ {2,}/g, ' ').trim()))
}

/** A matrix on one line: cells separated by spaces, rows by `; ` (`a b; c d`). */
function matrixRows(rows: string[][]): string {
  return rows.map((cells) => cells.join(' ')).join('; ')
}

/**
 * A table between fences: in display math drawn over several lines (math-blocks.ts); inline on
 * one line, a matrix as `[a b; c d]` or `(a b; c d)`, cases as `{1, x > 0; 0, otherwise}`.
 * Null when the row is something else.
 */
function fencedTable(row: MathElement, ctx: Context): string | null {
  const [open, inner, close, ...rest] = row.children
  if (rest.length > 0 || !isFenced(row) || typeof inner !== 'object' || inner.name !== 'mtable') return null
  const before = visibleText(open as MathChild)
  const after = visibleText(close as MathChild)
  const rows = tableCells(inner, { ...ctx, depth: ctx.depth + 1 })
  const cases = before === '{' && after === ''
  if (ctx.display && !ctx.script && rows.length > 1 && !rows.flat().some((cell) => cell.includes('\n'))) {
    return drawTable(rows, before, after, cases)
  }
  // A cell that ends in its own comma (`x, & x > 0`) needs no second one.
  const joinCells = (cells: string[]) =>
    cells.filter(Boolean).reduce((line, cell) => (line === '' ? cell : line + (line.endsWith(',') ? ' ' : ', ') + cell), '')
  if (cases) return `{${rows.map(joinCells).join('; ')}}`
  return before + matrixRows(rows) + after
}

/**
 * `\binom{n}{k}` (temml: a fraction without a bar between parentheses) as `binom(n, k)`, or
 * stacked between tall parentheses in display math.
 */
function binomial(row: MathElement, ctx: Context): string | null {
  const [open, inner, close, ...rest] = row.children
  if (rest.length > 0 || !isFenced(row) || typeof inner !== 'object' || inner.name !== 'mfrac') return null
  if (
    !/^0/.test(inner.attrs.get('linethickness') ?? '') ||
    visibleText(open as MathChild) !== '(' ||
    visibleText(close as MathChild) !== ')'
  )
    return null
  const [n, k] = inner.children
  if (!n || !k) return null
  const inside = { ...ctx, depth: ctx.depth + 1 }
  const [top, bottom] = [render(n, inside).trim(), render(k, inside).trim()]
  if (ctx.display && !ctx.script && !(top + bottom).includes('\n')) return drawTable([[top], [bottom]], '(', ')', false)
  return `binom(${top}, ${bottom})`
}
