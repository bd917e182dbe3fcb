import type { Library } from '../core/model.js'

/**
 * Keeps a history of library changes (git, when sync is on). The store calls it inside its lock:
 * `begin` before a change, then `finish` after the durable write, so history follows the file in
 * the order the changes were made.
 */
export interface ChangeRecorder {
  /** Prepare to record a change of the library file `file`; null when this library keeps no history. */
  begin(file: string, before: Library): Promise<ChangeRecording | null>
}

export interface ChangeRecording {
  /**
   * Record the change that produced `after`, with `message` when the command gave one. Never throws:
   * the change is saved already, and an unrecorded change is picked up by the next one. Resolves
   * to null when recorded (or when there was nothing to record), else to what went wrong, which
   * the person is told.
   */
  finish(after: Library, message: string | undefined): Promise<string | null>
}

/** A library that keeps no history: changes are saved and nothing more. */
export const noHistory: ChangeRecorder = { begin: async () => null }

/** The recorder, loaded when a change is made: git and its helpers stay out of commands that only read. */
export type LoadRecorder = () => Promise<ChangeRecorder>
