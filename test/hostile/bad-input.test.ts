import { existsSync, linkSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_INPUT_BYTES, MAX_LIBRARY_BYTES } from '../../src/core/text/input.js'
import { tempDir } from '../support/context.js'
import { smallLibrary, summary } from '../support/library.js'
import { serializeLibrary } from '../../src/store/serialize.js'
import { fingerprint, writeLibraryFile } from './support/files.js'
import { precisOn, type RunResult } from './support/precis.js'

const INVALID_UTF8 = Buffer.concat([
  Buffer.from('A summary in Latin-1: caf'),
  Buffer.from([0xe9]),
  Buffer.from(' and a stray byte '),
  Buffer.from([0xff, 0xfe]),
  Buffer.from('\n'),
])
const BINARY = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(64, 7)]) // a PNG header
const MB = 1024 * 1024
const addFlags = ['--title', 'From a file', '--author', 'Ada Input', '--year', '2024']

/** A library with two summaries, and a folder for input files and the editor script. */
function setting() {
  const dir = tempDir('precis-input-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, smallLibrary())
  return { dir, library, before: fingerprint(library), env: { HOME: dir } }
}

/** A file of each case's bytes, written once for the file: 50 MB written once, not eight times. */
const bytesFiles = new Map<Buffer, string>()

/** Make `path` a file of `bytes` (a hard link to the one file of them: precis only reads it). */
function placeBytes(path: string, bytes: Buffer): void {
  let file = bytesFiles.get(bytes)
  if (file === undefined) {
    file = join(tempDir('precis-input-bytes-'), 'bytes')
    writeFileSync(file, bytes)
    bytesFiles.set(bytes, file)
  }
  linkSync(file, path)
}

/** An $EDITOR that replaces the document with the bytes in `content`. */
function editorWriting(dir: string, content: Buffer): string {
  const payload = join(dir, 'editor-output')
  placeBytes(payload, content)
  const script = join(dir, 'editor.sh')
  writeFileSync(script, `#!/bin/sh\ncat '${payload}' > "$1"\n`, { mode: 0o755 })
  return script
}

/** Refused with exit 4 and a message naming `source`; the library untouched; no crash. */
function expectRefused(result: RunResult, source: string, library: string, before: string, reason: RegExp): void {
  expect(result.signal).toBeNull()
  expect(result.code, result.stderr).toBe(4)
  expect(result.stderr).toContain(source)
  expect(result.stderr).toMatch(reason)
  expect(result.stderr).not.toMatch(/heap out of memory|\n\s+at .+:\d+:\d+/) // no crash, no stack trace
  expect(fingerprint(library)).toBe(before)
}

/** The summary of smallLibrary() the stored-body cases give their body to. */
const BODY_ID = 'gilmer2017neural-2'

/**
 * Write smallLibrary() with `body` (`text` again and again) as BODY_ID's body, byte for byte as
 * writeLibraryFile writes it, without making the body a string: as 50 MB of JS strings (the body, its
 * JSON, the library's text, the outputs), the body case grew a test worker shared with other files to
 * 2 GB, where collecting the garbage took longer than all of precis's runs. `text` is ASCII that JSON
 * does not escape, so the body's JSON text is its bytes between quotes.
 */
function writeLibraryWithBody(path: string, text: string, body: Buffer): void {
  expect([JSON.stringify(text), Buffer.byteLength(text)]).toEqual([`"${text}"`, text.length])
  const lib = smallLibrary()
  const placeholder = 'The body goes here.'
  lib.summaries.find((s) => s.id === BODY_ID)!.body = placeholder
  const [before, after, ...more] = [...serializeLibrary(lib)].join('').split(JSON.stringify(placeholder))
  expect([after !== undefined, more]).toEqual([true, []])
  writeFileSync(path, Buffer.concat([Buffer.from(`${before}"`), body, Buffer.from(`"${after}`)]), { mode: 0o600 })
}

const BAD_BYTES = [
  ['invalid UTF-8', INVALID_UTF8, /not valid UTF-8/],
  ['binary (NUL bytes)', BINARY, /binary/],
  ['over the size limit (50 MB)', Buffer.alloc(50 * MB, 'a'), /too big/],
] as const

describe('input that is not text, or too much of it, through every entry point', () => {
  it.each(BAD_BYTES)('%s given to add --file: exit 4 naming the file', async (_, bytes, reason) => {
    const { dir, library, before, env } = setting()
    const file = join(dir, 'summary.md')
    placeBytes(file, bytes)
    expectRefused(await precisOn(library, ['add', ...addFlags, '--file', file], { env }), file, library, before, reason)
  })

  it.each(BAD_BYTES)('%s on standard input (add --file -): exit 4 naming standard input', async (_, bytes, reason) => {
    const { library, before, env } = setting()
    expectRefused(
      await precisOn(library, ['add', ...addFlags, '--file', '-'], { env, input: bytes }),
      'standard input',
      library,
      before,
      reason,
    )
  })

  it.each(BAD_BYTES)('%s saved by $EDITOR (edit): exit 4 naming the file, which is kept with those bytes', async (_, bytes, reason) => {
    const { dir, library, before, env } = setting()
    const result = await precisOn(library, ['edit', 'gilmer2017neural-2'], { env: { ...env, EDITOR: editorWriting(dir, bytes) } })
    const kept = /Your text is kept at (\S+)/.exec(result.stderr)?.[1]
    expectRefused(result, kept ?? 'Your text is kept at', library, before, reason)
    expect(kept && existsSync(kept) ? readFileSync(kept).equals(bytes) : false).toBe(true)
  })

  it.each(BAD_BYTES)('%s given to edit --file: exit 4 naming the file', async (_, bytes, reason) => {
    const { dir, library, before, env } = setting()
    const file = join(dir, 'revised.md')
    placeBytes(file, bytes)
    expectRefused(await precisOn(library, ['edit', 'gilmer2017neural-2', '--file', file], { env }), file, library, before, reason)
  })

  it.each(BAD_BYTES)('%s given to import (each format): exit 4 naming the file', async (_, bytes, reason) => {
    const { dir, library, before, env } = setting()
    await Promise.all(
      ['md', 'json', 'bibtex', 'shortscience'].map(async (format) => {
        const file = join(dir, `input.${format === 'shortscience' ? 'csv' : format === 'bibtex' ? 'bib' : format}`)
        placeBytes(file, bytes)
        // A JSON file may be a whole library, allowed up to MAX_LIBRARY_BYTES: 50 MB of it passes the gate and the parser refuses it.
        const why = format === 'json' && bytes.length > MAX_INPUT_BYTES && bytes.length <= MAX_LIBRARY_BYTES ? /not valid JSON/ : reason
        // import names files relative to where it runs
        expectRefused(await precisOn(library, ['import', file, '--format', format], { env }), basename(file), library, before, why)
      }),
    )
  })
})

describe('front matter that would run code', () => {
  /** A document whose front matter, if evaluated as JavaScript (gray-matter's ---js), writes `marker`. */
  const executable = (marker: string) =>
    Buffer.from(`---js\n{ title: require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran') }\n---\nBody\n`)

  it('from $EDITOR and from an imported file: refused (exit 4), and the code never runs', async () => {
    const { dir, library, before, env } = setting()
    const marker = join(dir, 'code-ran')
    const edit = await precisOn(library, ['edit', 'gilmer2017neural-2'], {
      env: { ...env, EDITOR: editorWriting(dir, executable(marker)) },
    })
    expectRefused(edit, 'Your text is kept at', library, before, /front matter/)
    const file = join(dir, 'note.md')
    writeFileSync(file, executable(marker))
    expectRefused(await precisOn(library, ['import', file, '--format', 'md'], { env }), basename(file), library, before, /front matter/)
    expect(existsSync(marker)).toBe(false)
  })
})

describe('deep nesting and huge bodies are handled within limits: a clear message, no crash, no hang', () => {
  const deepJson = '['.repeat(10_000) + ']'.repeat(10_000)

  it('an import nested 10,000 deep: exit 4, too deep', async () => {
    const { dir, library, before, env } = setting()
    const file = join(dir, 'deep.json')
    writeFileSync(file, `{"format": "precis-library", "version": 1, "papers": ${deepJson}, "summaries": [], "trash": []}`)
    expectRefused(
      await precisOn(library, ['import', file, '--format', 'json'], { env }),
      basename(file),
      library,
      before,
      /nested too deeply/,
    )
  })

  it('a library file nested 10,000 deep: exit 4 naming it, untouched', async () => {
    const { library, env } = setting()
    writeFileSync(library, `{"format": "precis-library", "version": 1, "papers": ${deepJson}, "summaries": [], "trash": []}`)
    const before = fingerprint(library)
    expectRefused(await precisOn(library, ['list'], { env }), library, library, before, /not a valid precis library|nested too deeply/)
  })

  it('front matter nested 10,000 deep from $EDITOR: exit 4, text kept', async () => {
    const { dir, library, before, env } = setting()
    const document = Buffer.from(`---\ntitle: Deep\nauthors: ${deepJson}\n---\nBody\n`)
    const result = await precisOn(library, ['edit', 'gilmer2017neural-2'], { env: { ...env, EDITOR: editorWriting(dir, document) } })
    expectRefused(result, 'Your text is kept at', library, before, /front matter/)
  })

  /**
   * list and search over the library, then show, show --raw and --json show of each summary in `bodies`
   * (its id, its body): each finishes with exit 0 and prints what it should. One after the other: the
   * first builds the library's index and the others read through it, as a person's commands do (run
   * together, each built the index of the 50 MB body again at once).
   */
  async function expectEachFinishes(
    library: string,
    bodies: ReadonlyMap<string, Buffer>,
    { dir, env }: { dir: string; env: Record<string, string> },
  ) {
    const output = join(dir, 'output')
    const ids = [...bodies.keys()]
    const listsAll = (out: Buffer) => expect(ids.filter((id) => !out.toString().includes(id))).toEqual([])
    const runs: [string[], (output: Buffer) => void][] = [
      [['list'], listsAll],
      ...[...bodies].flatMap(([id, body]): [string[], (output: Buffer) => void][] => [
        [['show', id, '--width', '80'], (out) => expect(out.includes('Neural Message Passing')).toBe(true)],
        [['show', id, '--raw'], (out) => expect(out.equals(body), `${out.length} bytes printed`).toBe(true)],
        [['--json', 'show', id], (out) => expect((JSON.parse(out.toString()) as { body: string }[])[0]?.body.length).toBe(body.length)],
      ]),
      [['search', 'message'], listsAll],
    ]
    for (const [args, check] of runs) {
      const result = await precisOn(library, args, { env, stdoutFile: output })
      expect(result.signal, `precis ${args.join(' ')}`).toBeNull()
      expect(result.code, `precis ${args.join(' ')}: ${result.stderr.slice(0, 500)}`).toBe(0)
      check(readFileSync(output))
    }
  }

  it('stored summaries with lists, numbered lists and quotes nested 10,000 deep: list, show, show --raw and --json show all finish', async () => {
    const { dir, library, env } = setting()
    // One library holding the three: each command meets every one of them, list and search once.
    const nested = new Map([
      ['nested-lists', '- '.repeat(10_000) + 'deep'],
      ['nested-numbered', '1. '.repeat(10_000) + 'deep'],
      ['nested-quotes', '>'.repeat(10_000) + ' deep'],
    ])
    const lib = smallLibrary()
    for (const [id, body] of nested) lib.summaries.push(summary({ id, paper: 'gilmer2017neural', body }))
    writeLibraryFile(library, lib)
    await expectEachFinishes(library, new Map([...nested].map(([id, body]) => [id, Buffer.from(body)])), { dir, env })
  })

  it('a stored summary with a 50 MB body: list, show, show --raw and --json show all finish', async () => {
    const { dir, library, env } = setting()
    const text = 'Message passing, again and again. '
    const body = Buffer.alloc(text.length * Math.floor((50 * MB) / text.length), text)
    writeLibraryWithBody(library, text, body)
    await expectEachFinishes(library, new Map([[BODY_ID, body]]), { dir, env })
  }, 240_000)

  it('a search query nested 10,000 deep: a usage error, not a crash', async () => {
    const { library, env } = setting()
    const result = await precisOn(library, ['search', '('.repeat(10_000) + 'x' + ')'.repeat(10_000)], { env })
    expect(result.signal).toBeNull()
    expect([0, 2]).toContain(result.code)
    expect(result.stderr).not.toMatch(/RangeError|Maximum call stack/)
  })
})
