// The code cache of dist/vm/ in a package moved after its build (npm pack, a global install): V8
// checks a cache against its script's source, its own version and flags, never the script's path, so
// it is accepted there; it must hold nothing of the folder the package was built in either.
import { cpSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { BIN, runCommand } from '../support/cli.js'
import { smallLibrary } from '../support/library.js'

const ROOT = fileURLToPath(new URL('..', pathToFileURL(BIN)))

// Each script bin/precis.js runs from dist/vm/: whether it came with a code cache and whether V8
// rejected it; and, at each of its imports, where the script says it is (its frame in a stack trace).
// Printed to stderr at exit, as JSON.
const WATCH = `
import { createRequire } from 'node:module'
const vm = createRequire(import.meta.url)('node:vm')
const scripts = []
const frames = new Set()
vm.Script = class extends vm.Script {
  constructor(source, options) {
    super(source, options)
    scripts.push({ file: options.filename.split(/[\\\\/]/).pop(), cached: options.cachedData !== undefined, rejected: this.cachedDataRejected === true })
  }
  runInThisContext(...args) {
    const body = super.runInThisContext(...args)
    const noted = (load) => (id) => (frames.add(new Error().stack.split('\\n')[2].trim()), load(id))
    return (exports, load, module, url) => body(exports, noted(load), module, url)
  }
}
process.on('exit', () => process.stderr.write(JSON.stringify({ scripts, frames: [...frames] })))
`

interface Watched {
  stdout: string
  scripts: { file: string; cached: boolean; rejected: boolean }[]
  frames: string[]
}

const WATCH_FILE = join(tempDir(), 'watch.mjs')
writeFileSync(WATCH_FILE, WATCH)

/** A cache folder of its own for `bin`, where its index of `library` is built (the code that builds it is no read's, and not in the cache). */
async function indexedCache(bin: string, library: string): Promise<{ PRECIS_CACHE_DIR: string }> {
  const env = { PRECIS_CACHE_DIR: tempDir() }
  expect((await runCommand(process.execPath, [bin, '--library', library, 'search', 'gaussian'], { env })).code).toBe(0)
  return env
}

/** `precis ...args` through bin/precis.js at `bin`, with its cache folder (indexedCache), watched. */
async function watched(bin: string, library: string, args: readonly string[], env: { PRECIS_CACHE_DIR: string }): Promise<Watched> {
  const result = await runCommand(process.execPath, ['--import', pathToFileURL(WATCH_FILE).href, bin, '--library', library, ...args], {
    env,
  })
  expect(result.code, result.stderr).toBe(0)
  return { stdout: result.stdout, ...(JSON.parse(result.stderr) as Omit<Watched, 'stdout'>) }
}

/** The built package copied to a folder of its own, as npm would install it (its dependencies beside it). */
function movedPackage(): string {
  const copy = join(tempDir(), 'precis')
  for (const part of ['bin', 'dist', 'data', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true })
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'))
  return copy
}

describe('the code cache of a package moved after its build', () => {
  it('is accepted there, gives the same output, and names no file of the folder it was built in', async () => {
    const copy = movedPackage()
    const library = join(tempDir(), 'library.json')
    writeFileSync(library, JSON.stringify(smallLibrary()))
    // Each side's index built once for its three reads (the reads leave it as it is).
    const movedBin = join(copy, 'bin', 'precis.js')
    const [builtCache, movedCache] = await Promise.all([indexedCache(BIN, library), indexedCache(movedBin, library)])
    for (const args of [['search', 'gaussian'], ['list'], ['show', 'rasmussen2004gaussian']]) {
      const built = await watched(BIN, library, args, builtCache)
      const moved = await watched(movedBin, library, args, movedCache)
      expect(moved.stdout, args.join(' ')).toBe(built.stdout)
      expect(moved.scripts.map((script) => script.file)).toContain('cli.js')
      expect(moved.scripts.filter((script) => !script.cached || script.rejected)).toEqual([])
      expect(moved.frames.length).toBeGreaterThan(0)
      expect(moved.frames.filter((frame) => frame.includes(ROOT))).toEqual([])
      expect(moved.frames.filter((frame) => !/\bdist\/vm\/[\w-]+\.js:\d+:\d+\)?$/.test(frame))).toEqual([])
    }
    const caches = readdirSync(join(copy, 'dist', 'vm')).filter((name) => name.endsWith('.cache'))
    expect(caches.length).toBeGreaterThan(0)
    expect(caches.filter((name) => readFileSync(join(copy, 'dist', 'vm', name)).includes(ROOT))).toEqual([])
  })
})
