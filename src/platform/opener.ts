/**
 * Open a file or a web page with the system's opener: `xdg-open` (Linux and the BSDs), `open`
 * (macOS), `explorer.exe` (Windows: `start` is a built-in of cmd.exe, reached only through a
 * shell, and a shell would read `&` or `^` in a file name as its own). `PRECIS_OPENER` names
 * another program, with arguments split on spaces (no quoting: it is no shell). The target is
 * always one argument of its own, and never reaches a shell.
 */
import { spawn } from 'node:child_process'

/** The opener's program and leading arguments for `platform`, or the one `PRECIS_OPENER` names. */
export function openerCommand(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string[] {
  const chosen = env.PRECIS_OPENER?.trim()
  if (chosen) return chosen.split(/\s+/)
  if (platform === 'darwin') return ['open']
  if (platform === 'win32') return ['explorer.exe']
  return ['xdg-open']
}

/** What became of an opener run: its exit code, or why it could not start. */
export type OpenResult = { started: true; code: number | null } | { started: false; reason: string }

/**
 * Run the opener on `target` and wait for it to return (the system openers hand the target to
 * the application and return at once). Its errors go to precis's standard error, so its own
 * complaints are seen; its standard output (data, in a pipe) and standard input are not used.
 */
export function openWithSystem(target: string, env: Readonly<Record<string, string | undefined>>): Promise<OpenResult> {
  const [program, ...args] = openerCommand(env)
  return new Promise((resolve) => {
    const child = spawn(program!, [...args, target], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: false,
      windowsHide: true,
      env: { ...env },
    })
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ started: false, reason: error.code === 'ENOENT' ? `${program} was not found` : error.message }),
    )
    // explorer.exe exits 1 when it has opened the target: its exit code says nothing.
    const trustsExitCode = program !== 'explorer.exe' || Boolean(env.PRECIS_OPENER?.trim())
    child.once('close', (code) => resolve({ started: true, code: trustsExitCode ? code : 0 }))
  })
}
