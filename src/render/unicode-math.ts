/**
 * Character-level Unicode forms for math text: bold letters, sub/superscripts, combining accents,
 * and the folding of math italic back to plain letters (italic is how math is typeset, but in a
 * terminal plain letters read better and match what people search for).
 */

/** A map from a string of pairs: plain character, then its form. */
function pairs(text: string): Map<string, string> {
  const chars = [...text]
  const map = new Map<string, string>()
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] as string, chars[i + 1] as string)
  return map
}

const SUPERSCRIPTS = pairs(
  '0⁰1¹2²3³4⁴5⁵6⁶7⁷8⁸9⁹+⁺-⁻−⁻=⁼(⁽)⁾' +
    'aᵃbᵇcᶜdᵈeᵉfᶠgᵍhʰiⁱjʲkᵏlˡmᵐnⁿoᵒpᵖrʳsˢtᵗuᵘvᵛwʷxˣyʸzᶻ' +
    'AᴬBᴮDᴰEᴱGᴳHᴴIᴵJᴶKᴷLᴸMᴹNᴺOᴼPᴾRᴿTᵀUᵁVⱽWᵂ' +
    'αᵅβᵝγᵞδᵟεᵋθᶿιᶥφᵠχᵡ⊤ᵀ⊺ᵀ∘°',
)

const SUBSCRIPTS = pairs('0₀1₁2₂3₃4₄5₅6₆7₇8₈9₉+₊-₋−₋=₌(₍)₎' + 'aₐeₑhₕiᵢjⱼkₖlₗmₘnₙoₒpₚrᵣsₛtₜuᵤvᵥxₓ' + 'βᵦγᵧρᵨφᵩχᵪ')

/** Superscript look-alikes that are written on the line as they are (x′, x*, x†). */
const ALREADY_RAISED = new Set(['′', '″', '‴', '*', '∗', '†', '‡'])

/** `text` in Unicode superscript characters, or null when one of them has no such form. */
export function toSuperscript(text: string): string | null {
  let out = ''
  for (const ch of text) {
    const raised = ALREADY_RAISED.has(ch) ? ch : SUPERSCRIPTS.get(ch)
    if (raised === undefined) return null
    out += raised
  }
  return out
}

/** `text` in Unicode subscript characters, or null when one of them has no such form. */
export function toSubscript(text: string): string | null {
  let out = ''
  for (const ch of text) {
    const lowered = SUBSCRIPTS.get(ch)
    if (lowered === undefined) return null
    out += lowered
  }
  return out
}

/**
 * A script written after its base: Unicode sub/superscripts when every character has one (xᵢⱼ,
 * n³), else `_x` for one character and `_(...)` for more. Primes stay on the line (x′²).
 */
export function attachScript(kind: 'sub' | 'sup', text: string): string {
  if (text === '') return ''
  const primes = kind === 'sup' ? (/^[′″‴]*/.exec(text)?.[0] ?? '') : ''
  const rest = text.slice(primes.length)
  if (rest === '') return primes
  const unicode = kind === 'sup' ? toSuperscript(rest) : toSubscript(rest)
  const mark = kind === 'sup' ? '^' : '_'
  return primes + (unicode ?? ([...rest].length === 1 ? mark + rest : `${mark}(${rest})`))
}

// Layout shared by the Greek runs of the Mathematical Alphanumeric Symbols block: 25 capitals
// (Α..Ω with ϴ in the gap at U+03A2), ∇, 25 small letters (α..ω), then ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
const GREEK_RUN = [
  ...Array.from({ length: 25 }, (_, i) => String.fromCodePoint(i === 17 ? 0x3f4 : 0x391 + i)),
  '∇',
  ...Array.from({ length: 25 }, (_, i) => String.fromCodePoint(0x3b1 + i)),
  '∂',
  'ϵ',
  'ϑ',
  'ϰ',
  'ϕ',
  'ϱ',
  'ϖ',
]
const GREEK_INDEX = new Map(GREEK_RUN.map((ch, i) => [ch, i]))

const BOLD_LATIN = 0x1d400
const ITALIC_LATIN = 0x1d434
const BOLD_ITALIC_LATIN = 0x1d468
const BOLD_DIGIT = 0x1d7ce
const BOLD_GREEK = 0x1d6a8
const ITALIC_GREEK = 0x1d6e2
const BOLD_ITALIC_GREEK = 0x1d71c
const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Math italic (and bold italic) letters folded to plain (and bold) ones; other characters unchanged. */
export function foldItalic(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0
  if (ch === 'ℎ') return 'h'
  if (cp >= ITALIC_LATIN && cp < ITALIC_LATIN + 52) return LATIN[cp - ITALIC_LATIN] ?? ch
  if (cp >= BOLD_ITALIC_LATIN && cp < BOLD_ITALIC_LATIN + 52) {
    return String.fromCodePoint(cp - BOLD_ITALIC_LATIN + BOLD_LATIN)
  }
  if (cp >= ITALIC_GREEK && cp < ITALIC_GREEK + 58) return GREEK_RUN[cp - ITALIC_GREEK] ?? ch
  if (cp >= BOLD_ITALIC_GREEK && cp < BOLD_ITALIC_GREEK + 58) {
    return String.fromCodePoint(cp - BOLD_ITALIC_GREEK + BOLD_GREEK)
  }
  if (cp === 0x1d6a4) return 'ı'
  if (cp === 0x1d6a5) return 'ȷ'
  return ch
}

/** The mathematical bold form of a Latin letter, digit or Greek letter; other characters unchanged. */
export function toBold(ch: string): string {
  const plain = foldItalic(ch)
  const latin = LATIN.indexOf(plain)
  if (latin >= 0 && plain.length === 1) return String.fromCodePoint(BOLD_LATIN + latin)
  if (plain >= '0' && plain <= '9' && plain.length === 1) return String.fromCodePoint(BOLD_DIGIT + Number(plain))
  const greek = GREEK_INDEX.get(plain)
  if (greek !== undefined) return String.fromCodePoint(BOLD_GREEK + greek)
  return plain
}

/** Combining marks for the accents temml writes as `<mover>` over a base (\hat, \bar, \vec, ...). */
export const COMBINING_ACCENTS = new Map([
  ['ˆ', '\u0302'],
  ['^', '\u0302'],
  ['‾', '\u0304'],
  ['¯', '\u0304'],
  ['ˉ', '\u0304'],
  ['~', '\u0303'],
  ['˜', '\u0303'],
  ['˙', '\u0307'],
  ['¨', '\u0308'],
  ['→', '\u20d7'],
  ['⃗', '\u20d7'],
  ['ˇ', '\u030c'],
  ['´', '\u0301'],
  ['`', '\u0300'],
  ['˘', '\u0306'],
  ['˚', '\u030a'],
])

/** Combining overline and underline, applied to each character of \overline{..} / \underline{..}. */
export const COMBINING_OVERLINE = '\u0305'
export const COMBINING_UNDERLINE = '\u0332'
