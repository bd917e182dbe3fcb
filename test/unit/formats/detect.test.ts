import { describe, expect, it } from 'vitest'
import { detectFormat, importExtensions, importSizeLimit } from '../../../src/formats/detect.js'
import { MAX_INPUT_BYTES, MAX_LIBRARY_BYTES } from '../../../src/core/text/input.js'

describe('detectFormat', () => {
  it.each([
    ['notes/a.md', 'anything', 'md'],
    ['A.MARKDOWN', '{', 'md'],
    ['lib.json', '', 'json'],
    ['refs.bib', '', 'bibtex'],
    ['export.csv', '', 'shortscience'],
    [null, '  {"format": "precis-library"}', 'json'],
    [null, '% exported\n@article{k, title={t}}', 'bibtex'],
    [null, 'paperid,text\nx,y\n', 'shortscience'],
    [null, 'header |\n[link]\nA summary. ![]() |\n', 'shortscience'],
    ['page.txt', 'header |\n[link]\nA summary.\n', 'shortscience'],
    [null, '# A note\n\nwith an @ sign and {braces}', 'md'],
    ['notes.txt', 'plain words', 'md'],
  ])('%s %j → %s', (name, text, format) => {
    expect(detectFormat(name, text)).toBe(format)
  })
})

describe('importExtensions', () => {
  it.each([
    ['auto', ['.md', '.markdown', '.json', '.bib', '.csv']],
    ['md', ['.md', '.markdown']],
    ['bibtex', ['.bib']],
    ['shortscience', ['.csv', '.txt']],
  ] as const)('%s reads %j from folders', (format, extensions) => {
    expect([...importExtensions(format)]).toEqual(extensions)
  })
})

describe('importSizeLimit', () => {
  it.each([
    ['auto', 'lib.json', MAX_LIBRARY_BYTES],
    ['json', 'backup.txt', MAX_LIBRARY_BYTES],
    ['auto', null, MAX_LIBRARY_BYTES],
    ['auto', 'note.md', MAX_INPUT_BYTES],
    ['md', null, MAX_INPUT_BYTES],
    ['bibtex', 'refs.bib', MAX_INPUT_BYTES],
  ] as const)('%s %s → %d', (format, name, limit) => {
    expect(importSizeLimit(format, name)).toBe(limit)
  })
})
