/**
 * Golden files: Markdown in test/fixtures/render/*.md and each paper of the demo library,
 * rendered at width 80 with colour and hyperlinks off, compared byte for byte with the .txt next
 * to it. `UPDATE_GOLDEN=1 npx vitest run test/unit/render/golden.test.ts` rewrites them; read the
 * diff before committing it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { renderPaper, renderSummaryBody } from '../../../src/render/show.js'

const FIXTURES = fileURLToPath(new URL('../../fixtures/render/', import.meta.url))
const DEMO = fileURLToPath(new URL('../../../data/demo-library.json', import.meta.url))
const OPTIONS = { width: 80, color: false, hyperlinks: false }

function expectGolden(name: string, rendered: string): void {
  const path = join(FIXTURES, name)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, rendered)
  expect(rendered).toBe(readFileSync(path, 'utf8'))
}

describe('golden renderings at width 80, colour off', () => {
  const markdownFiles = readdirSync(FIXTURES).filter((name) => name.endsWith('.md'))

  it('has fixtures to compare', () => {
    expect(markdownFiles.length).toBeGreaterThanOrEqual(5)
  })

  it.each(markdownFiles)('%s', (name) => {
    const markdown = readFileSync(join(FIXTURES, name), 'utf8')
    expectGolden(name.replace(/\.md$/, '.txt'), renderSummaryBody(markdown, OPTIONS) + '\n')
  })

  const library = JSON.parse(readFileSync(DEMO, 'utf8')) as Library
  it.each(library.papers.map((paper) => [paper.key, paper] as const))('demo paper %s', (key, paper) => {
    const summaries = library.summaries.filter((summary) => summary.paper === key)
    expectGolden(`demo-${key}.txt`, renderPaper(paper, summaries, OPTIONS))
  })
})
