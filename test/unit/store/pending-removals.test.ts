import { execFileSync } from 'node:child_process'
import { closeSync, lstatSync, openSync, read, stat, writeFileSync, writeSync } from 'node:fs'
import { access } from 'node:fs/promises'
import { basename, join, sep } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeNewFolder } from '../../../src/formats/export-folder.js'
import { pendingRemovals } from '../../../src/platform/interrupt.js'
import { writeFileDurably } from '../../../src/store/durable-write.js'
import { FileStore } from '../../../src/store/file-store.js'
import { acquireLock } from '../../../src/store/lock.js'
import { smallLibrary, summary } from '../../support/library.js'
import { tempDir } from '../../support/context.js'

/**
 * Ctrl-C removes the files a writer has registered (its lock, its temp files) between two turns of the
 * event loop, then precis dies of the signal. A file an asynchronous call was still making then, on
 * one of libuv's threads, is made after the handler looked for it and is left behind: so a writer
 * makes every registered file by a synchronous call. Here libuv's threads are held and let go one
 * step at a time: at each step, every file call made before it has run and its callback with it,
 * every call made since waits. A registered file missing then is one a Ctrl-C would have left.
 */

/** libuv's threads, each held reading a byte from a named pipe; file calls made meanwhile wait in libuv's queue (first in, first out). */
class HeldThreadPool {
  readonly #fd: number
  #held = 0

  constructor(readonly dir: string) {
    const pipe = join(dir, 'pipe')
    execFileSync('mkfifo', [pipe])
    this.#fd = openSync(pipe, 'r+') // read and write: opening blocks for neither end
    const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4
    for (let i = 0; i < threads; i++) this.#hold()
  }

  #hold(): void {
    this.#held++
    read(this.#fd, Buffer.alloc(1), 0, 1, null, () => this.#held--)
  }

  /** Let one thread run the file calls queued so far, then hold it again; resolves once their callbacks have run. */
  step(): Promise<void> {
    writeSync(this.#fd, 'x')
    const ran = new Promise<void>((resolve) => stat(this.dir, () => resolve())) // queued after them: run, and called back, after them
    this.#hold()
    return ran
  }

  async close(): Promise<void> {
    writeSync(this.#fd, 'x'.repeat(this.#held))
    while (this.#held > 0) await new Promise((resolve) => setImmediate(resolve))
    closeSync(this.#fd)
  }
}

const exists = (path: string) => {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

/** The files registered inside `dir`: this test's (a file that ran before in this worker may have left its own). */
const registeredIn = (dir: string) => pendingRemovals().filter((path) => path.startsWith(dir + sep))

interface Watched {
  /** Every file seen registered at a step (or before the first). */
  registered: string[]
  /** The registered files missing at a step: made by a call still waiting, or never. */
  missing: string[]
}

/** Runs `work` with the thread pool held, step by step, looking for every registered file at each step. */
async function watchRegistered(dir: string, work: () => Promise<unknown>): Promise<Watched> {
  const pool = new HeldThreadPool(dir)
  const registered = new Set<string>()
  const missing = new Set<string>()
  let settled = false
  const running = work().finally(() => (settled = true))
  try {
    for (;;) {
      for (const path of registeredIn(dir)) {
        registered.add(path)
        if (!exists(path)) missing.add(path)
      }
      if (settled) break
      await pool.step()
    }
    await running
  } finally {
    await pool.close()
  }
  return { registered: [...registered].sort(), missing: [...missing] }
}

/** The names of `paths`, with their unique part (process, time, random digits) as "*". */
const shapes = (paths: string[]) =>
  paths.map((path) =>
    basename(path)
      .replace(/(tmp|bak)-.*$/, '$1-*')
      .replace(/[0-9a-f]{8,}/g, '*'),
  )

describe('files removed on Ctrl-C are made before a signal can be handled', () => {
  let dir: string
  beforeEach(() => void (dir = tempDir('precis-pending-')))
  afterEach(() => expect(registeredIn(dir)).toEqual([]))

  it('the library lock', async () => {
    const lock = join(dir, 'library.json.lock')
    const watched = await watchRegistered(dir, async () => {
      const release = await acquireLock(lock, { timeoutMs: 1000, label: 'library.json' })
      await access(dir) // a file call while it is held, as a writer makes
      await release()
    })
    expect(watched).toEqual({ registered: [lock], missing: [] })
    expect(exists(lock)).toBe(false)
  })

  it("a durable write's temp file and the backup's", async () => {
    const file = join(dir, 'library.json')
    writeFileSync(file, 'before')
    const watched = await watchRegistered(dir, () => writeFileDurably(file, ['after']))
    expect(watched.missing).toEqual([])
    expect(shapes(watched.registered).sort()).toEqual(['.library.json.bak-*', '.library.json.tmp-*'])
  })

  it("an export's new folder", async () => {
    const folder = join(dir, 'out')
    // Seen as each file is written: between two files a long export gives the event loop a turn
    // (forEachInterruptible), where a signal is handled.
    const atFiles: Watched[] = []
    const files = ['a.md', 'b.md'].map((name) => ({
      path: join(folder, name),
      content: () => {
        const registered = registeredIn(dir)
        atFiles.push({ registered, missing: registered.filter((path) => !exists(path)) })
        return name
      },
    }))
    const watched = await watchRegistered(dir, () => writeNewFolder(folder, files, () => undefined))
    expect(atFiles.map((at) => shapes(at.registered))).toEqual([['.out.*.tmp'], ['.out.*.tmp']])
    expect(atFiles.flatMap((at) => at.missing)).toEqual([])
    // Never registered while the thread pool works: the folder is renamed into place synchronously (a
    // rename on the pool could land while a signal's handler removes the folder file by file).
    expect(watched).toEqual({ registered: [], missing: [] })
  })

  it('a whole change of the library: its lock, temp file and backup', async () => {
    const file = join(dir, 'library.json')
    writeFileSync(file, JSON.stringify(smallLibrary()))
    const store = new FileStore(file)
    const watched = await watchRegistered(dir, () =>
      store.update((lib) => void lib.summaries.push(summary({ id: 'x1', paper: 'gilmer2017neural' }))),
    )
    expect(watched.missing).toEqual([])
    expect(shapes(watched.registered).sort()).toEqual(['.library.json.bak-*', '.library.json.tmp-*', 'library.json.lock'])
  })
})
