/**
 * Front matter too big or too wide for the yaml package, refused before it composes the document:
 * it checks each key of a mapping against those before it (500,000 keys in 8 MB: still running
 * after 10 minutes and 1 GB, deaf to SIGTERM), and reads about 1.5 MB a second.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_FRONT_MATTER_CHARS, MAX_FRONT_MATTER_KEYS } from '../../src/formats/frontmatter.js'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { fingerprint, writeLibraryFile } from './support/files.js'
import { precisOn } from './support/precis.js'

async function importNote(frontMatter: string) {
  const dir = tempDir('precis-front-matter-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, smallLibrary())
  const before = fingerprint(library)
  const file = join(dir, 'note.md')
  writeFileSync(file, `---\ntitle: A note\nauthors: [Ann Note]\n${frontMatter}---\n\nThe body.\n`)
  const result = await precisOn(library, ['import', file], { env: { HOME: dir } })
  return { result, unchanged: fingerprint(library) === before }
}

const keys = (count: number) => Array.from({ length: count }, (_, i) => `key${i}: value ${i}\n`).join('')

describe('front matter past the limits: exit 4 naming the limit, nothing stored', () => {
  it.each([
    [
      'a mapping of one key too many',
      keys(MAX_FRONT_MATTER_KEYS - 1),
      `a mapping of ${(MAX_FRONT_MATTER_KEYS + 1).toLocaleString('en-US')} keys`,
    ],
    [
      'a flow mapping of one key too many',
      `extra: {${keys(MAX_FRONT_MATTER_KEYS + 1)
        .trim()
        .replace(/\n/g, ', ')}}\n`,
      `a mapping of ${(MAX_FRONT_MATTER_KEYS + 1).toLocaleString('en-US')} keys`,
    ],
    [
      'one value past the length',
      `abstract: ${'x'.repeat(MAX_FRONT_MATTER_CHARS)}\n`,
      `(the limit is ${MAX_FRONT_MATTER_CHARS.toLocaleString('en-US')})`,
    ],
  ])('%s', async (_, frontMatter, message) => {
    const { result, unchanged } = await importNote(frontMatter)
    expect(result.signal).toBeNull()
    expect(result.code, result.stderr).toBe(4)
    expect(result.stderr).toContain(`note.md: the front matter ${message.startsWith('(') ? 'is' : 'has'}`)
    expect(result.stderr).toContain(message)
    expect(unchanged).toBe(true)
  })

  it('a mapping of as many keys as the limit, and a long list of tags, still import', async () => {
    const tags = `tags: [${Array.from({ length: 5000 }, (_, i) => `t${i}`).join(', ')}]\n`
    const { result } = await importNote(keys(MAX_FRONT_MATTER_KEYS - 3) + tags)
    expect(result.code, result.stderr).toBe(0)
  })
})
