import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataError, PrecisError, ExitCode } from './core/errors.js'
import { textProblem } from './core/field-rules.js'
import { decodeInput } from './formats/input.js'
import type { Env } from './store/paths.js'

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
    if (result.error || result.status !== 0) {
      const why = result.error ? result.error.message : `exited with status ${result.status}`
      throw new PrecisError(`The editor (${command}) ${why}; nothing was saved`, ExitCode.failure, [
        `Your text is kept at ${file}`,
      ])
    }
    // The editor may save anything (another encoding, a pasted binary, control characters): checked
    // like every input, and when refused the file stays where the message says.
    let saved: string
    try {
      saved = decodeInput(readFileSync(file), file)
      const problem = textProblem(saved)
      if (problem) throw new DataError(`The text saved in the editor cannot be stored: it ${problem}`)
    } catch (error) {
      if (!(error instanceof DataError)) throw error
      throw new DataError(error.message, [`Your text is kept at ${file}`])
    }
    rmSync(dir, { recursive: true, force: true })
    return saved
  }
}
