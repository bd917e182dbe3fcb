import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { MAX_EMBEDDED_FIGURE_BYTES } from '../../src/command-kit/figure-embedder.js'
import { writeCachedFigure } from '../../src/sources/figure-cache.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir, testContext } from '../support/context.js'
import { PNG_1X1, pngHeader } from '../support/images.js'

const SMALL = 'https://i.imgur.com/small.png'
const BIG = 'https://i.imgur.com/big.png'

async function exported(cache: string): Promise<string> {
  const body = `Results:${SMALL} and ${BIG}`
  const ctx = testContext({
    library: libraryOf([paper({ key: 'gilmer2017neural' })], [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body })]),
    env: { PRECIS_CACHE_DIR: cache },
  })
  expect(await main(['export', '--format', 'html'], ctx)).toBe(0)
  return ctx.stdout()
}

describe('export --format html with figures in the cache', () => {
  it('embeds a cached figure as a data URI, and leaves one past the size limit a link', async () => {
    const cache = tempDir('precis-cache-')
    await writeCachedFigure(cache, SMALL, { bytes: PNG_1X1, info: { kind: 'png', width: 1, height: 1 } })
    const big = Buffer.concat([pngHeader(100, 100), Buffer.alloc(MAX_EMBEDDED_FIGURE_BYTES)])
    await writeCachedFigure(cache, BIG, { bytes: big, info: { kind: 'png', width: 100, height: 100 } })
    const page = await exported(cache)
    expect(page).toContain(`<img class="figure" src="data:image/png;base64,${PNG_1X1.toString('base64')}" alt="Figure 1"><br>`)
    expect(page).toContain(`<a rel="noopener noreferrer" href="${SMALL}" class="image-link">Figure 1</a>`)
    expect(page).toContain(`<a rel="noopener noreferrer" href="${BIG}" class="image-link">Figure 2</a>`)
    expect(page).toContain(' img-src data:;')
  })

  it('with an empty cache, no data: images allowed, each figure its numbered link', async () => {
    const page = await exported(tempDir('precis-cache-'))
    expect(page).not.toContain('data:')
    expect(page).toContain(`href="${SMALL}" class="image-link">Figure 1</a>`)
    expect(page).toContain(`href="${BIG}" class="image-link">Figure 2</a>`)
  })
})
