import { cpSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { BIN, runCommand, runPrecis } from '../support/cli.js'
import { smallLibrary } from '../support/library.js'

const ROOT = fileURLToPath(new URL('..', pathToFileURL(BIN)))

// Each script bin/precis.js runs from dist/vm/, seen from inside the process: whether it came with a
// code cache and whether V8 rejected it (printed to stderr at exit, as JSON).
const WATCH = `
import { createRequire } from 'node:module'
const vm = createRequire(import.meta.url)('node:vm')
const seen = []
vm.Script = class extends vm.Script {
  constructor(source, options) {
    super(source, options)
    seen.push({ file: options.filename.split(/[\\\\/]/).pop(), cached: options.cachedData !== undefined, rejected: this.cachedDataRejected === true })
  }
}
process.on('exit', () => process.stderr.write(JSON.stringify(seen)))
`

interface Seen {
  file: string
  cached: boolean
  rejected: boolean
}

/** `precis ...args` with the library given, through bin/precis.js at `bin`: its output and the scripts it ran. */
async function watched(bin: string, library: string, args: readonly string[], env: Record<string, string>) {
  const watch = join(tempDir(), 'watch.mjs')
  writeFileSync(watch, WATCH)
  const result = await runCommand(process.execPath, ['--import', pathToFileURL(watch).href, bin, '--library', library, ...args], { env })
  expect(result.code, result.stderr).toBe(0)
  return { stdout: result.stdout, seen: JSON.parse(result.stderr) as Seen[] }
}

function libraryFile(): string {
  const library = join(tempDir(), 'library.json')
  writeFileSync(library, JSON.stringify(smallLibrary()))
  return library
}

describe('the code cache of dist/vm/ (made by the build)', () => {
  it.each([[['search', 'gaussian']], [['search', 'gaussian', 'process', 'regression']], [['list']], [['tags']]])(
    'precis %j runs every file of dist/ it loads with its code cache, accepted by V8',
    async (args) => {
      const library = libraryFile()
      const env = { PRECIS_CACHE_DIR: tempDir() }
      await runPrecis(['--library', library, 'search', 'gaussian'], { env }) // builds the index and the postings
      const { seen } = await watched(BIN, library, args, env)
      expect(seen.map((script) => script.file)).toContain('cli.js')
      expect(seen.filter((script) => !script.cached || script.rejected)).toEqual([])
    },
  )

  it('a damaged, foreign or missing cache is ignored: the same output, each script compiled without it', async () => {
    const copy = tempDir()
    for (const part of ['bin', 'dist', 'data', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true })
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'))
    const caches = readdirSync(join(copy, 'dist', 'vm')).filter((name) => name.endsWith('.cache'))
    caches.forEach((name, i) => {
      const file = join(copy, 'dist', 'vm', name)
      if (i % 3 === 0)
        writeFileSync(file, Buffer.alloc(5000, 7)) // garbage
      else if (i % 3 === 1)
        cpSync(join(ROOT, 'dist', 'vm', caches[(i + 1) % caches.length]!), file) // another script's
      else writeFileSync(file, '') // emptied
    })
    const library = libraryFile()
    for (const args of [['search', 'gaussian'], ['list'], ['show', 'rasmussen2004gaussian']]) {
      const env = { PRECIS_CACHE_DIR: tempDir() }
      const reference = await watched(BIN, library, args, env)
      const damaged = await watched(join(copy, 'bin', 'precis.js'), library, args, { PRECIS_CACHE_DIR: tempDir() })
      expect(damaged.stdout, args.join(' ')).toBe(reference.stdout)
      expect(damaged.seen.map((script) => script.file)).toEqual(reference.seen.map((script) => script.file))
      expect(damaged.seen.filter((script) => script.cached && !script.rejected).map((script) => script.file)).toEqual([])
    }
  })
})
