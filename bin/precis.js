#!/usr/bin/env node
// Entry point: run main() and set the exit code; never process.exit() while a write may be pending.
//
// CommonJS (bin/package.json), unlike the rest of precis: Node runs an ES module entry through its ES
// loader (resolving it as a URL, translating it, a module job and its promises), ~5 ms of every run's
// CPU, `--version` included, that a CommonJS entry does not pay. Nothing here needs the ES loader: the
// bundle runs from dist/vm/ through node:vm, and a package is resolved as an import (import-resolve.mjs)
// only when dist/ imports one.
'use strict'

const { existsSync, fstatSync, readFileSync, writeFileSync } = require('node:fs')
const { isBuiltin } = require('node:module')
const { join, sep } = require('node:path')
const { pathToFileURL } = require('node:url')

const DIST = join(__dirname, '..', 'dist') + sep
const VM_DIR = `${DIST}vm${sep}`
const DIST_URL = pathToFileURL(DIST).href
// Set by scripts/build.mjs only: the argument lists of the runs whose compiled code the cache keeps.
const WRITE_CODE_CACHE = 'PRECIS_WRITE_CODE_CACHE'
/** The modules of dist/vm/ run so far, by file name: their exports, and their scripts (for the build's cache). */
const loaded = new Map()

/** What stdout is, if open: a file or /dev/null is written to without process.stdout (src/terminal/terminal-io.ts). */
const stdout = (() => {
  try {
    return fstatSync(1)
  } catch {
    return null
  }
})()
if (stdout === null || stdout.isFIFO() || stdout.isSocket()) {
  process.stdout.on('error', (error) => {
    // `precis list | head`: the reader left; that is not a failure.
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}

/**
 * The help the build saved for `precis --help` or `precis <command> --help` (scripts/build.mjs), when
 * it goes to a pipe or a file: there it is the same text every time. On a terminal commander writes
 * it, as wide as the terminal and paged when long.
 */
function savedHelp(args) {
  if (args.length > 2 || !['--help', '-h'].includes(args.at(-1)) || process.stdout.isTTY) return null
  const file = args.length === 1 ? 'help.txt' : /^[a-z][a-z-]*$/.test(args[0]) ? `help/${args[0]}.txt` : null
  try {
    return file && readFileSync(DIST + file, 'utf8')
  } catch {
    return null // not a command (commander refuses it), or a build without saved help
  }
}

// Version and help are answered before the bundle loads: building the whole command line would cost
// more than node's own start-up.
const args = process.argv.slice(2)
const help = savedHelp(args)
if (args.length === 1 && args[0] === '--version') {
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`)
} else if (help !== null) {
  process.stdout.write(help)
} else {
  void run()
}

async function run() {
  const { createProcessContext, leaveCleanlyOnSignals, main } = await loadProgram()
  leaveCleanlyOnSignals() // Ctrl-C removes a pending temp file and our lock, then ends precis by the signal
  const runs = process.env[WRITE_CODE_CACHE] ? JSON.parse(process.env[WRITE_CODE_CACHE]) : [args]
  for (const argv of runs) process.exitCode = await main(argv, createProcessContext())
  await handlePendingSignals()
  if (process.env[WRITE_CODE_CACHE]) writeCodeCache()
  else if (nothingLeftToDo()) process.exit()
}

/**
 * Let a signal that came during the command's last stretch be handled: the event loop reads signals
 * when it polls, and a command may end without a poll after its last file call (the index written,
 * the lock released). Without this, a Ctrl-C that landed there is lost and precis exits 0, which tells
 * a shell's loop to go on. Two immediates: the first runs in the current turn when the command ended
 * in an I/O callback, before the loop polls again; the second runs after that poll.
 */
async function handlePendingSignals() {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
}

/**
 * Whether the process would now end by itself: the event loop holds nothing but stdout's own handle
 * (a terminal or a pipe), no write to it under way (a write queued for a slow reader is a request
 * of its own), and no one listens for 'beforeExit'. Ending it here then ends it as it would have
 * ended, less Node's freeing of V8's heap on the way out (page by page, and a read's heap is several
 * times `node -e 0`'s: ~4% of a search's CPU). Otherwise (a write queued, stderr or stdin opened, a
 * child, a timer, a file operation under way) the process ends when they are done, as before.
 */
function nothingLeftToDo() {
  if (process.listenerCount('beforeExit') > 0) return false
  const stdoutHandles = stdout !== null && (stdout.isFIFO() || stdout.isSocket() || stdout.isCharacterDevice()) ? 1 : 0
  const active = process.getActiveResourcesInfo()
  return active.length <= stdoutHandles && active.every((resource) => /^(TTY|Pipe|TCP)Wrap$/.test(resource))
}

/**
 * dist/cli.js and what it loads. Each file of dist/ has a CommonJS twin in dist/vm/ (scripts/build.mjs),
 * run here through V8 with the code cache the build made by running a few commands: Node 20 compiles
 * ES modules anew at every run and has no cache for them (a search compiled ~700 KB, ~15 ms, then
 * compiled again each function it ran for the first time). V8 checks each cache against its script, its
 * own version and flags, and ignores one it rejects (the script is then compiled as without it).
 * The ES modules themselves when there is no dist/vm/ (a build without it), and under PRECIS_DEBUG: a
 * stack trace then names src/ files and lines (dist/*.map, made for the ES modules); reading the maps
 * costs start-up time, so only then, and they must be on before dist/ loads, hence the import() below.
 */
async function loadProgram() {
  if (!process.env.PRECIS_DEBUG && existsSync(VM_DIR)) return loadScript('cli.js')
  if (process.env.PRECIS_DEBUG) process.setSourceMapsEnabled(true)
  return import(`${DIST_URL}cli.js`)
}

/**
 * The exports of dist/vm/`name`, run once (as an ES module is). Its imports, import() among them, are
 * calls of `require`: of another file of dist/, of one of Node's modules, or of a package.
 */
function loadScript(name) {
  const known = loaded.get(name)
  if (known) return known.module.exports
  const file = VM_DIR + name
  const module = { exports: {} }
  let cachedData
  try {
    cachedData = readFileSync(`${file}.cache`)
  } catch {
    cachedData = undefined // none made (or removed): compiled as an ES module is
  }
  const { Script } = require('node:vm')
  const script = new Script(`(function (exports, require, module, __importMetaUrl) {${readFileSync(file, 'utf8')}\n})`, {
    // Named from the package's root, not by its path: V8 keeps the name a cache was made with (the
    // build's) in the cache and names the script by it, so a package moved or installed elsewhere after
    // its build would name, in a stack trace, files of the folder it was built in.
    filename: `dist/vm/${name}`,
    cachedData,
  })
  loaded.set(name, { module, script, cached: cachedData !== undefined })
  const load = (id) => (id.startsWith('./') ? loadScript(id.slice(2)) : isBuiltin(id) ? require(id) : require(asImported(id)))
  // import.meta.url: the ES module's, so that paths relative to it (package files, workers) are those of dist/.
  script.runInThisContext()(module.exports, load, module, DIST_URL + name)
  return module.exports
}

/**
 * The file an import of package `id` from dist/ loads (bin/ and dist/ are both one level below the
 * package root): as the ES module imported it, which may be another file than require() resolves to (a
 * package's ES build rather than its CommonJS one). require() of it, an ES module among them, gives
 * the same exports. Resolved by import.meta.resolve in a module of its own, loaded with the first package.
 */
function asImported(id) {
  try {
    return require('./import-resolve.mjs').asImported(id)
  } catch (error) {
    // A Node that cannot require() an ES module (22 before 22.12): the file require() resolves to.
    if (error?.code !== 'ERR_REQUIRE_ESM') throw error
    return require.resolve(id)
  }
}

/** Save the code cache of each script run without one beside it: the functions compiled by the runs so far. */
function writeCodeCache() {
  for (const [name, { script, cached }] of loaded) if (!cached) writeFileSync(`${VM_DIR}${name}.cache`, script.createCachedData())
}
