// `npm run lint`, the static checks, run side by side: type-check, the dependency rules, ESLint and
// Prettier each take seconds of one core, and on a two-core machine running them one after another
// doubled their time. `npm test` runs the tests alone; CI (.ci/run) runs both. Each check's output
// is printed whole when it ends; the exit code is non-zero when any check failed.
import { spawn } from 'node:child_process'

const CHECKS = [
  ['type-check', 'tsc', ['-p', 'tsconfig.test.json', '--noEmit']],
  ['ESLint', 'eslint', ['--max-warnings', '0', '.']],
  ['dependency rules', 'depcruise', ['src', '--config', '.dependency-cruiser.cjs']],
  ['Prettier', 'prettier', ['--check', '--log-level', 'warn', '--cache', '--cache-strategy', 'content', '.']],
]

function run([name, bin, args]) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => {
      process.stdout.write(code === 0 ? `✓ ${name}\n` : `✗ ${name} failed:\n${output}\n`)
      resolve(code === 0)
    })
  })
}

const passed = await Promise.all(CHECKS.map(run))
process.exitCode = passed.every(Boolean) ? 0 : 1
