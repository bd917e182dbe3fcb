import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyLibrary } from '../../src/core/model.js'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper } from '../support/library.js'

const addArgs = ['add', '--title', 'Neural Message Passing', '--author', 'Justin Gilmer', '--year', '2017', '--body', 'x']

describe('PRECIS_KEY_PATTERN', () => {
  it('add makes the key from it, free ignoring case', async () => {
    const ctx = testContext({ library: libraryOf([paper({ key: 'gilmer_2017' })]), env: { PRECIS_KEY_PATTERN: '{Author}_{year}' } })
    expect(await main(addArgs, ctx)).toBe(0)
    expect(ctx.stdout()).toBe('Gilmer_2017a\n')
  })

  it('import makes keys from it for papers that come without one', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'note.md'), '---\ntitle: Deep Sets\nauthors: [Manzil Zaheer]\nyear: 2017\n---\nSets.\n')
    const ctx = testContext({ library: emptyLibrary(), env: { PRECIS_KEY_PATTERN: '{author}:{yy}:{title}' } })
    expect(await main(['import', join(dir, 'note.md')], ctx)).toBe(0)
    expect((await ctx.store.read()).papers.map((p) => p.key)).toEqual(['zaheer:17:deep'])
  })

  it.each([
    ['add', addArgs],
    ['import', ['import', 'nothing-here.bib']],
  ])('a bad pattern stops %s with exit 2 before anything is read or written', async (_, argv) => {
    const ctx = testContext({ library: emptyLibrary(), env: { PRECIS_KEY_PATTERN: '{author} {year}' } })
    expect(await main(argv, ctx)).toBe(2)
    expect(ctx.stderr()).toContain('PRECIS_KEY_PATTERN "{author} {year}" makes keys such as "gilmer 2017", which may hold only')
    expect(await ctx.store.read()).toEqual(emptyLibrary())
  })
})
