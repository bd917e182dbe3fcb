#!/usr/bin/env node
// Entry point: run main() and set the exit code; never process.exit() while a write may be pending.

process.stdout.on('error', (error) => {
  // `precis list | head`: the reader left; that is not a failure.
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

const args = process.argv.slice(2)
if (args.length === 1 && args[0] === '--version') {
  // Answered before the bundle loads: building the whole command line would cost more than node's own start-up.
  const { readFileSync } = await import('node:fs')
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`)
} else {
  // A stack trace under PRECIS_DEBUG names src/ files and lines (dist/*.map). Only then: reading the maps
  // costs start-up time. They must be on before dist/ loads, hence the import() below, not a static one.
  if (process.env.PRECIS_DEBUG) process.setSourceMapsEnabled(true)
  const { createProcessContext, leaveCleanlyOnSignals, main } = await import('../dist/cli.js')
  leaveCleanlyOnSignals() // Ctrl-C removes a pending temp file and our lock, then ends precis by the signal
  process.exitCode = await main(args, createProcessContext())
}
