import { rmSync } from 'node:fs'

/**
 * Files to remove if the process is interrupted (Ctrl-C, SIGTERM, a closed terminal) while they
 * exist: a write's temp file (or an export's temp folder) before its rename, the library lock while
 * it is held. Interruption never damages the library either way (the rename is atomic, a dead
 * process's lock is broken by the next writer), but without this the folder keeps a temp file that
 * `doctor` reports.
 * Signal handlers run between two steps of the event loop, never inside one, so a file is either
 * still pending here or already renamed or released. A file call is done before its callback runs,
 * though, and a signal may be handled in between: a file is registered before the call that makes it.
 * That call must be synchronous: an asynchronous one runs on another thread, which may make the file
 * after the handler found none and before the process has died of the signal (a lock or temp file left).
 * A folder's rename into place must be synchronous too: the handler removes a folder file by file, and
 * a rename on another thread may land halfway, leaving part of the folder where the whole was to be.
 */
const pending = new Map<string, (() => boolean) | undefined>()
/** While a pager runs, Ctrl-C is the pager's (less stops a search with it), as git does. */
let pagers = 0

/**
 * Remove `path` if the process is interrupted, until the returned function is called. With `isOurs`,
 * only if it says so then: for a path registered before the call that makes it has returned, which
 * may find it made by another process.
 */
export function removeOnInterrupt(path: string, isOurs?: () => boolean): () => void {
  pending.set(path, isOurs)
  return () => void pending.delete(path)
}

/** The files an interruption now would remove: for the tests that hold writers to the rule above. */
export function pendingRemovals(): string[] {
  return [...pending.keys()]
}

/** Run `paging` (a pager in the foreground) with Ctrl-C left to the pager. */
export async function leavingCtrlCToPager<T>(paging: () => Promise<T>): Promise<T> {
  pagers++
  try {
    return await paging()
  } finally {
    pagers--
  }
}

/**
 * For the process: on SIGINT, SIGTERM or SIGHUP remove the pending files, then die of the same
 * signal, with the default action restored. Exiting with 130 instead would tell a shell that precis
 * handled Ctrl-C itself, and a script's loop around precis would go on to the next round.
 */
export function leaveCleanlyOnSignals(): void {
  for (const signal of SIGNALS) {
    const onSignal = () => {
      if (signal === 'SIGINT' && pagers > 0) return
      for (const [path, isOurs] of pending) removeQuietly(path, isOurs)
      process.removeListener(signal, onSignal)
      process.kill(process.pid, signal)
    }
    handlers.set(signal, onSignal)
    process.on(signal, onSignal)
  }
}

/** Remove a pending file, or a folder being filled; one that cannot be removed is left to doctor, and the signal still ends precis. */
function removeQuietly(path: string, isOurs: (() => boolean) | undefined): void {
  try {
    if (!isOurs || isOurs()) rmSync(path, { recursive: true, force: true })
  } catch {
    // reported by doctor as a leftover
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
/** The handlers leaveCleanlyOnSignals installed, so that runWithDefaultSignals can stand them aside. */
const handlers = new Map<NodeJS.Signals, () => void>()
/** Whether runWithDefaultSignals has stood the handlers aside (a call within another leaves them to it). */
let defaulted = false

/**
 * Run the synchronous `work` (one long call into a parser, which never gives the event loop a turn)
 * with the signals' default action while nothing is pending: a handler would only run once the
 * call returned, seconds or minutes after Ctrl-C, and with nothing to remove it would do what the
 * default action does at once (die of the signal).
 */
export function runWithDefaultSignals<T>(work: () => T): T {
  if (pending.size > 0 || pagers > 0 || defaulted) return work()
  for (const [signal, handler] of handlers) process.removeListener(signal, handler)
  defaulted = true
  try {
    return work()
  } finally {
    defaulted = false
    for (const [signal, handler] of handlers) process.on(signal, handler)
  }
}

/** Longest stretch of work without a turn of the event loop, where a signal is handled. */
const TURN_EVERY_MS = 50

/**
 * Run `work` on each item in order, giving the event loop a turn every TURN_EVERY_MS so that
 * Ctrl-C is handled promptly. For loops of synchronous file calls, which are much faster than
 * their asynchronous versions over thousands of small files but would otherwise hold off signals.
 */
export async function forEachInterruptible<T>(items: readonly T[], work: (item: T, index: number) => void | Promise<void>): Promise<void> {
  let turned = Date.now()
  for (let i = 0; i < items.length; i++) {
    await work(items[i]!, i)
    if (Date.now() - turned > TURN_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      turned = Date.now()
    }
  }
}
