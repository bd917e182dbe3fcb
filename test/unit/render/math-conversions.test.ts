// MathConversions.renderedWith: what search's snippets are made with, rendered once whether the
// math cache holds their formulas or not, and the same either way.
import { describe, expect, it } from 'vitest'
import { MathConversions } from '../../../src/render/math-conversions.js'
import { formulasIn, renderSnippet, snippetRendering } from '../../../src/render/snippet-rendered.js'
import { MathCache, mathCachePath } from '../../../src/store/math-cache.js'
import { tempDir } from '../../support/context.js'

const TEXT = 'A bound $\\alpha + \\beta$ and $$\\frac{a}{b}$$, then \\(x^2\\) and a price of $5.'

/** Search's snippet of TEXT through `conversions`, with the number of times it was rendered. */
async function rendered(conversions: MathConversions): Promise<{ text: string; renders: number }> {
  let renders = 0
  const render = async () => {
    renders++
    const rendering = await snippetRendering({ papers: [], summaries: [] }, true, conversions.convert)
    return renderSnippet({ text: TEXT, highlights: [] }, rendering).text
  }
  const text = await conversions.renderedWith(formulasIn(TEXT), render)
  conversions.save()
  return { text, renders }
}

describe('MathConversions.renderedWith', () => {
  it('renders once with the cache empty, then warm, and shows the same', async () => {
    const path = mathCachePath(tempDir('precis-math-conversions-'))
    const direct = await rendered(await new MathConversions(null).loadConverter()) // no cache: each formula converted
    const cold = await rendered(new MathConversions(new MathCache(path, 'build-a')))
    const warm = await rendered(new MathConversions(new MathCache(path, 'build-a')))
    expect(direct.text).toContain('α + β')
    expect(direct.text).toContain('x²')
    expect([cold, warm]).toEqual([direct, direct])
    expect(direct.renders).toBe(1)
  })

  it('names each formula of a text once, where the rendering finds it, and nothing that is not one', () => {
    expect(formulasIn(TEXT).map(({ tex, display }) => [tex, display])).toEqual([
      ['\\alpha + \\beta', false],
      ['\\frac{a}{b}', true],
      ['x^2', false],
    ])
    expect(formulasIn('no math, $5 and $6 each')).toEqual([])
  })
})
