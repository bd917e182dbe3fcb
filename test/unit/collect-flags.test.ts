// collectGarbage sets V8's --expose-gc to take `gc`: what the rest of the process, and the processes
// it starts, see of that afterwards.
import { execFileSync } from 'node:child_process'
import { Script } from 'node:vm'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { collectGarbage } from '../../src/platform/collect.js'

/** `typeof gc` where precis never set the flag: a process started with it (`NODE_OPTIONS=--expose-gc npm test`) has gc everywhere. */
const STARTED_WITH = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].includes('--expose-gc')
  ? 'function'
  : 'undefined'

/** What `typeof gc` is in a worker thread started now. */
function gcInWorker(): Promise<string> {
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage(typeof gc)", { eval: true })
  return new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))
}

describe('collectGarbage leaves no flag behind', () => {
  it('code caches made before it are still accepted after, and worker threads started after have no gc of it', async () => {
    const source = '(function sum(values) { return values.reduce((a, b) => a + b, 0) })'
    const made = new Script(source, { filename: 'made-before.js' })
    expect((made.runInThisContext() as (values: number[]) => number)([1, 2, 3])).toBe(6)
    const cachedData = made.createCachedData()
    collectGarbage()
    expect(new Script(source, { filename: 'loaded-after.js', cachedData }).cachedDataRejected).toBe(false)
    expect(await gcInWorker()).toBe(STARTED_WITH)
    collectGarbage() // and again, with the gc it took the first time
    expect(await gcInWorker()).toBe(STARTED_WITH)
  })

  it('a child process started after it (as the editor, git or the pager are) has no gc and no flag of it', () => {
    collectGarbage()
    const script = "process.stdout.write([typeof gc, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''].join('|'))"
    const seen = execFileSync(process.execPath, { input: script }) // from its stdin: no arguments of its own
    expect(seen.toString().trim()).toBe(`${STARTED_WITH}||${process.env.NODE_OPTIONS ?? ''}`)
  })
})
