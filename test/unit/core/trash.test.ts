import { describe, expect, it } from 'vitest'
import { NotFoundError } from '../../../src/core/errors.js'
import { moveToTrash, restoreFromTrash, restoreWithFiles } from '../../../src/core/records/trash.js'
import { paper, smallLibrary, summary } from '../../support/library.js'

const now = new Date('2026-05-05T00:00:00.000Z')

describe('moveToTrash and restoreFromTrash', () => {
  it('keeps a paper that still has summaries', () => {
    const lib = smallLibrary()
    const [entry] = moveToTrash(lib, ['gilmer2017neural-2'], now)
    expect(entry).toMatchObject({ summary: { id: 'gilmer2017neural-2' }, paper: null, deleted: now.toISOString() })
    expect(lib.papers.map((p) => p.key)).toContain('gilmer2017neural')
    expect(lib.summaries.map((s) => s.id)).not.toContain('gilmer2017neural-2')
  })

  it('takes a paper along with its last summary, and restore brings both back exactly', () => {
    const lib = smallLibrary()
    const before = structuredClone(lib)
    moveToTrash(lib, ['rasmussen2004gaussian'], now)
    expect(lib.papers.map((p) => p.key)).not.toContain('rasmussen2004gaussian')
    expect(lib.trash[0]?.paper?.key).toBe('rasmussen2004gaussian')
    const restored = restoreFromTrash(lib, 'rasmussen2004gaussian')
    expect(restored).toEqual(before.summaries[2])
    expect(lib.papers.find((p) => p.key === 'rasmussen2004gaussian')).toEqual(before.papers[1])
    expect(lib.trash).toEqual([])
  })

  it('removes all of a paper in one go, with one entry carrying the paper', () => {
    const lib = smallLibrary()
    const entries = moveToTrash(lib, ['gilmer2017neural', 'gilmer2017neural-2'], now)
    expect(entries.filter((e) => e.paper !== null)).toHaveLength(1)
    expect(lib.papers.map((p) => p.key)).toEqual(['rasmussen2004gaussian'])
    restoreFromTrash(lib, 'gilmer2017neural-2')
    restoreFromTrash(lib, 'gilmer2017neural')
    expect(lib.papers.map((p) => p.key).sort()).toEqual(['gilmer2017neural', 'rasmussen2004gaussian'])
    expect(lib.summaries.map((s) => s.id).sort()).toEqual(['gilmer2017neural', 'gilmer2017neural-2', 'rasmussen2004gaussian'])
  })

  it('restores under a new key when another paper took the old one meanwhile', () => {
    const lib = smallLibrary()
    moveToTrash(lib, ['rasmussen2004gaussian'], now)
    lib.papers.push(
      paper({ key: 'rasmussen2004gaussian', title: 'Something else entirely', authors: ['Carl Edward Rasmussen'], year: 2004 }),
    )
    lib.summaries.push(summary({ id: 'rasmussen2004gaussian', paper: 'rasmussen2004gaussian' }))
    const restored = restoreFromTrash(lib, 'rasmussen2004gaussian')
    expect(restored.paper).toBe('rasmussen2004gaussiana')
    expect(restored.id).toBe('rasmussen2004gaussiana')
  })

  it('says what is not in the trash', () => {
    expect(() => restoreFromTrash(smallLibrary(), 'nope')).toThrow(NotFoundError)
  })
})

describe('restoreWithFiles', () => {
  const file = { kind: 'file' as const, name: 'a.pdf', sha256: '1'.repeat(64), size: 1, added: '2024-05-01T00:00:00.000Z' }
  const trashed = () => {
    const lib = smallLibrary()
    lib.papers.find((p) => p.key === 'rasmussen2004gaussian')!.attachments = [file]
    moveToTrash(lib, ['rasmussen2004gaussian'], now)
    return lib
  }

  it('a paper back under its own key moves no file', () => {
    expect(restoreWithFiles(trashed(), 'rasmussen2004gaussian').files).toEqual([])
  })

  it('a paper back under a new key moves its files to that key', () => {
    const lib = trashed()
    lib.papers.push(paper({ key: 'rasmussen2004gaussian', title: 'Another paper', year: 1999 }))
    const { summary, files } = restoreWithFiles(lib, 'rasmussen2004gaussian')
    expect(summary.paper).not.toBe('rasmussen2004gaussian')
    expect(files).toEqual([{ fromKey: 'rasmussen2004gaussian', name: 'a.pdf', toKey: summary.paper, to: 'a.pdf' }])
  })

  it("joining the library's record of the paper: it takes the files it lacks; a copy of bytes it has goes", () => {
    const lib = trashed()
    const record = structuredClone(lib.trash[0]!.paper!)
    lib.papers.push({ ...record, key: 'other', attachments: [{ ...file, name: 'same-bytes.pdf' }] })
    expect(restoreWithFiles(lib, 'rasmussen2004gaussian').files).toEqual([
      { fromKey: 'rasmussen2004gaussian', name: 'a.pdf', toKey: 'other', to: null },
    ])
    const lib2 = trashed()
    lib2.papers.push({ ...structuredClone(lib2.trash[0]!.paper!), key: 'other', attachments: [{ ...file, sha256: '2'.repeat(64) }] })
    expect(restoreWithFiles(lib2, 'rasmussen2004gaussian').files).toEqual([
      { fromKey: 'rasmussen2004gaussian', name: 'a.pdf', toKey: 'other', to: 'a-2.pdf' },
    ])
    expect(lib2.papers.find((p) => p.key === 'other')!.attachments!.map((a) => (a.kind === 'file' ? a.name : ''))).toEqual([
      'a.pdf',
      'a-2.pdf',
    ])
  })
})
