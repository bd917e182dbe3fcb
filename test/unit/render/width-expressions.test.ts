import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../support/context.js'

type Measure = (input: string, truncation?: { limit?: number; ellipsis?: string }) => { width: number; index: number; truncated: boolean }

/** scripts/lazy-expressions.mjs, which the build rewrites fast-string-truncated-width with. */
const rewrite = (await import(pathToFileURL(fileURLToPath(new URL('../../../scripts/lazy-expressions.mjs', import.meta.url))).href)) as {
  withLazyExpressions: (text: string) => string
}

const PACKAGE_FILE = fileURLToPath(import.meta.resolve('fast-string-truncated-width'))

/** The package's measure as installed, and as the build bundles it (beside a copy of the files it imports). */
async function measures(): Promise<[Measure, Measure]> {
  const dir = tempDir()
  copyFileSync(join(dirname(PACKAGE_FILE), 'utils.js'), join(dir, 'utils.js'))
  writeFileSync(join(dir, 'index.mjs'), rewrite.withLazyExpressions(readFileSync(PACKAGE_FILE, 'utf8')))
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
  const installed = (await import(pathToFileURL(PACKAGE_FILE).href)) as { default: Measure }
  const bundled = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { default: Measure }
  return [installed.default, bundled.default]
}

describe('fast-string-truncated-width with its Unicode expressions made at the first measure', () => {
  it('measures every kind of text as the package does, the first measure included', async () => {
    const texts = [
      'e\u0301te\u0301', // combining marks (MODIFIER_RE), measured first: the expressions are made by this call
      'plain ASCII',
      'Gödel, Schrödinger',
      '日本語のテキスト 한국어', // CJKT_WIDE_RE
      '👍🏽 🇫🇷 🏴󠁧󠁢󠁳󠁣󠁴󠁿 1️⃣ 👨‍👩‍👧', // EMOJI_RE
      '\u001b[31mred\u001b[39m\ttab',
      'Σᵢⱼ = 𝔼[xᵢxⱼ] ∇_θ log π_θ(a | s)',
    ]
    const [installed, bundled] = await measures()
    for (const text of texts) {
      expect(bundled(text), text).toEqual(installed(text))
      expect(bundled(text, { limit: 5, ellipsis: '…' }), text).toEqual(installed(text, { limit: 5, ellipsis: '…' }))
    }
  })

  it('refuses a file that no longer reads as expected, rather than bundle it unchanged', () => {
    const text = readFileSync(PACKAGE_FILE, 'utf8')
    expect(() => rewrite.withLazyExpressions(text.replace('const EMOJI_RE', 'const EMOJI'))).toThrow(/fast-string-truncated-width changed/)
    expect(() => rewrite.withLazyExpressions(text.replace('const getStringTruncatedWidth', 'const measure'))).toThrow(
      /fast-string-truncated-width changed/,
    )
  })
})
