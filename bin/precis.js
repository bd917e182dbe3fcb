#!/usr/bin/env node
// Entry point: run main() and set the exit code; never process.exit() while a write may be pending.
import { createRequire } from 'node:module'

// node:fs through require(), not import: an import makes Node build its ES facade of node:fs, which
// reads every export and so loads the file streams precis never uses (as scripts/build.mjs does for dist/).
const { readFileSync } = createRequire(import.meta.url)('node:fs')

process.stdout.on('error', (error) => {
  // `precis list | head`: the reader left; that is not a failure.
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

/**
 * The help the build saved for `precis --help` or `precis <command> --help` (scripts/build.mjs), when
 * it goes to a pipe or a file: there it is the same text every time. On a terminal commander writes
 * it, as wide as the terminal and paged when long.
 */
function savedHelp(args) {
  if (process.stdout.isTTY || args.length > 2 || !['--help', '-h'].includes(args.at(-1))) return null
  const file = args.length === 1 ? 'help.txt' : /^[a-z][a-z-]*$/.test(args[0]) ? `help/${args[0]}.txt` : null
  try {
    return file && readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8')
  } catch {
    return null // not a command (commander refuses it), or a build without saved help
  }
}

// Version and help are answered before the bundle loads: building the whole command line would cost
// more than node's own start-up.
const args = process.argv.slice(2)
const help = savedHelp(args)
if (args.length === 1 && args[0] === '--version') {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`)
} else if (help !== null) {
  process.stdout.write(help)
} else {
  // A stack trace under PRECIS_DEBUG names src/ files and lines (dist/*.map). Only then: reading the maps
  // costs start-up time. They must be on before dist/ loads, hence the import() below, not a static one.
  if (process.env.PRECIS_DEBUG) process.setSourceMapsEnabled(true)
  const { createProcessContext, leaveCleanlyOnSignals, main } = await import('../dist/cli.js')
  leaveCleanlyOnSignals() // Ctrl-C removes a pending temp file and our lock, then ends precis by the signal
  process.exitCode = await main(args, createProcessContext())
}
