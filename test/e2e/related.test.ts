// `precis related` as a person runs it: the first run reads the library whole (and builds its index),
// the next ones answer from the index and the search postings; every run prints the same.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { connectedLibrary } from '../unit/connected/fixture.js'

describe('precis related', () => {
  it('prints the same from the library read whole, from the index, and after a hand edit', async () => {
    const path = join(tempDir(), 'library.json')
    const cache = tempDir()
    writeFileSync(path, JSON.stringify(connectedLibrary()))
    const run = async (...args: string[]) => {
      const result = await runPrecis(['--library', path, ...args], { env: { PRECIS_CACHE_DIR: cache } })
      expect(result.code, result.stderr).toBe(0)
      return result.stdout
    }
    const runs = async () => [
      await run('related', 'velickovic2018graph'),
      await run('--json', 'related', 'snoek2012practical', '--limit', '2'),
    ]
    const first = await runs()
    expect(first[0]).toMatch(/^kipf2017semi\t0\.\d{3}\t2017\t.*cited by velickovic2018graph/)
    expect(JSON.parse(first[1]!)).toHaveLength(2)
    expect(await runs()).toEqual(first)
    expect(await runs()).toEqual(first)
    // A hand edit: the index is stale and built again, the postings updated; the answers follow the edit.
    const edited = connectedLibrary()
    edited.summaries.find((s) => s.paper === 'kipf2017semi')!.tags = []
    writeFileSync(path, JSON.stringify(edited, null, 2))
    const after = await runs()
    expect(after[0]).not.toEqual(first[0])
    expect(await runs()).toEqual(after)
  })
})
