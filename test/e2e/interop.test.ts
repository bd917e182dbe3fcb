/** The built binary imports CSL-JSON, RIS and Zotero's JSON together and exports them as CSL-JSON and RIS. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { runPrecis } from '../support/cli.js'

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/formats/interop/${name}`, import.meta.url))

describe('CSL-JSON, RIS and Zotero in and out (spawned)', () => {
  it('one library from four exports of the same papers, written back as CSL-JSON and RIS', async () => {
    const root = tempDir()
    const library = join(root, 'library.json')
    const env = { NODE_ENV: 'test' }
    const files = ['zotero-csl.json', 'zotero.ris', 'zotero-api.json', 'better-bibtex.json'].map(fixture)
    const imported = await runPrecis(['--library', library, 'import', ...files, '--on-conflict', 'update'], { env })
    expect(imported.code, imported.stderr).toBe(0)
    expect((await runPrecis(['--library', library, 'export', '--format', 'csljson', '--out', join(root, 'refs.json')], { env })).code).toBe(
      0,
    )
    expect((await runPrecis(['--library', library, 'export', '--format', 'ris', '--out', join(root, 'refs.ris')], { env })).code).toBe(0)
    const items = JSON.parse(readFileSync(join(root, 'refs.json'), 'utf8')) as Array<{ id: string; title: string }>
    // The same paper from each file is one paper: Gilmer, BERT and the made-up chapter.
    expect(items.map((item) => item.title).sort()).toEqual([
      'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
      'Neural message passing for Quantum chemistry',
      'Particles, Suffixes and Organisations',
    ])
    const ris = readFileSync(join(root, 'refs.ris'), 'utf8')
    expect(ris.match(/^ER {2}- $/gm)).toHaveLength(3)
    expect(ris).toContain('ID  - gilmer2017neural\n')
  })
})
