import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let collect: (() => void) | undefined

/**
 * A full garbage collection now, between the phases of a large library's rebuild (the postings'
 * read, their merge's passes, the postings written, each part of its index made, the index saved):
 * each phase leaves tens of megabytes and more of garbage that V8 had not collected when the next
 * one grew on it, so a read on a cold cache at 100,000 summaries peaked at 430–620 MB while it never
 * holds 140 MB live. A collection there takes about 0.1 s of a rebuild of 25 s (nine of them);
 * smaller libraries (whose rebuild is the first read after a hand edit) never ask for one.
 */
export function collectGarbage(): void {
  collect ??= exposedGc()
  // Swept here, not by helper threads: the pages freed go back to the system before this returns.
  // Swept concurrently, they were handed back only once a helper thread got to them, and the next
  // phase (at the end, the search) grew on memory still counted: a read on a cold cache at 100,000
  // summaries ended at 323 MB with 57 MB of heap, and peaked at 341–393 MB as that search ran.
  setFlagsFromString('--no-concurrent-sweeping')
  try {
    collect()
  } finally {
    setFlagsFromString('--concurrent-sweeping')
  }
}

/**
 * The `gc` that `node --expose-gc` gives: the process's own when it was started so, else taken from a
 * context made while the flag is set, which is then unset. Left set, it changed the rest of the run:
 * V8 rejects a code cache made under other flags (dist/vm/'s, for every script loaded after), and
 * each worker thread started after (browse's search, a PDF's text) had a global `gc`. Flags are the
 * process's own: child processes (the editor, git, the pager) never see them.
 */
function exposedGc(): () => void {
  const { gc } = globalThis
  if (gc) return () => gc()
  setFlagsFromString('--expose-gc')
  try {
    return runInNewContext('gc') as () => void
  } finally {
    setFlagsFromString('--no-expose-gc')
  }
}
