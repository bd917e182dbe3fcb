/**
 * Unidentified papers as a state: the keys a copied ShortScience page gets, `has:no-metadata`,
 * and doctor's "to identify" list.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { main } from '../../src/main.js'
import { writeLibraryFile } from '../hostile/support/files.js'
import { smallLibrary } from '../support/library.js'
import { tempDir, testContext, type TestContext } from '../support/context.js'

const page = fileURLToPath(new URL('../fixtures/formats/shortscience-page.txt', import.meta.url))

/** A library file holding smallLibrary() and the imported page; `run` runs one command on it. */
async function importedPage() {
  const file = join(tempDir(), 'library.json')
  writeLibraryFile(file, smallLibrary())
  const run = async (...args: string[]): Promise<TestContext> => {
    const ctx = testContext({ library: file })
    expect(await main(args, ctx)).toBe(0)
    return ctx
  }
  const ctx = await run('import', page)
  return Object.assign(ctx, { run })
}

describe('papers without metadata', () => {
  it('get untitled-<hash> keys, the same on every import', async () => {
    const ctx = await importedPage()
    const keys = (await ctx.store.read()).papers.map((p) => p.key).filter((k) => k.startsWith('untitled-'))
    expect(keys).toHaveLength(2) // the second summary names arXiv:1704.01212 and joins gilmer2017neural
    expect(keys.every((k) => /^untitled-[0-9a-f]{8}$/.test(k))).toBe(true)
    const again = await importedPage()
    expect((await again.store.read()).papers.map((p) => p.key).filter((k) => k.startsWith('untitled-'))).toEqual(keys)
    await again.run('import', page)
    expect((await again.store.read()).papers).toHaveLength(4)
  })

  it('are what has:no-metadata lists, and -has:no-metadata leaves out', async () => {
    const ctx = await importedPage()
    const list = async (query: string) => {
      const listed = await ctx.run('--json', 'list', query)
      return (JSON.parse(listed.stdout()) as { key: string }[]).map((r) => r.key).sort()
    }
    const untitled = await list('has:no-metadata')
    expect(untitled).toHaveLength(2)
    expect(untitled.every((k) => k.startsWith('untitled-'))).toBe(true)
    expect(await list('-has:no-metadata')).toEqual(['gilmer2017neural', 'gilmer2017neural', 'gilmer2017neural', 'rasmussen2004gaussian'])
  })

  it('are named by doctor as to identify, with the command, without being a problem', async () => {
    const ctx = await importedPage()
    const keys = (await ctx.store.read()).papers
      .map((p) => p.key)
      .filter((k) => k.startsWith('untitled-'))
      .sort()
    expect((await ctx.run('doctor')).stdout()).toBe(
      '[to identify] 2 papers have no real metadata yet; precis identify <key> finds each:\n' +
        keys.map((k) => `  ${k}  Untitled ShortScience summary ${k.slice('untitled-'.length)}\n`).join(''),
    )
    expect(JSON.parse((await ctx.run('--json', 'doctor')).stdout()).toIdentify).toEqual(
      keys.map((key) => ({ key, title: `Untitled ShortScience summary ${key.slice(9)}`, hint: `precis identify ${key}` })),
    )
  })

  it('are not listed once there are none', async () => {
    const ctx = testContext({ library: smallLibrary() })
    expect(await main(['doctor'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
  })
})

describe('refresh of a paper without metadata', () => {
  it('points at identify, which can find it, rather than at edit', async () => {
    const ctx = await importedPage()
    const [key] = (await ctx.store.read()).papers.map((p) => p.key).filter((k) => k.startsWith('untitled-'))
    const refresh = testContext({ library: ctx.store.path! })
    expect(await main(['refresh', key!], refresh)).toBe(2)
    expect(refresh.stderr()).toContain(`Find its paper with: precis identify ${key}`)
  })
})
