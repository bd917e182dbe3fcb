import { setImmediate as turn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { collectGarbage } from '../../src/platform/collect.js'

describe('collectGarbage', () => {
  it('collects what nothing holds any more, at once, each time it is asked', async () => {
    for (let round = 0; round < 2; round++) {
      const made = (() => new WeakRef(new Array(1 << 16).fill(round)))()
      expect(made.deref()).toBeDefined()
      await turn() // a WeakRef's target is held until the job that made (or last dereferenced) it ends
      collectGarbage()
      expect(made.deref()).toBeUndefined()
    }
  })

  it('hands the pages it freed back to the system before it returns, not once a helper thread sweeps them', async () => {
    const mib = () => process.memoryUsage().rss / 2 ** 20
    const before = mib()
    let held: { n: number; s: string }[] | null = Array.from({ length: 3_000_000 }, (_, n) => ({ n, s: `word ${n}` }))
    const grown = mib() - before
    expect(held).toHaveLength(3_000_000)
    expect(grown).toBeGreaterThan(150) // else the heap did not grow enough to tell
    held = null
    await turn()
    collectGarbage()
    // Most of what the objects took is no longer counted (swept by helper threads, half or more of it still was).
    expect(mib() - before).toBeLessThan(grown / 3)
  })
})
