/**
 * Issue 21's math reproducers (items 15 to 19), rendered as `show` renders a summary body: the
 * formulas are written in the style of ShortScience notes on ML papers (GP kernels, style
 * transfer, batch norm, VAEs).
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/render/markdown.js'

const render = (markdown: string, width = 80) => renderMarkdown(markdown, { width, color: false, hyperlinks: false }).text

describe('math that reads right', () => {
  it.each([
    ['a product in a denominator', 'The kernel is $\\exp(-\\frac{\\|x-x\'\\|^2}{2\\ell^2})$.', 'The kernel is exp(−‖x − x′‖²/(2ℓ²)).'],
    ['two fractions side by side', 'Then ${\\frac12}{\\frac12}$.', 'Then (1/2)(1/2).'],
    ['a letter before a fraction', 'Scale by $\\alpha_{out}\\frac{1}{\\sigma N}$.', 'Scale by αₒᵤₜ 1/(σN).'],
    ['a bare command as a script', 'With $\\tau_\\max$ fixed.', 'With τₘₐₓ fixed.'],
    ['escaped brackets', 'A \\[\\\\\\] pair.', 'A [\\] pair.'],
    ['entities without their semicolon', '- &copy 2024, &nbsp x, &#99999999;', '• &copy 2024, &nbsp x, &#99999999;'],
    ['an underscore in \\text', 'The $\\mathcal{L}_\\text{style_fwd}$ loss.', 'The ℒ_(style_fwd) loss.'],
  ])('%s', (_, markdown, expected) => {
    expect(render(markdown)).toBe(expected)
  })

  it('shows an inline formula over the length limit as written, underscores and all', () => {
    const tex = Array.from({ length: 300 }, (_, i) => `\\mathbf{w}_{${i}}`).join(' + ')
    expect(tex.length).toBeGreaterThan(2000)
    const text = render(`See $${tex}$ here.`)
    expect(text.split('\n').join(' ')).toBe(`See $${tex}$ here.`)
  })
})
