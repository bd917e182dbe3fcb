/**
 * What kind of thing a MathML node is, for laying it out as one line of text: which operators
 * are spaced, what reads as a single operand (so a/b needs no parentheses), which bases take
 * limits, which overscripts are accents, and where TeX's spacing must become a real space.
 */
import { type MathChild, type MathElement, textContent } from './mathml.js'
import { COMBINING_ACCENTS } from './unicode-math.js'

/** Relations and binary operators get a space on each side (outside scripts). */
export const RELATIONS = new Set([...'=≠<>≤≥≦≧≪≫≈≃≅≡≢∼≁∝≺≻⪯⪰∈∉∋∌⊂⊃⊆⊇⊄⊅⊊⊋⊏⊐⊑⊒', ...'→←↔⇒⇐⇔⟹⟸⟺↦⟶⟵⟷⟼↪↩⇝↑↓⊥⟂∥∦∣∤⊢⊣⊨≔≕≜≐≍≲≳≟⋘⋙'])
export const BINARY = new Set([...'+−±∓×÷⋅·∘∪∩∧∨⊕⊗⊙⊖⊘∖⋆∗⊎⊓⊔⋄⊞⊠≀⊻'])
/** Large operators: their scripts are limits, and a space follows them. */
export const LARGE = new Set([...'∑∏∐∫∬∭∮∯∰⋃⋂⋁⋀⨁⨂⨀⨄⨆'])

/** Function application, invisible times/separator/plus, and variation selectors. */
const INVISIBLE = /[\u2061-\u2064]|\ufe0e|\ufe0f/g

/** The text of a node without invisible operators. */
export function visibleText(node: MathChild): string {
  return textContent(node).replace(INVISIBLE, '')
}

/** Reads as one operand: x, 2, xᵢ, (a+b), √x, and juxtapositions of those like 2x or ∂f. */
export function isAtomic(node: MathChild): boolean {
  if (typeof node === 'string') return true
  switch (node.name) {
    case 'mi':
    case 'mn':
    case 'mspace':
      return true
    case 'mtext':
      return !/\s/.test(textContent(node).trim())
    case 'msqrt':
    case 'mroot':
      return true // √(…) carries its own parentheses
    case 'mstyle':
    case 'mpadded':
      return node.children.every(isAtomic)
    case 'mrow':
      return isFenced(node) || isBarred(node) || node.children.every(isAtomic)
    case 'msub':
    case 'msup':
    case 'msubsup':
    case 'mover':
    case 'munder':
      return node.children[0] !== undefined && isAtomic(node.children[0])
    default:
      return false
  }
}

/** A row opened and closed by fences: (…), […], |…|. */
export function isFenced(row: MathElement): boolean {
  const first = row.children[0]
  const last = row.children[row.children.length - 1]
  return (
    row.children.length >= 2 &&
    typeof first === 'object' &&
    typeof last === 'object' &&
    first.attrs.get('fence') === 'true' &&
    last.attrs.get('fence') === 'true'
  )
}

/**
 * A row between bars written without \\left/\\right: |x − y|, ‖𝐱 − 𝐱′‖² (its last bar scripted);
 * not `|v| + |s|`, whose first and last bars belong to different pairs.
 */
function isBarred(row: MathElement): boolean {
  const first = row.children[0]
  let last = row.children[row.children.length - 1]
  if (typeof last === 'object' && (last.name === 'msup' || last.name === 'msub')) last = last.children[0]
  const bar = first === undefined ? '' : visibleText(first)
  const inner = row.children.slice(1, -1)
  return (
    row.children.length >= 3 &&
    /^[|‖]$/.test(bar) &&
    last !== undefined &&
    visibleText(last) === bar &&
    !inner.some((node) => visibleText(node) === bar)
  )
}

/**
 * Whether operands can go without parentheses. With `single`, only one unit may (√x but √(2π));
 * otherwise juxtapositions may too (2x/3 for a fraction).
 */
export function isUnit(nodes: MathChild[], single: boolean): boolean {
  const visible = nodes.filter((node) => typeof node === 'string' || node.name !== 'mspace')
  const [only] = visible
  if (visible.length === 0) return true
  if (!single) return visible.every(isAtomic)
  if (visible.length > 1 || !only) return false
  if (typeof only === 'object' && only.name === 'mrow' && (isBarred(only) || isApplication(only))) return true
  return typeof only === 'object' && (only.name === 'mrow' || only.name === 'mstyle') && !isFenced(only)
    ? isUnit(only.children, true)
    : isAtomic(only)
}

/**
 * An upright capital Greek letter applied to one bracketed argument list, `Γ(ν)`, `Φ(x)`: one
 * operand, as `|B|` is. Not an italic letter: `c(c − 1)` and `N(N − 1)` are products as often as
 * `P(x)` is an application, and keep their parentheses.
 */
function isApplication(row: MathElement): boolean {
  const [head, argument, ...others] = row.children
  if (
    others.length === 0 &&
    typeof head === 'object' &&
    typeof argument === 'object' &&
    argument.name === 'mrow' &&
    isFenced(argument) &&
    visibleText(argument).startsWith('(') &&
    isUprightCapital(head)
  )
    return true // Γ(ν)
  const [name, open, ...rest] = row.children
  const close = rest[rest.length - 1]
  if (name === undefined || open === undefined || close === undefined || typeof name === 'string' || name.name !== 'mi') return false
  if (!isUprightCapital(name)) return false
  if (visibleText(open) !== '(' || visibleText(close) !== ')') return false
  let depth = 1
  for (const node of rest.slice(0, -1)) {
    const text = visibleText(node)
    if (text === '(') depth++
    else if (text === ')' && --depth === 0) return false
  }
  return depth === 1
}

/** A fraction, alone or as the only thing in a group (`{\\frac12}`). */
export function isFraction(node: MathChild): boolean {
  if (typeof node === 'string') return false
  if (node.name === 'mfrac') return !/^0/.test(node.attrs.get('linethickness') ?? '')
  const visible = node.children.filter((child) => typeof child === 'string' || child.name !== 'mspace')
  return (node.name === 'mrow' || node.name === 'mstyle') && visible.length === 1 && isFraction(visible[0] as MathChild)
}

/** `∂x`, `∂x²`, `dx`, `d𝐱` in a denominator: a differential, read as one operand. */
export function isDifferential(node: MathChild): boolean {
  if (typeof node === 'string' || node.name !== 'mrow') return false
  const [head, variable, ...rest] = node.children
  return (
    rest.length === 0 &&
    head !== undefined &&
    variable !== undefined &&
    /^[∂d]$/.test(visibleText(head)) &&
    isAtomic(variable) &&
    visibleText(variable).length <= 2
  )
}

/** An operator name such as log, exp, max (alone or as the head of temml's \log row). */
export function isFunctionName(node: MathChild): boolean {
  if (typeof node === 'string') return false
  if (node.name === 'mi') return /^[A-Za-z]{2,}$/.test(textContent(node))
  // temml's \\log after an operand is a row of a space, the name, function application, a space.
  const head = node.children.find((child) => typeof child === 'string' || child.name !== 'mspace')
  return node.name === 'mrow' && head !== undefined && isFunctionName(head)
}

/** Bases whose under/over scripts are limits: ∑, ∫, lim, max, argmin, `\\operatorname{arg\\,min}`... */
export function takesLimits(base: MathChild): boolean {
  const text = visibleText(base).trim()
  if (LARGE.has(text)) return true
  return typeof base === 'object' && base.name !== 'mtext' && /^[A-Za-z]{2,}(?:\s+[A-Za-z]+)*$/.test(text)
}

/** An overscript that is an accent with a combining form (\hat, \bar, \vec, ...). */
export function isAccent(node: MathChild): boolean {
  return typeof node === 'object' && node.name === 'mo' && COMBINING_ACCENTS.has(visibleText(node))
}

function isUprightCapital(node: MathElement): boolean {
  const letter = node.name === 'mrow' ? node.children[0] : node
  return (
    typeof letter === 'object' &&
    letter.name === 'mi' &&
    letter.attrs.get('mathvariant') === 'normal' &&
    /^\p{Lu}$/u.test(visibleText(letter))
  )
}

/** A row's only element (temml wraps `\\underset` in one), or the node itself. */
function onlyChild(node: MathChild): MathChild {
  return typeof node === 'object' && node.name === 'mrow' && node.children.length === 1 ? onlyChild(node.children[0] as MathChild) : node
}

/** Constructs whose last operand would run into a following letter: a/b x, √2 x. */
const OPEN_ENDED = new Set(['mfrac', 'msqrt', 'mroot'])
const STARTS_OPERAND = /^[\p{L}\p{N}∇∂]/u
/** What a fraction is set apart from, or it would read as its denominator: 1/n ∑ᵢ, 1/2 ‖w‖². */
const AFTER_FRACTION = new RegExp(`^[\\p{L}\\p{N}∇∂√|‖⟨${[...LARGE].join('')}]`, 'u')
const ENDS_OPERAND = /[\p{L}\p{N}′″∗*⁾₎)\]}⟩|‖]$/u

/**
 * Spaces TeX's layout implies but the text would lose: `\frac{1}{N}\ell` is "1/N ℓ", not
 * "1/Nℓ"; `\alpha_y\nabla` is "α_y ∇", not "α_y∇" (is the script y∇?); `\sigma^2\exp` is
 * "σ² exp", as operator names are set apart from what precedes them.
 */
export function needsSpace(before: string, previous: MathChild | undefined, node: MathChild, text: string): boolean {
  if (typeof previous === 'object' && isFraction(previous) && AFTER_FRACTION.test(text)) return true
  if (typeof previous === 'object' && OPEN_ENDED.has(previous.name) && STARTS_OPERAND.test(text)) return true
  // Limits under a name before a norm: arg min_w ‖y − Xw‖, not arg min_w‖y − Xw‖.
  const limits = previous === undefined ? undefined : onlyChild(previous)
  if (
    typeof limits === 'object' &&
    /^m(under|sub)$/.test(limits.name) &&
    limits.children[0] !== undefined &&
    takesLimits(limits.children[0]) &&
    /^[|‖]/.test(text)
  )
    return true
  // A script written out (`_y`), not an underscore in a name (`n\_features`).
  if (
    typeof previous === 'object' &&
    /^m(sub|sup|subsup)$/.test(previous.name) &&
    /[_^][^\s()]$/u.test(before) &&
    STARTS_OPERAND.test(text)
  )
    return true
  if (isFraction(node) && ENDS_OPERAND.test(before)) return true // αₒᵤₜ 1/σ, not αₒᵤₜ1/σ
  return isFunctionName(node) && ENDS_OPERAND.test(before)
}
