/**
 * A paper's own tags are read with the rules of a summary's: a hand-written library whose paper
 * carries a tag with terminal escapes, capitals or an empty segment is refused whole (exit 4) before
 * anything is shown or written; prototype names are tags like any other, stored as data.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisInProcess } from './support/in-process.js'
import { runGuarded } from './support/prototype-guard.js'
import { expectTerminalSafe, HOSTILE } from './support/terminal.js'

/** The small library's text with the first paper given `tags` (any JSON value), written by hand. */
function handWritten(tags: unknown): { library: string; bytes: Buffer } {
  const library = join(tempDir('precis-paper-tags-'), 'library.json')
  writeLibraryFile(library, smallLibrary())
  const value = JSON.parse(readFileSync(library, 'utf8')) as { papers: Record<string, unknown>[] }
  value.papers[0]!.tags = tags
  writeFileSync(library, JSON.stringify(value, null, 2))
  return { library, bytes: readFileSync(library) }
}

describe("a paper's own tags in a hand-written library", () => {
  it.each([
    ['terminal escapes', [`thesis${HOSTILE}`]],
    ['an OSC title escape', ['x\u001b]0;pwned\u0007']],
    ['a right-to-left override', ['evil\u202e']],
    ['capitals', ['Thesis']],
    ['an empty segment', ['ml//gnn']],
    ['a tag of 65 characters', ['x'.repeat(65)]],
    ['an object with __proto__ for a list', JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown],
    ['a number in the list', ['thesis', 7]],
  ])('with %s is refused at read (exit 4), naming the field, the file unchanged', async (_, tags) => {
    const { library, bytes } = handWritten(tags)
    // The built binary refuses it once; the same read in every other command runs in this process.
    const spawned = async (args: string[]) => {
      const { code, stdout, stderr, prototypes } = await runGuarded(['--library', library, ...args])
      return { args, code, stdout, stderr, prototypes }
    }
    const inProcess = async (args: string[]) => ({ ...(await precisInProcess(library, args)), args })
    const runs = [await spawned(['list'])]
    for (const args of [['tags'], ['queue'], ['list', 'tag:thesis'], ['tag', 'gilmer2017neural', '+x']]) runs.push(await inProcess(args))
    for (const { args, ...result } of runs) {
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(4)
      expect(result.stderr).toContain('papers[0].tags')
      expect(result.stdout).toBe('')
      expect(result.prototypes).toEqual({ gained: [], polluted: null })
      expectTerminalSafe(result.stderr, args.join(' '))
    }
    expect(readFileSync(library).equals(bytes)).toBe(true)
  })

  it('with prototype names as tags: read as data, found by tag:, renamed, never reaching a prototype', async () => {
    const { library } = handWritten(['__proto__', 'constructor'])
    const listed = await runGuarded(['--library', library, 'list', 'tag:__proto__'])
    expect(listed.code, listed.stderr).toBe(0)
    // The paper has summaries: each shows its paper's own tags.
    const { papers, summaries } = smallLibrary()
    const ids = listed.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t')[0])
    expect(ids.sort()).toEqual(summaries.filter((s) => s.paper === papers[0]!.key).map((s) => s.id))
    expect(listed.prototypes).toEqual({ gained: [], polluted: null })
    const renamed = await runGuarded(['--library', library, 'tags', 'rename', 'constructor', 'prototype'])
    expect(renamed.code, renamed.stderr).toBe(0)
    expect(renamed.prototypes).toEqual({ gained: [], polluted: null })
    expect(readLibraryFile(library).papers[0]!.tags).toEqual(['__proto__', 'prototype'])
  })

  it('given on the command line, a hostile tag is refused before anything is fetched or written (exit 2)', async () => {
    const library = join(tempDir('precis-paper-tags-'), 'library.json')
    const result = await runGuarded(['--library', library, 'add', '--title', 'T', '--author', 'A', '--to-read', '--tag', `x${HOSTILE}`])
    expect(result.code).toBe(2)
    expectTerminalSafe(result.stderr, 'add --tag')
    expect(() => readFileSync(library)).toThrow()
  })
})
