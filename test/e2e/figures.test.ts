import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir } from '../support/context.js'
import { runPrecis } from '../support/cli.js'
import { PNG_1X1 } from '../support/images.js'

let server: TestServer | undefined
afterEach(async () => server?.close())

describe('figures and show (spawned)', () => {
  it('figures --download caches a served figure; show into a pipe writes no escape in kitty, whatever --images says', async () => {
    server = await startServer(() => ({ body: PNG_1X1, headers: { 'content-type': 'image/png' } }))
    const body = `Results:${server.origin}/fig.png\n`
    const library = join(tempDir(), 'library.json')
    writeFileSync(
      library,
      JSON.stringify(
        libraryOf([paper({ key: 'gilmer2017neural' })], [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body })]),
      ),
    )
    const env = { PRECIS_CACHE_DIR: tempDir('precis-cache-'), TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1' }

    const download = await runPrecis(['--library', library, 'figures', 'gilmer', '--download'], { env })
    expect(download.stderr).toBe('')
    expect(download.stdout).toBe(`gilmer2017neural\n  [1] ${server.origin}/fig.png  (cached)\n`)
    expect(download.code).toBe(0)

    for (const images of ['kitty', 'sixel', 'iterm', 'auto']) {
      const shown = await runPrecis(['--library', library, 'show', 'gilmer', '--images', images], { env })
      expect(shown.code).toBe(0)
      expect(shown.stdout).toContain('Results: [fig 1]')
      expect(shown.stdout).not.toContain('\x1b')
    }
    expect(server.requests).toHaveLength(1) // show never fetches
  })
})
