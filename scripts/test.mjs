// `npm test`: the static checks (scripts/check.mjs) and vitest side by side. Most of a vitest run
// waits for the precis and git processes its tests spawn, and the checks fill that time on a
// two-core machine; one after the other, the checks added half a minute to every run. vitest's
// report ends with the "N passed, N failed" line; the checks print theirs as each one ends. The
// exit code is non-zero when either failed.
import { spawn } from 'node:child_process'

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('close', (code, signal) => resolve(code === 0 && signal === null))
  })
}

const [checked, tested] = await Promise.all([
  run(process.execPath, ['scripts/check.mjs']),
  run('npx', ['--no-install', 'vitest', 'run', ...process.argv.slice(2)]),
])
process.exitCode = checked && tested ? 0 : 1
