/**
 * Keys that differ only in case (`Chen_2017`, `chen_2017`): BibTeX takes them for one key. A
 * library never takes such a pair (an import disambiguates once), an export never renames a key,
 * and a pair an older library holds is named by doctor and kept as it is by export.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyLibrary } from '../../src/core/model.js'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

const BIB = `@article{Chen_2017,
  author = {Chen, Li},
  title = {Deep Nets for Graphs},
  journal = {Journal of Graphs},
  year = {2017}
}

@article{chen_2017,
  author = {Chen, Wei},
  title = {Sparse Kernels},
  journal = {Journal of Kernels},
  year = {2017}
}
`

/** The keys of a `.bib` text, in order. */
const bibKeys = (text: string) => [...text.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1])

describe('keys that differ only in case', () => {
  it('an import disambiguates once; export then import gives the same keys', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'refs.bib'), BIB)
    const first = testContext({ library: emptyLibrary() })
    first.cwd = dir
    expect(await main(['import', 'refs.bib'], first)).toBe(0)
    const keys = (await first.store.read()).papers.map((p) => p.key)
    expect(keys[0]).toBe('Chen_2017')
    expect(keys[1]!.toLowerCase()).not.toBe('chen_2017')

    // Importing the same file again changes nothing: the pair was settled once.
    expect(await main(['import', 'refs.bib'], first)).toBe(0)
    expect((await first.store.read()).papers.map((p) => p.key)).toEqual(keys)

    expect(await main(['export', '--format', 'bibtex', '--out', join(dir, 'out.bib')], first)).toBe(0)
    const second = testContext({ library: emptyLibrary() })
    second.cwd = dir
    expect(await main(['import', 'out.bib'], second)).toBe(0)
    expect((await second.store.read()).papers.map((p) => p.key)).toEqual(keys)
  })

  it('a pair an older library holds: export keeps both keys, doctor names them with a rekey for one', async () => {
    const lib = libraryOf(
      [paper({ key: 'Chen_2017', title: 'Deep Nets' }), paper({ key: 'chen_2017', title: 'Sparse Kernels' })],
      [summary({ id: 'Chen_2017', paper: 'Chen_2017' }), summary({ id: 'chen_2017', paper: 'chen_2017' })],
    )
    const ctx = testContext({ library: lib })
    expect(await main(['export', '--format', 'bibtex'], ctx)).toBe(0)
    expect(bibKeys(ctx.stdout())).toEqual(['Chen_2017', 'chen_2017'])

    const doctor = testContext({ library: lib })
    expect(await main(['--json', 'doctor'], doctor)).toBe(4)
    const report = JSON.parse(doctor.stdout()) as { findings: { kind: string; fix: string }[] }
    expect(report.findings.map((f) => f.kind)).toEqual(['case-twin-keys'])
    expect(report.findings[0]!.fix).toContain('precis rekey chen_2017 chen_2017a')

    // The rekey doctor suggests settles it.
    expect(await main(['rekey', 'chen_2017', 'chen_2017a'], doctor)).toBe(0)
    const after = testContext({ library: await doctor.store.read() })
    expect(await main(['doctor'], after)).toBe(0)
  })

  it('rekey refuses a key another paper has in another case (exit 2)', async () => {
    const ctx = testContext({ library: libraryOf([paper({ key: 'Chen_2017' }), paper({ key: 'wei2017sparse' })]) })
    expect(await main(['rekey', 'wei2017sparse', 'chen_2017'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('The key "chen_2017" is taken by another paper: "Chen_2017"')
  })
})
