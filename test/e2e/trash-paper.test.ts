import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runPrecis } from '../support/cli.js'
import { tempDir } from '../support/context.js'
import { makePdf } from '../support/pdf.js'

describe('a paper without summaries, removed and restored (spawned)', () => {
  it('add paper.pdf --no-summary, rm, trash, restore, rm again and trash --empty: the paper and its PDF follow', async () => {
    const dir = tempDir('precis-e2e-trash-')
    const library = join(dir, 'library.json')
    const env = { PRECIS_ARXIV_URL: 'http://127.0.0.1:9', PRECIS_DOI_URL: 'http://127.0.0.1:9' }
    const precis = (...args: string[]) => runPrecis(['--library', library, ...args], { env, cwd: dir })
    const pdf = join(dir, 'paper.pdf')
    writeFileSync(pdf, makePdf({ pages: [['A Paper Without Identifiers', 'Ada Lovelace']] }))
    const added = await precis(
      'add',
      pdf,
      '--title',
      'A Paper Without Identifiers',
      '--author',
      'Ada Lovelace',
      '--year',
      '1843',
      '--no-summary',
    )
    expect(added.code, added.stderr).toBe(0)
    const key = added.stdout.trim()
    const stored = join(dir, 'library.files', key, 'paper.pdf')
    expect(readFileSync(stored)).toEqual(readFileSync(pdf))

    const removed = await precis('rm', key, '--yes')
    expect(removed.code, removed.stderr).toBe(0)
    expect(removed.stdout).toBe(`${key}\n`)
    expect(removed.stderr).toContain('Moved 1 paper to the trash')
    expect(existsSync(stored)).toBe(true)
    expect((await precis('list', '--json')).stdout).not.toContain(key)
    const listed = await precis('trash')
    expect(listed.stdout).toMatch(new RegExp(`^${key}\\t\\d{4}-\\d\\d-\\d\\d\\tA Paper Without Identifiers\\tpaper\\n$`))

    const restored = await precis('restore', key)
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stdout).toBe(`${key}\n`)
    const opened = await precis('open', key, '--print')
    expect(opened.stdout.trim()).toBe(stored)

    expect((await precis('rm', key, '--yes')).code).toBe(0)
    const emptied = await precis('trash', '--empty', '--yes', '--json')
    expect(emptied.code, emptied.stderr).toBe(0)
    expect(JSON.parse(emptied.stdout)).toEqual({ deleted: [key], kept: 0 })
    expect(emptied.stderr).toContain('Deleted 1 paper and 1 attached file for good')
    expect(existsSync(stored)).toBe(false)
    expect(JSON.parse(readFileSync(library, 'utf8'))).toMatchObject({ papers: [], summaries: [], trash: [] })
  })
})
