import { describe, expect, it } from 'vitest'
import { markupToPlainText } from '../../../src/core/text/markup.js'

describe('markupToPlainText', () => {
  it.each([
    ['HfO<sub>2</sub> thin films', 'HfO₂ thin films'],
    ['H<sup>+</sup> transport', 'H⁺ transport'],
    ['Ca<sup>2+</sup> and SO<sub>4</sub><sup>2−</sup>', 'Ca²⁺ and SO₄²⁻'],
    ['<i>Drosophila</i> wing discs', 'Drosophila wing discs'],
    ['The <scp>Cas9</scp> system', 'The Cas9 system'],
    ['<jats:italic>E. coli</jats:italic> at <jats:sub>1</jats:sub>', 'E. coli at ₁'],
    ['Child Abuse &amp; Neglect', 'Child Abuse & Neglect'],
    ['a &lt; b &gt; c &quot;d&quot; &#233;t&#xE9;', 'a < b > c "d" été'],
    ['&amp;lt; stays one level', '&lt; stays one level'],
    ['AT&T and R&D; x', 'AT&T and R&D; x'],
    ['T<sub>eff</sub> and T<sub>c</sub>', 'T_eff and T_c'],
    ['x<sub>max pool</sub>', 'x_{max pool}'],
    ['10<sup>th</sup>', '10ᵗʰ'],
    ['<span style="font-variant:small-caps;">Bert</span>', 'Bert'],
    ['Bounds for x<y and y>z', 'Bounds for x<y and y>z'],
    ['a <b c and <CR> and <unknown>tag</unknown>', 'a <b c and <CR> and <unknown>tag</unknown>'],
    ['stray </i> closer and <b>unclosed', 'stray  closer and unclosed'],
    ['line<br/>break', 'line break'],
    [
      'Films of <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:msub><mml:mi>HfO</mml:mi><mml:mn>2</mml:mn></mml:msub></mml:math> grown',
      'Films of HfO₂ grown',
    ],
    [
      '<mml:math><mml:semantics><mml:msup><mml:mi>x</mml:mi><mml:mi>q</mml:mi></mml:msup><mml:annotation encoding="TeX">x^q</mml:annotation></mml:semantics></mml:math>',
      'x^q',
    ],
    ['<math><msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup></math>', 'x₁²'],
    ['plain text', 'plain text'],
  ])('%s → %s', (input, expected) => {
    expect(markupToPlainText(input)).toBe(expected)
  })

  it('reads hostile nesting without exhausting the stack', () => {
    expect(markupToPlainText('<i>'.repeat(100_000) + 'deep' + '</i>'.repeat(100_000))).toBe('deep')
    const scripts = markupToPlainText('<sub>'.repeat(100_000) + 'deep' + '</sub>'.repeat(100_000))
    expect(scripts).toContain('_deep')
    expect(scripts.length).toBeLessThan(200)
  })
})
