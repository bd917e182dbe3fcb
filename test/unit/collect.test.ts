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
})
