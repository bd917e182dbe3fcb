/**
 * Issue 21's math reproducers (items 15 to 19), rendered as `show` renders a summary body: the
 * formulas are written in the style of ShortScience notes on ML papers (GP kernels, style
 * transfer, batch norm, VAEs).
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/render/markdown.js'
import { displayWidth } from '../../src/render/wrap.js'

const render = (markdown: string, width = 80) => renderMarkdown(markdown, { width, color: false, hyperlinks: false }).text

describe('math that reads right', () => {
  it.each([
    ['a product in a denominator', "The kernel is $\\exp(-\\frac{\\|x-x'\\|^2}{2\\ell^2})$.", 'The kernel is exp(−‖x − x′‖²/(2ℓ²)).'],
    ['two fractions side by side', 'Then ${\\frac12}{\\frac12}$.', 'Then (1/2)(1/2).'],
    ['a letter before a fraction', 'Scale by $\\alpha_{out}\\frac{1}{\\sigma N}$.', 'Scale by αₒᵤₜ 1/(σN).'],
    ['a bare command as a script', 'With $\\tau_\\max$ fixed.', 'With τₘₐₓ fixed.'],
    ['escaped brackets', 'A \\[\\\\\\] pair.', 'A [\\] pair.'],
    ['entities without their semicolon', '- &copy 2024, &nbsp x, &#99999999;', '• &copy 2024, &nbsp x, &#99999999;'],
    ['an underscore in \\text', 'The $\\mathcal{L}_\\text{style_fwd}$ loss.', 'The ℒ_(style_fwd) loss.'],
  ])('%s', (_, markdown, expected) => {
    expect(render(markdown)).toBe(expected)
  })

  it('never breaks an inline formula inside brackets or after =', () => {
    const text = render(
      "The kernel matrix entries are $k_D(\\pmb{x}, \\pmb{x}')$ and the vector $[f(\\pmb{x}_1), \\dots, f(\\pmb{x}_n)]^\\top$ here, where $y = f(x)$.",
      40,
    )
    expect(text).toBe('The kernel matrix entries are k_D(𝐱, 𝐱′)\nand the vector [f(𝐱₁), …, f(𝐱ₙ)]ᵀ here,\nwhere y = f(x).')
  })

  it('wraps a formula wider than the line at its top-level operators', () => {
    const text = render('so $L = a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 + a_9 + b$ here', 24)
    expect(text).toBe('so L = a₁ + a₂ + a₃ +\na₄ + a₅ + a₆ + a₇ + a₈ +\na₉ + b here')
  })

  it('draws a display matrix in two dimensions and puts rows split by \\\\ on lines of their own', () => {
    const text = render(
      '$$\\mathbf{W} = \\begin{bmatrix}w_{11} & w_{12}\\\\ w_{21} & w_{22}\\end{bmatrix}$$\n\n$$W_0 = \\alpha \\\\ W_1 = \\beta$$',
      40,
    )
    expect(text.split('\n').map((line) => line.trim())).toEqual(['𝐖 = ⎡ w₁₁  w₁₂ ⎤', '⎣ w₂₁  w₂₂ ⎦', '', 'W₀ = α', 'W₁ = β'])
    const [first = '', second = ''] = text.split('\n')
    expect(displayWidth(second.slice(0, second.indexOf('⎣')))).toBe(displayWidth(first.slice(0, first.indexOf('⎡'))))
  })

  it('shows an inline formula over the length limit as written, underscores and all', () => {
    const tex = Array.from({ length: 300 }, (_, i) => `\\mathbf{w}_{${i}}`).join(' + ')
    expect(tex.length).toBeGreaterThan(2000)
    const text = render(`See $${tex}$ here.`)
    expect(text.split('\n').join(' ')).toBe(`See $${tex}$ here.`)
  })
})
