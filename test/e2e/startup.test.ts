import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { runPrecis } from '../support/cli.js'
import { smallLibrary } from '../support/library.js'

// What a run loads, seen from inside the process: ES modules through a resolve hook, CommonJS
// through require's cache at exit. Start-up time is for the bench; this pins the cause.
const HOOKS = `
import { appendFileSync } from 'node:fs'
let log
export function initialize(data) { log = data.log }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  appendFileSync(log, result.url + '\\n')
  return result
}
`
const REGISTER = `
import { appendFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'
const log = process.env.LOAD_LOG
register(new URL('./hooks.mjs', import.meta.url), { data: { log } })
process.on('exit', () => appendFileSync(log, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n'))
`

/** The npm packages a spawned `precis ...args` loaded. */
async function packagesLoaded(args: readonly string[]): Promise<Set<string>> {
  const dir = tempDir()
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS)
  writeFileSync(join(dir, 'register.mjs'), REGISTER)
  const log = join(dir, 'loaded.txt')
  writeFileSync(log, '')
  const result = await runPrecis(args, { env: { LOAD_LOG: log, NODE_OPTIONS: `--import ${pathToFileURL(join(dir, 'register.mjs')).href}` } })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const names = readFileSync(log, 'utf8').matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)
  return new Set([...names].map((match) => match[1]!))
}

// Parsers, renderers and prompts: each costs tens to hundreds of milliseconds to load.
const HEAVY = ['zod', 'yaml', 'lowdb', 'csv-parse', 'fast-xml-parser', 'marked', 'marked-terminal', 'temml', 'sanitize-html',
  '@retorquere/bibtex-parser', 'inquirer', '@inquirer/prompts', '@inquirer/search', 'cli-table3', 'entities']

describe('start-up loads only what the command needs', () => {
  it.each([[['--help']], [['--version']], [['list', '--help']], [['add', '--help']]])('precis %j loads no heavy package', async (args) => {
    const loaded = await packagesLoaded(args)
    expect(loaded).toContain('commander') // the hook saw the run
    expect(HEAVY.filter((name) => loaded.has(name))).toEqual([])
  })

  it('list on a valid library skips zod, yaml and the renderers', async () => {
    const library = join(tempDir(), 'library.json')
    writeFileSync(library, JSON.stringify(smallLibrary()))
    const loaded = await packagesLoaded(['--library', library, 'list'])
    expect(loaded).toContain('lowdb')
    expect(['zod', 'yaml', 'csv-parse', 'fast-xml-parser', 'marked', 'temml', 'sanitize-html', 'inquirer'].filter((name) => loaded.has(name))).toEqual([])
  })
})
