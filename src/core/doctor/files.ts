/**
 * `precis doctor` on the files beside the library: the lock, temp files of writers that were
 * killed, the backup. Pure: src/store/maintenance.ts gathers the FolderState.
 */
import type { Finding } from './finding.js'
import { formatBytes } from '../text/sizes.js'

/** What lies beside a library file, as gathered from the disk. */
export interface FolderState {
  /** The library file (symlinks resolved). */
  library: string
  /** Its modification time; null when it does not exist. */
  libraryMtimeMs: number | null
  /** `<library>.bak`: its time and why it is not a valid library (null when it is); null when absent. */
  backup: { path: string; mtimeMs: number; problem: string | null } | null
  /** `<library>.lock`: held by a live process, or left by one that is gone; null when absent. */
  lock: { path: string; stale: boolean; owner: string } | null
  /** Temp files only a killed writer leaves behind (`.library.json.tmp-*`, `.bak-*`, a stale break lock). */
  leftovers: { path: string; bytes: number }[]
}

/** Everything wrong with the files beside the library. A live lock is not a problem: someone is writing. */
export function checkFolder(state: FolderState): Finding[] {
  const findings: Finding[] = []
  const { backup, lock, leftovers } = state
  if (state.libraryMtimeMs === null && backup && backup.problem === null) {
    findings.push({
      kind: 'missing-library',
      fixable: false,
      subjects: [state.library, backup.path],
      problem: `${state.library} does not exist, but its backup does (saved ${new Date(backup.mtimeMs).toISOString()})`,
      fix: 'precis doctor --restore-backup puts the backup in its place',
    })
  }
  if (lock?.stale) {
    findings.push({
      kind: 'stale-lock',
      fixable: true,
      subjects: [lock.path],
      problem: `${lock.path} was left by ${lock.owner}, which is gone`,
      fix: 'precis doctor --fix removes it (the next precis that writes would also break it)',
    })
  }
  if (leftovers.length > 0) {
    const total = leftovers.reduce((sum, f) => sum + f.bytes, 0)
    findings.push({
      kind: 'leftover-temp-files',
      fixable: true,
      subjects: leftovers.map((f) => f.path),
      problem: `${leftovers.length} temp ${leftovers.length === 1 ? 'file' : 'files'} (${formatBytes(total)}) left by precis processes that were killed while writing`,
      fix: 'precis doctor --fix removes them, holding the lock so that no running precis is writing one',
    })
  }
  if (backup?.problem) {
    findings.push({
      kind: 'damaged-backup',
      fixable: false,
      subjects: [backup.path],
      problem: `The backup ${backup.path} is not a valid library: ${backup.problem}`,
      fix: 'The next change precis saves replaces it with a copy of the current library; until then there is no good backup',
    })
  }
  if (backup && state.libraryMtimeMs !== null && backup.mtimeMs > state.libraryMtimeMs) {
    findings.push({
      kind: 'backup-newer',
      fixable: false,
      subjects: [state.library, backup.path],
      problem: `The backup (saved ${new Date(backup.mtimeMs).toISOString()}) is newer than the library (${new Date(state.libraryMtimeMs).toISOString()}): the library may have been replaced by an older copy`,
      fix: 'Compare the two; if the backup is the one to keep, precis doctor --restore-backup puts it back (the library is kept aside)',
    })
  }
  return findings
}
