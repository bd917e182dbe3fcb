import { lstatSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { defaultGlobals, gitHistory, type Context, type GlobalOptions } from '../../src/context.js'
import { CancelError } from '../../src/core/errors.js'
import type { Library } from '../../src/core/model.js'
import type { Editor } from '../../src/terminal/editor.js'
import { styleFor, type IO } from '../../src/terminal/io.js'
import type { Prompter, Question } from '../../src/terminal/prompts.js'
import { configPath, FileConfig } from '../../src/store/config-file.js'
import { FileStore } from '../../src/store/file-store.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import type { Store } from '../../src/store/store.js'

/** Nothing listens on port 9 (discard) here: connecting fails at once. */
const OFFLINE_URL = 'http://127.0.0.1:9'

/** Scripted answers by question name; a function answer sees the question. */
export type Answers = Record<string, unknown>

export interface TestContextOptions {
  tty?: boolean
  color?: boolean
  columns?: number
  answers?: Answers
  /** Library contents for an in-memory store, or a path for a real file store. */
  library?: Library | string
  globals?: Partial<GlobalOptions>
  env?: Record<string, string>
  stdin?: string | Uint8Array
  /** What the fake editor returns: a function of the text it was given. */
  editor?: (text: string) => string
  now?: string
  /** The text of the config file, written where the context's environment puts it (a fresh HOME). */
  config?: string
  /** What the terminal answers when asked (`io.askTerminal`, TTY only); default: nothing. */
  terminalReply?: string
}

export interface TestContext extends Context {
  stdout(): string
  stderr(): string
  /** Questions asked, by name, in order. */
  asked: string[]
  /** Texts the editor was opened with. */
  edited: string[]
  /** Waits asked of the clock, in milliseconds; they pass at once. */
  slept: number[]
  /** What was written to ask the terminal (`io.askTerminal`), in order. */
  terminalQueries: string[]
}

/** The fake prompter: answers from the script, and fails the test on a question it was not given. */
function scriptedPrompter(answers: Answers, asked: string[]): Prompter {
  const answer = (q: Question) => {
    asked.push(q.name)
    if (!(q.name in answers)) throw new Error(`Unexpected question "${q.name}": ${q.message}`)
    const value = answers[q.name]
    if (value instanceof CancelError) throw value
    return typeof value === 'function' ? (value as (q: Question) => unknown)(q) : value
  }
  return {
    input: async (q) => String(answer(q)),
    confirm: async (q) => Boolean(answer(q)),
    select: async (q) => answer(q) as never,
    checkbox: async (q) => answer(q) as never,
    search: async (q) => answer(q) as never,
  }
}

/** Whether something is at `path`, even a link to nothing (the library lock is one: existsSync follows it). */
export function lockPresent(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

/** A temp folder for one test's files. */
export function tempDir(prefix = 'precis-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** A Context for command tests: captured output, scripted prompts and editor, a memory or file store. */
export function testContext(options: TestContextOptions = {}): TestContext {
  const tty = options.tty ?? false
  const color = options.color ?? false
  let out = ''
  let err = ''
  const asked: string[] = []
  const edited: string[] = []
  const slept: number[] = []
  const terminalQueries: string[] = []
  const io: IO = {
    out: (text) =>
      void (out += typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8')),
    outInTurn: async (text) => void (out += text),
    err: (text) => void (err += text),
    stdinIsTTY: tty,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    columns: tty ? (options.columns ?? 80) : null,
    rows: tty ? 24 : null,
    color,
    hyperlinks: false,
    style: styleFor(color),
    errStyle: styleFor(false),
    readStdin: async () =>
      typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array()),
    askTerminal: async (query) => {
      if (!tty) return null
      terminalQueries.push(query)
      return options.terminalReply ?? ''
    },
    page: async (text) => void (out += typeof text === 'string' ? text : text.join('')),
    configure: () => undefined,
  }
  const editor: Editor = {
    edit: async (text) => {
      edited.push(text)
      if (!options.editor) throw new Error('Unexpected editor session')
      return options.editor(text)
    },
  }
  const library = options.library
  const env = {
    HOME: tempDir('precis-home-'),
    PRECIS_ARXIV_URL: OFFLINE_URL,
    PRECIS_DOI_URL: OFFLINE_URL,
    PRECIS_CROSSREF_URL: OFFLINE_URL,
    ...options.env,
  }
  const warn = (warning: string) => void (err += `precis: ${warning}\n`)
  const store: Store = typeof library === 'string' ? new FileStore(library, 2_000, gitHistory(env), warn) : new MemoryStore(library)
  const config = new FileConfig(configPath(env), warn)
  if (options.config !== undefined) {
    mkdirSync(dirname(config.path), { recursive: true })
    writeFileSync(config.path, options.config)
  }
  const now = new Date(options.now ?? '2026-11-26T12:00:00.000Z')
  return {
    io,
    prompter: scriptedPrompter(options.answers ?? {}, asked),
    editor,
    clock: { now: () => now, sleep: async (ms) => void slept.push(ms) },
    // Metadata services point at a closed local port unless a test serves them: no test reaches the internet.
    env,
    cwd: process.cwd(),
    globals: { ...defaultGlobals, ...options.globals },
    store,
    config,
    dispose: async () => undefined,
    stdout: () => out,
    stderr: () => err,
    asked,
    edited,
    slept,
    terminalQueries,
  }
}
