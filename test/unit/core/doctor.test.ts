import { describe, expect, it } from 'vitest'
import { checkFolder, type FolderState } from '../../../src/core/doctor/files.js'
import { repairLibrary } from '../../../src/core/doctor/repair.js'
import { placeholderPaper } from '../../../src/core/papers/placeholders.js'
import { checkLibrary, tagTrouble } from '../../../src/core/doctor/doctor.js'
import { checkAttachments } from '../../../src/core/doctor/attachments.js'
import { conflictingFields, duplicatePairs, samePaperReason } from '../../../src/core/doctor/duplicates.js'
import type { Library, Paper } from '../../../src/core/model.js'
import { moveToTrash } from '../../../src/core/records/trash.js'
import { libraryOf, paper, smallLibrary, summary } from '../../support/library.js'

const kinds = (lib: Library) => checkLibrary(lib).map((f) => f.kind)

describe('samePaperReason', () => {
  const base = paper({ key: 'a2020x', title: 'Graph Networks', year: 2020 })
  it.each<[string, Partial<Paper>, Partial<Paper>, string | null]>([
    [
      'arXiv ids, versions ignored',
      { arxiv: '1704.01212v2' },
      { arxiv: '1704.01212', title: 'Graph networks for chemistry' },
      'the same arXiv id 1704.01212',
    ],
    ['DOIs, case ignored', { doi: '10.1000/ABC' }, { doi: 'https://doi.org/10.1000/abc', title: 'Untitled' }, 'the same DOI 10.1000/abc'],
    ['a shared arXiv id, titles that disagree', { arxiv: '1704.01212', title: 'One' }, { arxiv: '1704.01212', title: 'Other' }, null],
    ['a shared arXiv id, two DOIs', { arxiv: '1704.01212', doi: '10.1000/a' }, { arxiv: '1704.01212', doi: '10.1000/b' }, null],
    [
      'a shared DOI, two chapters',
      { doi: '10.1000/book', title: 'Introduction' },
      { doi: '10.1000/book', title: 'Kernels on graphs' },
      null,
    ],
    ['two texts that are not DOIs never match', { doi: 'not a doi', title: 'One' }, { doi: 'n/a', title: 'Other' }, null],
    ['titles folded, same year', { title: 'Graph Networks!' }, { title: 'graph   networks' }, 'the same title and year'],
    ['same title, other year', {}, { year: 2021 }, null],
    ['different titles, no ids', {}, { title: 'Other' }, null],
    ['empty titles never match', { title: '' }, { title: '' }, null],
  ])('%s', (_, a, b, reason) => {
    expect(samePaperReason({ ...base, ...a }, { ...base, key: 'b2020x', ...b })).toBe(reason)
  })
})

describe('conflictingFields', () => {
  const keep = paper({ key: 'a', title: 'T', authors: ['Ada'], year: 2020, venue: 'NeurIPS', doi: '10.1000/X' })
  it.each<[string, Partial<Paper>, string[]]>([
    ['identical', {}, []],
    ['the duplicate only adds details', { arxiv: '2001.00001', url: 'https://x', authors: [] }, []],
    ['a DOI in another case', { doi: '10.1000/x' }, []],
    ['the title folded differently', { title: 't!' }, []],
    ['another venue and year', { venue: 'ICML', year: 2021 }, ['year', 'venue']],
    ['other authors', { authors: ['Bo'] }, ['authors']],
  ])('%s', (_, change, conflicts) => {
    expect(conflictingFields(keep, { ...keep, key: 'b', ...change })).toEqual(conflicts)
  })
})

describe('duplicatePairs', () => {
  it('finds each repeat once, against the record added first, and follows identities a duplicate brings', () => {
    const lib = libraryOf([
      paper({ key: 'b2', title: 'beta', year: 2020, added: '2024-09-01T00:00:00.000Z' }),
      paper({ key: 'a', title: 'Alpha', arxiv: '2001.00001' }),
      paper({ key: 'b', title: 'Beta' }),
      paper({ key: 'a2', title: 'Alpha again', arxiv: '2001.00001', doi: '10.1000/alpha' }),
      paper({ key: 'a3', title: 'Alpha published', doi: '10.1000/ALPHA' }),
      paper({ key: 'c', title: 'Gamma', doi: 'unknown' }),
      paper({ key: 'd', title: 'Delta', doi: 'unknown' }),
    ])
    expect(duplicatePairs(lib).map((p) => [p.duplicate.key, p.keep.key, p.reason])).toEqual([
      ['a2', 'a', 'the same arXiv id 2001.00001'],
      ['a3', 'a', 'the same DOI 10.1000/alpha as a2'],
      ['b2', 'b', 'the same title and year'],
    ])
  })
})

describe('tagTrouble', () => {
  it.each<[string, string[], { problems: number; repaired: string[]; repairable: boolean } | null]>([
    ['valid tags', ['gnn', 'ml/graphs'], null],
    ['a duplicate', ['gnn', 'gnn'], { problems: 1, repaired: ['gnn'], repairable: true }],
    ['upper case and spaces', ['GNN', 'deep learning'], { problems: 2, repaired: ['gnn', 'deep-learning'], repairable: true }],
    ['a case variant of a tag already there', ['gnn', 'GNN'], { problems: 2, repaired: ['gnn'], repairable: true }],
    ['a control character: kept, not repairable', ['a\u001bb', 'ok'], { problems: 1, repaired: ['a\u001bb', 'ok'], repairable: false }],
    ['an empty segment', ['ml//gnn'], { problems: 1, repaired: ['ml//gnn'], repairable: false }],
  ])('%s', (_, tags, expected) => {
    const trouble = tagTrouble(tags)
    expect(trouble && { problems: trouble.problems.length, repaired: trouble.repaired, repairable: trouble.repairable }).toEqual(expected)
  })
})

/** Libraries with one kind of damage each, the finding expected, and what --fix should leave. */
function damagedLibraries(): [string, Library, string[], (lib: Library) => void][] {
  const withDuplicate = smallLibrary()
  withDuplicate.papers.push(
    paper({
      key: 'dup2017x',
      title: 'Neural message passing for quantum chemistry',
      year: 2017,
      doi: '10.1000/mpnn',
      authors: [],
      added: '2025-01-01T00:00:00.000Z',
    }),
  )
  withDuplicate.summaries.push(summary({ id: 'dup2017x', paper: 'dup2017x' }))

  const conflicting = smallLibrary()
  conflicting.papers.push(paper({ key: 'clash', title: 'Neural message passing for chemistry', arxiv: '1704.01212v3', year: 2016 }))

  const orphan = smallLibrary()
  orphan.summaries.push(summary({ id: 'orphan', paper: 'nowhere2020x', created: '2023-05-05T00:00:00.000Z' }))

  const orphanInTrash = smallLibrary()
  moveToTrash(orphanInTrash, ['rasmussen2004gaussian'], new Date('2024-06-01T00:00:00Z'))
  orphanInTrash.summaries.push({ ...orphanInTrash.trash[0]!.summary, id: 'rasmussen2004gaussian-2' }) // its paper rides in the trash

  const trashWithoutPaper = smallLibrary()
  trashWithoutPaper.trash.push({ summary: summary({ id: 'lost', paper: 'lost2019x' }), paper: null, deleted: '2024-06-01T00:00:00.000Z' })

  const tags = smallLibrary()
  tags.summaries[0]!.tags = ['GNN', 'gnn', 'chemistry']

  return [
    [
      'a paper recorded twice',
      withDuplicate,
      ['duplicate-paper'],
      (lib) => {
        expect(lib.papers.map((p) => p.key)).not.toContain('dup2017x')
        expect(lib.summaries.find((s) => s.id === 'dup2017x')?.paper).toBe('gilmer2017neural')
        expect(lib.papers.find((p) => p.key === 'gilmer2017neural')?.doi).toBe('10.1000/mpnn')
      },
    ],
    [
      'a summary whose paper is missing',
      orphan,
      ['missing-paper'],
      (lib) => {
        expect(lib.papers.find((p) => p.key === 'nowhere2020x')).toEqual(placeholderPaper('nowhere2020x', '2023-05-05T00:00:00.000Z'))
      },
    ],
    [
      'a summary whose paper is only in the trash',
      orphanInTrash,
      ['missing-paper'],
      (lib) => {
        expect(lib.papers.find((p) => p.key === 'rasmussen2004gaussian')?.title).toBe('Gaussian Processes in Machine Learning')
      },
    ],
    [
      'a trashed summary whose paper is gone',
      trashWithoutPaper,
      ['trash-missing-paper'],
      (lib) => {
        expect(lib.trash.at(-1)?.paper?.key).toBe('lost2019x')
      },
    ],
    ['tags breaking the rules', tags, ['bad-tags'], (lib) => expect(lib.summaries[0]?.tags).toEqual(['gnn', 'chemistry'])],
  ]
}

describe('checkLibrary and repairLibrary', () => {
  it('a sound library has no findings and nothing to repair', () => {
    const lib = smallLibrary()
    expect(checkLibrary(lib)).toEqual([])
    expect(repairLibrary(lib)).toEqual([])
    expect(lib).toEqual(smallLibrary())
  })

  it.each(damagedLibraries())('%s: found, fixable, repaired without loss, then clean', (_, lib, expected, check) => {
    const findings = checkLibrary(lib)
    expect(findings.map((f) => f.kind)).toEqual(expected)
    expect(findings.every((f) => f.fixable && f.fix.startsWith('precis doctor --fix'))).toBe(true)
    const summariesBefore = lib.summaries.length + lib.trash.length
    expect(repairLibrary(lib)).toHaveLength(expected.length)
    check(lib)
    expect(lib.summaries.length + lib.trash.length).toBe(summariesBefore)
    expect(kinds(lib)).toEqual([])
  })

  it('two records of one paper that disagree are reported with the way to merge them, and left alone', () => {
    const [, lib] = damagedLibraries().find(([name]) => name === 'a paper recorded twice')!
    lib.papers.find((p) => p.key === 'dup2017x')!.venue = 'ICML'
    lib.papers.find((p) => p.key === 'gilmer2017neural')!.venue = 'ICLR'
    const [finding] = checkLibrary(lib)
    expect(finding).toMatchObject({ kind: 'duplicate-paper', fixable: false, subjects: ['gilmer2017neural', 'dup2017x'] })
    expect(finding?.fix).toContain('They disagree on venue')
    const before = structuredClone(lib)
    expect(repairLibrary(lib)).toEqual([])
    expect(lib).toEqual(before)
  })
})

describe('checkFolder', () => {
  const clean: FolderState = {
    library: '/l/library.json',
    libraryMtimeMs: 2_000,
    backup: { path: '/l/library.json.bak', mtimeMs: 1_000, problem: null },
    lock: null,
    leftovers: [],
  }
  it.each<[string, Partial<FolderState>, string[], boolean[]]>([
    ['nothing wrong', {}, [], []],
    [
      'a live lock is someone writing, not a problem',
      { lock: { path: '/l/library.json.lock', stale: false, owner: 'process 1 on here' } },
      [],
      [],
    ],
    ['a stale lock', { lock: { path: '/l/library.json.lock', stale: true, owner: 'process 9 on here' } }, ['stale-lock'], [true]],
    [
      'leftover temp files',
      {
        leftovers: [
          { path: '/l/.library.json.tmp-1-a', bytes: 2_500_000 },
          { path: '/l/.library.json.bak-1-b', bytes: 0 },
        ],
      },
      ['leftover-temp-files'],
      [true],
    ],
    [
      'a damaged backup',
      { backup: { path: '/l/library.json.bak', mtimeMs: 1_000, problem: 'not valid JSON' } },
      ['damaged-backup'],
      [false],
    ],
    [
      'a backup newer than the library',
      { backup: { path: '/l/library.json.bak', mtimeMs: 3_000, problem: null } },
      ['backup-newer'],
      [false],
    ],
    ['no library, but a backup', { libraryMtimeMs: null }, ['missing-library'], [false]],
    ['no library and no backup: a new library, fine', { libraryMtimeMs: null, backup: null }, [], []],
  ])('%s', (_, change, expected, fixable) => {
    const findings = checkFolder({ ...clean, ...change })
    expect(findings.map((f) => f.kind)).toEqual(expected)
    expect(findings.map((f) => f.fixable)).toEqual(fixable)
  })

  it('names the leftover files and their total size', () => {
    const [finding] = checkFolder({ ...clean, leftovers: [{ path: '/l/.library.json.tmp-1-a', bytes: 2_500_000 }] })
    expect(finding?.problem).toContain('1 temp file (2.4 MB)')
    expect(finding?.subjects).toEqual(['/l/.library.json.tmp-1-a'])
  })
})

describe('checkAttachments', () => {
  const file = { kind: 'file' as const, name: 'a.pdf', sha256: '0'.repeat(64), size: 1, added: '2024-05-01T00:00:00.000Z' }
  const lib = libraryOf([paper({ key: 'a2020x', attachments: [file, { ...file, name: 'b.pdf' }] })])

  it('a paper folder that is a link is one finding that says so, not each file missing with advice to forget it', () => {
    const findings = checkAttachments(lib, '/lib.files', new Map([['a2020x', null]]))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ kind: 'missing-attachment', subjects: ['a2020x', '/lib.files/a2020x'] })
    expect(findings[0]!.problem).toContain('not a folder')
    expect(findings[0]!.fix).not.toContain('--rm')
  })

  it('a file missing from a real folder is named, with attach --rm to forget it', () => {
    const findings = checkAttachments(lib, '/lib.files', new Map([['a2020x', ['a.pdf']]]))
    expect(findings.map((f) => f.fix)).toEqual(['Put the file back there, or forget it: precis attach a2020x b.pdf --rm'])
  })
})
