/**
 * Putting math back after Markdown: each placeholder left by protectMath becomes its Unicode
 * text, or its TeX as written (dimmed when colour is on) when it has no faithful Unicode form.
 */
import { MAX_CONVERTED_SPANS } from '../core/markdown/limits.js'
import { texToUnicode, type MathConverter } from './math.js'
import { DISPLAY_PLACEHOLDER, INLINE_PLACEHOLDER, MAX_INLINE_LENGTH, type MathSpan } from '../core/markdown/math-spans.js'
import { BINARY, RELATIONS } from './mathml-kinds.js'
import type { Styles } from './styles.js'
import { NO_BREAK_SPACE } from './wrap.js'

/**
 * The space before a relation or binary operator is made non-breaking, so that wrapped text
 * breaks after operators, as TeX does, and no line starts with `=` or `∼`.
 */
const OPERATOR_CLASS = [...RELATIONS, ...BINARY].join('').replace(/[\]\\^-]/g, '\\$&')
const SPACE_BEFORE_OPERATOR = new RegExp(` (?=[${OPERATOR_CLASS}] )`, 'gu')

const OPENING = new Set([...'([{⟨⌈⌊'])
const CLOSING = new Set([...')]}⟩⌉⌋'])
const BREAK_AFTER = new Set([...BINARY, ',', ';'])
const BREAK_BEFORE_FORBIDDEN = new RegExp(`^[${OPERATOR_CLASS}]$`, 'u')

/**
 * An inline formula as one unbreakable word, except after an operator or comma outside brackets
 * (`a + b`, `x, y`): wrapping never splits `k(𝐱, 𝐱′)` nor leaves `=` at the end of a line, and a
 * formula wider than the line still wraps.
 */
function breakOnlyAtOperators(text: string): string {
  const chars = [...text]
  let depth = 0
  return chars
    .map((ch, i) => {
      if (OPENING.has(ch)) depth++
      else if (CLOSING.has(ch)) depth = Math.max(0, depth - 1)
      if (ch !== ' ') return ch
      const previous = chars[i - 1] ?? ''
      // A spaced operator (` + `, not the star of `x∗ = …`), and no operator next (`a + −b`).
      const spaced = previous === ',' || previous === ';' || chars[i - 2] === ' '
      const breaks = depth === 0 && BREAK_AFTER.has(previous) && spaced && !BREAK_BEFORE_FORBIDDEN.test(chars[i + 1] ?? '')
      return breaks ? ch : NO_BREAK_SPACE
    })
    .join('')
}

/** A piece of a paragraph: running text, or a display formula's lines. */
export type FlowPart = { text: string } | { display: string[] }

/** The math spans of one summary, each converted once, on first use. */
export class MathText {
  private readonly rendered = new Map<number, string>()

  constructor(
    private readonly spans: MathSpan[],
    private readonly styles: Styles,
    private readonly convert: MathConverter = texToUnicode,
  ) {}

  /** `text` with inline math placeholders replaced. */
  inline(text: string): string {
    return text.replace(INLINE_PLACEHOLDER, (_, index: string) => this.render(Number(index)))
  }

  /** `text` with every placeholder replaced, display math kept on the line (headings, cells). */
  flatten(text: string): string {
    return this.inline(text).replace(DISPLAY_PLACEHOLDER, (_, index: string) => this.render(Number(index)).replace(/\n/g, ' '))
  }

  /** Splits a paragraph's text at its display formulas. */
  split(text: string): FlowPart[] {
    const pieces = this.inline(text).split(/\uE002(\d+)\uE001/)
    return pieces.map((piece, i) => (i % 2 === 0 ? { text: piece } : { display: this.render(Number(piece)).split('\n') }))
  }

  private render(index: number): string {
    const known = this.rendered.get(index)
    if (known !== undefined) return known
    const span = this.spans[index]
    if (!span) return ''
    const convertible = index < MAX_CONVERTED_SPANS && (span.display || span.tex.length <= MAX_INLINE_LENGTH)
    const math = convertible ? this.convert(span.tex, span.display) : { text: span.tex, faithful: false }
    const text = !math.faithful
      ? span.source
          .split('\n')
          .map((line) => this.styles.tex(line))
          .join('\n')
      : span.display
        ? // Wide spaces (\quad) would be collapsed by wrapping: make them non-breaking too.
          math.text.replace(SPACE_BEFORE_OPERATOR, NO_BREAK_SPACE).replace(/ {2,}/g, (run) => NO_BREAK_SPACE.repeat(run.length))
        : breakOnlyAtOperators(math.text)
    this.rendered.set(index, text)
    return text
  }
}
