/**
 * browse's settled lists, searched in a worker thread: a search takes up to a few hundred
 * milliseconds of CPU at 100,000 summaries, and on the thread that reads the keys it would hold
 * every key typed meanwhile (and the list drawn at once for it) until it ended. The worker opens the
 * library as the command's store does (its path and index folder) and keeps a BrowseSearch for the
 * whole run; the main thread sends each text typed and takes back the result, records and snippets
 * included (a few hundred kilobytes, copied), with the library's latest typo decisions
 * (BrowseAnswer). Only the text typed last is searched: one search at a time, and a text typed while
 * one runs replaces any still waiting (whose answer is then null).
 *
 * The worker runs this very file: built, it is a module of dist/ whose code, run in a worker, starts
 * serving (the check at the end). From the TypeScript sources (the tests) there is no such file to
 * run, and browse searches on its own thread (`searchWorkerFor` is null) unless given another
 * script (the tests', which fail).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import type { Query } from '../core/search/query.js'
import type { SearchOptions } from '../core/search/search.js'
import { FileStore } from './file-store.js'
import { BrowseSearch, type BrowseAnswer } from './search-reads.js'
import type { Store } from './store.js'

/** What the worker is started with: which library, with its index where. */
interface Opening {
  precisBrowseWorker: true
  path: string
  cacheDir: string
}

type Reply = { id: number; answer: BrowseAnswer } | { id: number; error: string } | { note: string }

/** The searches of a worker thread, for one library. */
export class SearchWorker {
  private readonly worker: Worker
  private next = 1
  /** The search running, and the one waiting to run after it (a later text replaces it). */
  private running: { id: number; resolve: (answer: BrowseAnswer | null) => void; reject: (error: Error) => void } | null = null
  private waiting: {
    query: Query
    options: SearchOptions
    resolve: (answer: BrowseAnswer | null) => void
    reject: (error: Error) => void
  } | null = null
  private failed: Error | null = null

  /** `script`: the module the thread runs, given what it is started with (`Opening`) as its workerData. */
  constructor(script: URL, opening: Opening, note?: (message: string) => void) {
    this.worker = new Worker(script, { workerData: opening })
    this.worker.unref() // never what keeps the process running
    this.worker.on('message', (reply: Reply) => {
      if ('note' in reply) return note?.(reply.note)
      const running = this.running
      if (!running || running.id !== reply.id) return
      this.running = null
      if ('error' in reply) running.reject(new Error(reply.error))
      else running.resolve(reply.answer)
      this.startWaiting()
    })
    this.worker.on('error', (error) => this.fail(error))
    this.worker.on('exit', (code) => this.fail(new Error(`browse's search thread ended (${code})`)))
  }

  /** The settled answer for `query`; null when a later text replaced it before it ran. */
  search(query: Query, options: SearchOptions): Promise<BrowseAnswer | null> {
    if (this.failed) return Promise.reject(this.failed)
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null)
      this.waiting = { query, options, resolve, reject }
      if (!this.running) this.startWaiting()
    })
  }

  /** Ends the thread (browse leaving). */
  async close(): Promise<void> {
    this.failed ??= new Error('closed')
    await this.worker.terminate()
  }

  private startWaiting(): void {
    const waiting = this.waiting
    if (!waiting) return
    this.waiting = null
    const id = this.next++
    this.running = { id, resolve: waiting.resolve, reject: waiting.reject }
    this.worker.postMessage({ id, query: waiting.query, options: waiting.options })
  }

  /** Whether the thread failed or ended on its own (not closed): its searches are then done elsewhere. */
  get broken(): boolean {
    return this.failed !== null && this.failed.message !== 'closed'
  }

  private fail(error: Error): void {
    this.failed ??= error
    for (const pending of [this.running, this.waiting]) pending?.reject(this.failed)
    this.running = this.waiting = null
  }
}

/**
 * A worker searching the library of `store`, when it is a library file with its index (the
 * command's store) and precis runs built (or `script` names the module the thread runs); else
 * null, and the search runs on the calling thread.
 */
export function searchWorkerFor(store: Store, script?: URL): SearchWorker | null {
  const runs = script ?? (import.meta.url.endsWith('.js') ? new URL(import.meta.url) : null)
  if (!runs || store.path === null || !store.index) return null
  return new SearchWorker(runs, { precisBrowseWorker: true, path: store.path, cacheDir: store.index.cacheDir }, store.index.note)
}

/** In the worker: open the library, then answer each text sent. */
function serve(opening: Opening): void {
  const port = parentPort!
  const note = (message: string) => port.postMessage({ note: message } satisfies Reply)
  const searching = BrowseSearch.open(
    new FileStore(opening.path, undefined, undefined, undefined, { cacheDir: opening.cacheDir, note }),
  ).then((search) => (search.prepare(), search))
  searching.catch(() => undefined) // a failure to open is told in answer to each text, not as an unhandled rejection
  const answer = async ({ id, query, options }: { id: number; query: Query; options: SearchOptions }) => {
    try {
      port.postMessage({ id, answer: await (await searching).settle(query, options) } satisfies Reply)
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply)
    }
  }
  port.on('message', (message: { id: number; query: Query; options: SearchOptions }) => void answer(message))
}

const opening = workerData as Partial<Opening> | null
if (!isMainThread && opening?.precisBrowseWorker === true && typeof opening.path === 'string' && typeof opening.cacheDir === 'string')
  serve(opening as Opening)
