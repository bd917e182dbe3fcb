import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataError, PrecisError, ExitCode } from '../core/errors.js'
import { textProblem } from '../core/records/field-rules.js'
import { decodeInput } from '../core/text/input.js'
import type { Env } from '../store/paths.js'

/**
 * The editor failed or saved text the library cannot store: nothing was saved. `text` is what the
 * file held (bytes when they are not text), for the command to keep where kept texts go.
 */
export class EditorError extends PrecisError {
  constructor(
    message: string,
    exitCode: number,
    readonly text: string | Uint8Array,
  ) {
    super(message, exitCode)
  }
}

/** Opening text in the user's editor; a seam so command tests script the result. */
export interface Editor {
  /** Let the user edit `text` in a file named `fileName`; resolves to the saved text. */
  edit(text: string, fileName: string): Promise<string>
}

/** `$VISUAL`, else `$EDITOR`, else vi, run through the shell so values like `code --wait` work. */
export class ProcessEditor implements Editor {
  constructor(private readonly env: Env) {}

  async edit(text: string, fileName: string): Promise<string> {
    const command = this.env.VISUAL || this.env.EDITOR || 'vi'
    const dir = mkdtempSync(join(tmpdir(), 'precis-edit-'))
    const file = join(dir, fileName)
    writeFileSync(file, text, { mode: 0o600 })
    // Loaded here: child_process (with net and streams) at start-up would slow every command.
    const { spawnSync } = process.getBuiltinModule('node:child_process')
    const result = spawnSync('/bin/sh', ['-c', `${command} "$1"`, 'precis-editor', file], { stdio: 'inherit' })
    try {
      // What the file holds now; the text it was opened with when the editor removed it.
      let bytes: Uint8Array
      try {
        bytes = readFileSync(file)
      } catch {
        bytes = Buffer.from(text)
      }
      if (result.error || result.status !== 0) {
        const why = result.error ? result.error.message : `exited with status ${result.status}`
        throw new EditorError(`The editor (${command}) ${why}; nothing was saved`, ExitCode.failure, bytes)
      }
      // The editor may save anything (another encoding, a pasted binary, control characters): checked like every input.
      try {
        const saved = decodeInput(bytes, fileName)
        const problem = textProblem(saved)
        if (problem) throw new DataError(`The text saved in the editor cannot be stored: it ${problem}`)
        return saved
      } catch (error) {
        if (!(error instanceof DataError)) throw error
        throw new EditorError(error.message, ExitCode.data, bytes)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
