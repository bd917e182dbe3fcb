/**
 * A `.bib` value longer than its field can be stored with is refused before the LaTeX parser reads
 * it: the parser spends seconds and hundreds of megabytes on a title of 13,500 words (in a 64 MB
 * heap, precis ran out of memory before the record check could refuse it), for the refusal the
 * record check gives anyway. The refusal stays the record check's: its message, exit 4, nothing
 * written, and `--partial` imports the rest.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIELD_LIMITS } from '../../src/core/records/field-rules.js'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { fingerprint, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisOn } from './support/precis.js'

const WORDS = ['neural', 'message', 'passing', 'for', 'quantum', 'chemistry', 'graph', 'network', 'deep', 'learning']
const words = (count: number) => Array.from({ length: count }, (_, i) => WORDS[i % WORDS.length]).join(' ')
// Enough for the parser to need more than the heap below; the record check alone needs a fraction of it.
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=64' }

function setting(bib: string) {
  const dir = tempDir('precis-too-long-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, smallLibrary())
  const file = join(dir, 'refs.bib')
  writeFileSync(file, bib)
  return { library, file, before: fingerprint(library), env: { HOME: dir, ...SMALL_HEAP } }
}

const fine = '@article{fine2020, title = {Fine}, author = {Ann Fine}, year = 2020}\n'

describe('a .bib value too long for its field, refused before the parser reads it', () => {
  it.each([
    ['a title of 13,500 words', 'title', `title = {${words(13_500)}}`, `title is longer than ${FIELD_LIMITS.title} characters`],
    ['the same title wrapped over lines', 'title', `title = {${words(5_000).replace(/ /g, '\n    ')}}`, 'title is longer than'],
    ['a journal of 13,500 words', 'venue', `journal = {${words(13_500)}}`, `venue is longer than ${FIELD_LIMITS.venue} characters`],
    ['an abstract of 13,500 words', 'abstract', `abstract = {${words(13_500)}}`, `abstract is longer than ${FIELD_LIMITS.abstract}`],
  ])('%s: exit 4 with the record check message and its count, the library untouched', async (_, _field, value, reason) => {
    const { library, file, before, env } = setting(`@article{long2020, author = {Ann Long}, ${value}, year = 2020}\n${fine}`)
    const result = await precisOn(library, ['import', file], { env })
    expect(result.signal).toBeNull()
    expect(result.code, result.stderr).toBe(4)
    // The count is that of the text once read: white space runs as one space.
    const text = value.replace(/^\w+ = \{|\}$/g, '').replace(/\s+/g, ' ')
    expect(result.stderr).toContain(`refs.bib, entry long2020: ${reason}`)
    expect(result.stderr).toContain(`characters (${text.length})`)
    expect(fingerprint(library)).toBe(before)
  })

  it('--partial imports the other entries, and a crossref child inheriting the long title is refused too', async () => {
    const bib = `@proceedings{conf, title = {${words(13_500)}}, year = 2020}\n@inproceedings{child, author = {Ann Child}, crossref = {conf}}\n${fine}`
    const { library, file, env } = setting(bib)
    const result = await precisOn(library, ['import', '--partial', file], { env })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('refs.bib, entry conf: title is longer than 1000 characters')
    expect(result.stderr).toContain('refs.bib, entry child: ')
    const keys = readLibraryFile(library).papers.map((paper) => paper.key)
    expect(keys).toContain('fine2020')
    expect(keys).not.toContain('conf')
    expect(keys).not.toContain('child')
  })
})
