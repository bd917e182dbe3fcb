/**
 * MathML (as temml writes it) flattened to one line of Unicode text: scripts become Unicode
 * sub/superscripts where every character has one, fractions become a/b, roots √x, accents
 * combining marks. A construct with no faithful linear form (matrices, braces, \binom, \cancel...)
 * throws NoUnicodeForm so the caller can show the TeX instead of a misleading approximation.
 */
import { type MathChild, type MathElement, textContent } from './mathml.js'
import {
  COMBINING_ACCENTS, COMBINING_OVERLINE, COMBINING_UNDERLINE, foldItalic, toBold, toSubscript, toSuperscript,
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
/** A space that survives the final collapsing of runs of spaces (\quad, \qquad). */
const HARD_SPACE = '\uE010'
const INVISIBLE = /[\u2061-\u2064\ufe0e\ufe0f]/g

export const RELATIONS = new Set([...'=≠<>≤≥≦≧≪≫≈≃≅≡≢∼≁∝≺≻⪯⪰∈∉∋∌⊂⊃⊆⊇⊄⊅⊊⊋⊏⊐⊑⊒→←↔⇒⇐⇔⟹⟸⟺↦⟶⟵⟷⟼↪↩⇝↑↓⊥⟂∥∦∣∤⊢⊣⊨≔≕≜≐≍≲≳≟≺≻⋘⋙'])
export const BINARY = new Set([...'+−±∓×÷⋅·∘∪∩∧∨⊕⊗⊙⊖⊘∖⋆∗⊎⊓⊔⋄⊞⊠≀⊻'])
const LARGE = new Set([...'∑∏∐∫∬∭∮∯∰⋃⋂⋁⋀⨁⨂⨀⨄⨆'])
const SCRIPTS = new Set(['msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover'])
const ROOTS = new Map([['2', '√'], ['3', '∛'], ['4', '∜']])

/** The Unicode text of a parsed `<math>` element; throws NoUnicodeForm when there is none. */
export function mathmlToText(math: MathElement, display: boolean): string {
  const text = children(math.children, { script: false, bold: false, display, depth: 0 })
  return text.split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim().replaceAll(HARD_SPACE, ' '))
    .join('\n')
}

function children(nodes: MathChild[], ctx: Context): string {
  let out = ''
  nodes.forEach((node, i) => {
    const text = render(node, ctx)
    if (needsSpace(out, nodes[i - 1], node, text)) out += ' '
    out += text
  })
  return out
}

/** Constructs whose last operand would run into a following letter: a/b x, √2 x. */
const OPEN_ENDED = new Set(['mfrac', 'msqrt', 'mroot'])
const STARTS_OPERAND = /^[\p{L}\p{N}∇∂]/u

/**
 * Spaces TeX's layout implies but the text would lose: `\frac{1}{N}\ell` is "1/N ℓ", not
 * "1/Nℓ"; `\alpha_y\nabla` is "α_y ∇", not "α_y∇" (is the script y∇?); `\sigma^2\exp` is
 * "σ² exp", as operator names are set apart from what precedes them.
 */
function needsSpace(out: string, previous: MathChild | undefined, node: MathChild, text: string): boolean {
  if (typeof previous === 'object' && OPEN_ENDED.has(previous.name) && STARTS_OPERAND.test(text)) return true
  if (/[_^][^\s()]$/u.test(out) && STARTS_OPERAND.test(text)) return true
  return isFunctionName(node) && /[\p{L}\p{N}′″)\]}⟩|‖]$/u.test(out)
}

function isFunctionName(node: MathChild): boolean {
  if (typeof node === 'string') return false
  if (node.name === 'mi') return /^[A-Za-z]{2,}$/.test(textContent(node))
  return node.name === 'mrow' && node.children[0] !== undefined && isFunctionName(node.children[0])
}

function render(node: MathChild, ctx: Context): string {
  if (typeof node === 'string') return node
  if (ctx.depth > MAX_DEPTH) throw new NoUnicodeForm('nested too deeply')
  const inner = { ...ctx, depth: ctx.depth + 1 }
  switch (node.name) {
    case 'math': case 'mrow': case 'mpadded': case 'mtd':
      return children(node.children, inner)
    case 'mstyle':
      return children(node.children, { ...inner, bold: inner.bold || /font-weight:\s*bold/.test(node.attrs.get('style') ?? '') })
    case 'semantics':
      return node.children[0] ? render(node.children[0], inner) : ''
    case 'mi': case 'mn': case 'mtext': case 'ms':
      return letters(textContent(node), inner.bold || /bold/.test(node.attrs.get('mathvariant') ?? ''))
    case 'mo':
      return operator(node, inner)
    case 'mspace':
      return space(node.attrs.get('width'))
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

function letters(text: string, bold: boolean): string {
  const plain = text.replace(INVISIBLE, '').replace(/\u00a0/g, ' ') // temml writes \text spaces as NBSP
  return [...plain].map(bold ? toBold : foldItalic).join('')
}

function operator(node: MathElement, ctx: Context): string {
  const op = textContent(node).replace(INVISIBLE, '')
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

/**
 * An operand as text, in parentheses unless it reads as one unit (x, 2, xᵢ, (a+b), √x, and for
 * fractions also juxtapositions like 2x or ∂f). Under a root only a single unit goes bare: √x but √(2π).
 */
function grouped(nodes: MathChild[], ctx: Context, single = false): string {
  const text = children(nodes, ctx).trim()
  return isUnit(nodes, single) ? text : `(${text})`
}

function isUnit(nodes: MathChild[], single: boolean): boolean {
  const visible = nodes.filter((node) => typeof node === 'string' || node.name !== 'mspace')
  const [only] = visible
  if (visible.length === 0) return true
  if (!single) return visible.every(isAtomic)
  if (visible.length > 1 || !only) return false
  return typeof only === 'object' && (only.name === 'mrow' || only.name === 'mstyle') && !isFenced(only)
    ? isUnit(only.children, true)
    : isAtomic(only)
}

function isAtomic(node: MathChild): boolean {
  if (typeof node === 'string') return true
  switch (node.name) {
    case 'mi': case 'mn': return true
    case 'mtext': return !/\s/.test(textContent(node).trim())
    case 'mspace': return true
    case 'mstyle': case 'mpadded': case 'msqrt': return node.children.every(isAtomic)
    case 'mrow': return isFenced(node) || node.children.every(isAtomic)
    case 'msub': case 'msup': case 'msubsup': case 'mover': return node.children[0] !== undefined && isAtomic(node.children[0])
    default: return false
  }
}

function isFenced(row: MathElement): boolean {
  const first = row.children[0]
  const last = row.children[row.children.length - 1]
  return row.children.length >= 2 && typeof first === 'object' && typeof last === 'object' &&
    first.attrs.get('fence') === 'true' && last.attrs.get('fence') === 'true'
}

function fraction(node: MathElement, ctx: Context): string {
  const [numerator, denominator] = node.children
  if (!numerator || !denominator || /^0/.test(node.attrs.get('linethickness') ?? '')) throw new NoUnicodeForm('\\binom')
  return `${grouped([numerator], ctx)}/${grouped([denominator], ctx)}`
}

function root(node: MathElement, ctx: Context): string {
  const [radicand, index] = node.children
  if (!radicand || !index) throw new NoUnicodeForm('<mroot>')
  const degree = render(index, { ...ctx, script: true }).trim()
  const sign = ROOTS.get(degree) ?? (toSuperscript(degree) ?? `(${degree})`) + '√'
  return sign + grouped([radicand], ctx)
}

function enclosed(node: MathElement, ctx: Context): string {
  const mark = new Map([['top', COMBINING_OVERLINE], ['bottom', COMBINING_UNDERLINE]]).get(node.attrs.get('notation') ?? '')
  if (!mark) throw new NoUnicodeForm(`menclose ${node.attrs.get('notation')}`)
  return [...children(node.children, ctx)].map((ch) => (ch === ' ' ? ch : ch + mark)).join('')
}

function scripted(node: MathElement, ctx: Context): string {
  const [base, first, second] = node.children
  if (!base || !first) throw new NoUnicodeForm(`<${node.name}>`)
  if (node.name === 'mover' && isAccent(first)) return accented(base, first, ctx)
  if ((node.name === 'munder' || node.name === 'mover' || node.name === 'munderover') && !takesLimits(base)) {
    throw new NoUnicodeForm(`<${node.name}> over ${textContent(base)}`)
  }
  const scriptCtx = { ...ctx, script: true }
  const [sub, sup] = node.name === 'msup' || node.name === 'mover' ? [undefined, first] : [first, second]
  const subText = sub ? attach('sub', render(sub, scriptCtx).trim()) : ''
  const supText = sup ? attach('sup', render(sup, scriptCtx).trim()) : ''
  const baseText = render(base, ctx).trimEnd()
  const large = LARGE.has(baseText.trim())
  return baseText + subText + supText + (large && !ctx.script ? ' ' : '')
}

/** A script written after its base: Unicode sub/superscripts when all exist, else _x or _(...). */
function attach(kind: 'sub' | 'sup', text: string): string {
  if (text === '') return ''
  const primes = kind === 'sup' ? /^[′″‴]*/.exec(text)?.[0] ?? '' : ''
  const rest = text.slice(primes.length)
  if (rest === '') return primes
  const unicode = kind === 'sup' ? toSuperscript(rest) : toSubscript(rest)
  const mark = kind === 'sup' ? '^' : '_'
  return primes + (unicode ?? ([...rest].length === 1 ? mark + rest : `${mark}(${rest})`))
}

/** Bases whose under/over scripts are limits: ∑, ∫, lim, max, argmin... */
function takesLimits(base: MathChild): boolean {
  const text = textContent(base).replace(INVISIBLE, '').trim()
  return LARGE.has(text) || (typeof base === 'object' && base.name === 'mi' && /^[A-Za-z]{2,}$/.test(text))
}

function isAccent(node: MathChild): boolean {
  return typeof node === 'object' && node.name === 'mo' && COMBINING_ACCENTS.has(textContent(node).replace(INVISIBLE, ''))
}

function accented(base: MathChild, accent: MathChild, ctx: Context): string {
  const mark = COMBINING_ACCENTS.get(textContent(accent).replace(INVISIBLE, '')) as string
  const chars = [...render(base, ctx).trim()]
  if (chars.length === 1) return chars[0] + mark
  if (mark === '\u0304') return chars.map((ch) => ch + COMBINING_OVERLINE).join('')
  throw new NoUnicodeForm('wide accent')
}

/** Display-only tables: an equation with a \tag, or aligned/gathered lines (one per row). */
function table(node: MathElement, ctx: Context): string {
  const rows = node.children.filter((row): row is MathElement => typeof row === 'object' && row.name === 'mtr')
  const cells = (row: MathElement) => row.children.map((cell) => render(cell, ctx).trim())
  const [only] = rows
  if (ctx.display && rows.length === 1 && only?.attrs.get('class') === 'tml-tageqn') {
    const [, body = '', tag = ''] = cells(only)
    return `${body}${HARD_SPACE.repeat(4)}${tag}`
  }
  if (!ctx.display || !/\btml-jot\b/.test(node.attrs.get('class') ?? '')) throw new NoUnicodeForm('matrix')
  return rows.map((row) => cells(row).filter(Boolean).join(' ')).join('\n')
}
