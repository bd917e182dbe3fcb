/**
 * Inline markup in metadata made plain text. Crossref titles and venues carry HTML and JATS
 * (`HfO<sub>2</sub>`, `<i>Drosophila</i>`, `<scp>…</scp>`, `<mml:math>` formulas) and entities
 * (`Child Abuse &amp; Neglect`); Zotero and other exports pass them on into BibTeX and JSON.
 * Sub- and superscripts become Unicode where Unicode has the characters (`HfO₂`, `H⁺`) and
 * `_x` / `^x` otherwise; every other known tag is dropped and its text kept.
 *
 * Why a small reader of our own rather than an HTML parser (htmlparser2, parse5): this text is
 * mostly plain, and an HTML parser reads any `<word` as an element, so a title such as
 * "Bounds for x<y and y>z" would lose "y and y". Here only the known inline tags are markup;
 * anything else stays as written. Entities are decoded by the `entities` package, strictly
 * (a name needs its `;`), so "AT&T" stays as it is.
 */
import { lazyRequire } from '../lazy-require.js'

/** HTML's entities (a 50 KB table), loaded with the first text that has an `&`. */
const entities = lazyRequire<typeof import('entities')>('entities')

// HTML and JATS inline elements, and MathML presentation elements: text-level only.
const INLINE = new Set(
  (
    'i b em strong u s small big tt code span font a abbr cite q scp sc sub sup br wbr ' +
    'italic bold underline monospace roman sans-serif overline strike styled-content named-content inline-formula ' +
    'math semantics mrow mi mn mo ms mtext mspace mstyle mpadded mphantom mfenced msub msup msubsup ' +
    'mfrac msqrt mroot mover munder munderover annotation annotation-xml'
  ).split(' '),
)
// Their content is another spelling of what is already shown (MathML's TeX or MathML copy).
const HIDDEN = new Set(['annotation', 'annotation-xml'])
const SCRIPTS = new Set(['sub', 'sup', 'msub', 'msup', 'msubsup'])
// Real titles nest a formula in a few elements; deeper tags are dropped, so hostile nesting cannot exhaust the stack.
const MAX_NESTING = 32
const TAG = /<(\/?)((?:[a-z][\w.-]*:)?([a-z][\w.-]*))((?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*)\s*(\/?)>/gi

const SUBSCRIPTS: ReadonlyMap<string, string> = pairs('0123456789+-−=()aeoxhklmnpstijruv', '₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ')
const SUPERSCRIPTS: ReadonlyMap<string, string> = pairs(
  '0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUW',
  '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁᵂ',
)

function pairs(from: string, to: string): Map<string, string> {
  const targets = [...to]
  return new Map([...from].map((ch, i) => [ch, targets[i]!]))
}

/** An element read from the text: its name and what it holds. */
interface Node {
  name: string
  children: Array<Node | string>
}

/** `text` with inline HTML, JATS and MathML made plain and entities decoded. Text without `<` or `&` is returned as is. */
export function markupToPlainText(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text
  return render(readTree(text))
}

/** The tags of `text` as a tree; unknown tags and stray closers stay text, unclosed elements end with the text. */
function readTree(text: string): Node {
  const root: Node = { name: '', children: [] }
  const open: Node[] = [root]
  let last = 0
  for (const match of text.matchAll(TAG)) {
    const [whole, closing, , local, , selfClosing] = match
    const name = local!.toLowerCase()
    if (!INLINE.has(name)) continue
    const top = open[open.length - 1]!
    if (match.index > last) top.children.push(text.slice(last, match.index))
    last = match.index + whole.length
    if (closing) {
      const at = open.findLastIndex((node) => node.name === name)
      if (at > 0) open.length = at
    } else {
      if (open.length > MAX_NESTING) continue
      const node: Node = { name, children: [] }
      top.children.push(node)
      if (!selfClosing && name !== 'br' && name !== 'wbr') open.push(node)
    }
  }
  if (last < text.length) open[open.length - 1]!.children.push(text.slice(last))
  return root
}

function render(node: Node | string): string {
  if (typeof node === 'string') return node.includes('&') ? entities().decodeHTMLStrict(node) : node
  if (HIDDEN.has(node.name)) return ''
  if (node.name === 'br') return ' '
  if (!SCRIPTS.has(node.name)) return node.children.map(render).join('')
  // MathML's scripts hold their base first: <msub>base script</msub>, <msubsup>base sub sup</msubsup>.
  const parts = node.children.filter((child) => typeof child !== 'string' || child.trim() !== '').map(render)
  switch (node.name) {
    case 'sub':
      return script(parts.join(''), SUBSCRIPTS, '_')
    case 'sup':
      return script(parts.join(''), SUPERSCRIPTS, '^')
    case 'msub':
      return (parts[0] ?? '') + script(parts.slice(1).join(''), SUBSCRIPTS, '_')
    case 'msup':
      return (parts[0] ?? '') + script(parts.slice(1).join(''), SUPERSCRIPTS, '^')
    default:
      return (parts[0] ?? '') + script(parts[1] ?? '', SUBSCRIPTS, '_') + script(parts.slice(2).join(''), SUPERSCRIPTS, '^')
  }
}

/** A script in Unicode when every character has a form, else `_x`, `_{long one}`. */
function script(text: string, forms: ReadonlyMap<string, string>, mark: string): string {
  const plain = text.trim()
  if (plain === '') return ''
  const chars = [...plain]
  if (chars.every((ch) => forms.has(ch))) return chars.map((ch) => forms.get(ch)).join('')
  return chars.length === 1 || /^[\p{L}\p{N}]+$/u.test(plain) ? `${mark}${plain}` : `${mark}{${plain}}`
}
