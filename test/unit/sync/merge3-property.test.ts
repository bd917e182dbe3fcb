import { describe, expect, it } from 'vitest'
import { mergeLibraries, sameValue } from '../../../src/core/merge/three-way.js'
import { CONFLICT_TAG } from '../../../src/core/tags/rules.js'
import { emptyLibrary, trashId, type Library, type Paper, type Summary, type TrashEntry } from '../../../src/core/model.js'
import { addSummary, findSamePaper, insertPaper, type PaperInput } from '../../../src/core/papers/papers.js'
import { validateLibrary } from '../../../src/core/schema/schema.js'
import { moveToTrash, restoreFromTrash } from '../../../src/core/records/trash.js'
import { seeded as random } from '../../support/random.js'

// A shared pool so both sides sometimes add the same paper, or different papers under one citekey.
const NEW_PAPERS: PaperInput[] = [
  ['Deep nets', 'Ada Smith', 2020],
  ['Deep learning', 'Ada Smith', 2020],
  ['Graph kernels', 'Alan Turing', 2019],
  ['Message passing', 'Justin Gilmer', 2017],
  ['Gaussian processes', 'Carl Rasmussen', 2004],
  ['Compilers', 'Grace Hopper', 1952],
].map(([title, author, year]) => ({
  title: title as string,
  authors: [author as string],
  year: year as number,
  venue: null,
  arxiv: null,
  doi: null,
  url: null,
  abstract: null,
}))
const TAGS = ['gnn', 'ml', 'ml/theory', 'todo', 'thesis']

class Side {
  private tick = 0
  constructor(
    readonly lib: Library,
    readonly name: string,
    readonly rnd: () => number,
  ) {}
  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.rnd() * items.length)]
  }
  /** Timestamps in 2025, random so either side may have edited last. */
  now(): Date {
    return new Date(Date.UTC(2025, 0, 1) + Math.floor(this.rnd() * 1e9))
  }
  text(what: string): string {
    return `${what} by ${this.name} #${++this.tick}`
  }
  /** Change a summary as an edit does: the fields, then its `updated`. */
  edit(s: Summary, fields: Partial<Summary>): void {
    Object.assign(s, fields, { updated: this.now().toISOString() })
  }
}

const OPS: ((side: Side) => void)[] = [
  (side) => void addSummary(side.lib, side.pick(NEW_PAPERS)!, { by: side.name, body: side.text('new paper'), tags: [] }, side.now()),
  (side) => {
    const paper = side.pick(side.lib.papers)
    if (paper) addSummary(side.lib, paper, { by: side.name, body: side.text('new summary'), tags: [side.pick(TAGS)!] }, side.now())
  },
  (side) => {
    const s = side.pick(side.lib.summaries)
    if (s) side.edit(s, { body: side.text('body') })
  },
  (side) => {
    const s = side.pick(side.lib.summaries)
    if (s) side.edit(s, { by: side.text('reader') })
  },
  (side) => {
    const s = side.pick(side.lib.summaries)
    const tag = side.pick(TAGS)!
    if (s && !s.tags.includes(tag)) side.edit(s, { tags: [...s.tags, tag] })
  },
  (side) => {
    const s = side.pick(side.lib.summaries)
    if (s && s.tags.length > 0) {
      const gone = side.pick(s.tags)
      side.edit(s, { tags: s.tags.filter((t) => t !== gone) })
    }
  },
  (side) => {
    const p = side.pick(side.lib.papers)
    if (p) p.title = side.text('title')
  },
  (side) => {
    const p = side.pick(side.lib.papers)
    if (p) p.year = 1990 + Math.floor(side.rnd() * 35)
  },
  (side) => {
    const s = side.pick(side.lib.summaries)
    if (s) moveToTrash(side.lib, [s.id], side.now())
  },
  (side) => {
    const e = side.pick(side.lib.trash)
    if (e) restoreFromTrash(side.lib, trashId(e))
  },
  // Papers without a summary (queued with add --to-read), and removing one: it goes to the trash alone.
  (side) => {
    const input = side.pick(NEW_PAPERS)!
    if (!findSamePaper(side.lib, input)) insertPaper(side.lib, input, side.now())
  },
  (side) => {
    const p = side.pick(side.lib.papers.filter((paper) => !side.lib.summaries.some((s) => s.paper === paper.key)))
    if (p) moveToTrash(side.lib, [], side.now(), [p.key])
  },
]

function randomEdits(lib: Library, name: string, rnd: () => number, count: number): Library {
  const side = new Side(structuredClone(lib), name, rnd)
  for (let i = 0; i < count; i++) side.pick(OPS)!(side)
  if (rnd() < 0.03) side.lib.trash = []
  return side.lib
}

const summaries = (lib: Library) => new Map(lib.summaries.map((s) => [s.id, s]))
const papers = (lib: Library) => new Map(lib.papers.map((p) => [p.key, p]))
const copies = (lib: Library) => lib.summaries.filter((s) => s.tags.includes(CONFLICT_TAG))

/** A field changed on side `x`: its value must be in the merge, or (when `y` changed it too) one kept and the other copied. */
function expectFieldKept<T extends object>(
  x: T,
  y: T | undefined,
  base: T,
  merged: T,
  field: keyof T & string,
  copyHas: (value: unknown) => boolean,
): void {
  if (sameValue(x[field], base[field])) return
  if (y === undefined || sameValue(y[field], base[field]) || sameValue(y[field], x[field])) {
    expect(merged[field], field).toEqual(x[field])
  } else {
    const other = sameValue(merged[field], x[field]) ? y[field] : x[field]
    expect([x[field], y[field]]).toContainEqual(merged[field])
    expect(copyHas(other), `the ${field} not kept is in a conflict copy`).toBe(true)
  }
}

function checkSide(base: Library, x: Library, y: Library, merged: Library): void {
  const [b, xs, ys, ms] = [summaries(base), summaries(x), summaries(y), summaries(merged)]
  const conflictCopies = copies(merged)
  for (const [id, bs] of b) {
    const [xv, yv, mv] = [xs.get(id), ys.get(id), ms.get(id)]
    if (!xv && yv && sameValue(yv, bs)) expect(mv, `${id} deleted on one side only`).toBeUndefined()
    if (!xv || sameValue(xv, bs)) continue
    expect(mv, `${id} edited on one side is kept`).toBeDefined()
    for (const field of ['paper', 'by'] as const) expectFieldKept(xv, yv, bs, mv!, field, (v) => conflictCopies.some((c) => c[field] === v))
    expectFieldKept(xv, yv, bs, mv!, 'body', (v) => conflictCopies.some((c) => c.body.endsWith(`\n\n${v as string}`)))
    for (const tag of xv.tags.filter((t) => !bs.tags.includes(t))) expect(mv!.tags, `tag added to ${id}`).toContain(tag)
    for (const tag of bs.tags.filter((t) => !xv.tags.includes(t))) expect(mv!.tags, `tag removed from ${id}`).not.toContain(tag)
  }
  for (const added of x.summaries.filter((s) => !b.has(s.id))) {
    expect(
      merged.summaries.some((s) => s.body === added.body && s.by === added.by),
      `added ${added.id} is kept`,
    ).toBe(true)
  }
  const [bp, xp, yp, mp] = [papers(base), papers(x), papers(y), papers(merged)]
  for (const [key, basePaper] of bp) {
    const [xv, yv, mv] = [xp.get(key), yp.get(key), mp.get(key)]
    if (!xv || sameValue(xv, basePaper)) continue
    expect(mv, `paper ${key} edited on one side is kept`).toBeDefined()
    const notes = conflictCopies
      .filter((c) => c.paper === key)
      .map((c) => c.body)
      .join('\n')
    for (const field of ['title', 'year'] as const)
      expectFieldKept(xv, yv, basePaper, mv!, field, (v) => notes.includes(`- ${field}: ${JSON.stringify(v)}`))
  }
  // A summary trashed on x is in the merged trash unless it lives on; a paper trashed alone, likewise.
  const kind = (e: TrashEntry) => (e.summary === null ? 'paper' : 'summary')
  const live = new Set([...merged.summaries.map((s) => `summary ${s.id}`), ...merged.papers.map((p) => `paper ${p.key}`)])
  const trashKey = (e: TrashEntry) => `${kind(e)} ${trashId(e)} ${e.deleted}`
  const baseTrash = new Set(base.trash.map(trashKey))
  const mergedTrashIds = new Set(merged.trash.map((e) => `${kind(e)} ${trashId(e)}`))
  for (const entry of x.trash.filter((e) => !baseTrash.has(trashKey(e)) && !live.has(`${kind(e)} ${trashId(e)}`))) {
    expect(mergedTrashIds, `trashed ${trashId(entry)} is in the trash`).toContain(`${kind(entry)} ${trashId(entry)}`)
  }
  const xTrash = new Set(x.trash.map(trashKey))
  const mergedTrash = new Set(merged.trash.map(trashKey))
  for (const gone of base.trash.filter((e) => !xTrash.has(trashKey(e)))) expect(mergedTrash.has(trashKey(gone))).toBe(false)
}

function randomBase(rnd: () => number): Library {
  return randomEdits(emptyLibrary(), 'base', rnd, 4 + Math.floor(rnd() * 8))
}

describe('mergeLibraries on random edit pairs (seeded)', () => {
  const seeds = Array.from({ length: 400 }, (_, i) => i + 1)

  it('always gives a valid library that keeps every change made on only one side', () => {
    for (const seed of seeds) {
      const rnd = random(seed)
      const base = randomBase(rnd)
      const ours = randomEdits(base, 'ours', rnd, Math.floor(rnd() * 7))
      const theirs = randomEdits(base, 'theirs', rnd, Math.floor(rnd() * 7))
      const frozen = structuredClone([base, ours, theirs])
      const { library } = mergeLibraries(base, ours, theirs, new Date('2026-01-01T00:00:00.000Z'))
      try {
        validateLibrary(library, `merge of seed ${seed}`)
        expect([base, ours, theirs], 'inputs are not changed').toEqual(frozen)
        const paperKeys = new Set(library.papers.map((p) => p.key))
        for (const s of library.summaries) expect(paperKeys, `paper of ${s.id}`).toContain(s.paper)
        checkSide(base, ours, theirs, library)
        checkSide(base, theirs, ours, library)
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).message}`)
      }
    }
  })

  it('exercises what it claims: same-field conflicts and citekey clashes occur', () => {
    let conflicts = 0
    let renamedPapers = 0
    for (const seed of seeds) {
      const rnd = random(seed)
      const base = randomBase(rnd)
      const ours = randomEdits(base, 'ours', rnd, Math.floor(rnd() * 7))
      const theirs = randomEdits(base, 'theirs', rnd, Math.floor(rnd() * 7))
      const result = mergeLibraries(base, ours, theirs, new Date('2026-01-01T00:00:00.000Z'))
      conflicts += result.conflicts.length
      renamedPapers += result.library.papers.filter((p: Paper) => /a$/.test(p.key) && !base.papers.some((b) => b.key === p.key)).length
    }
    expect(conflicts).toBeGreaterThan(10)
    expect(renamedPapers).toBeGreaterThan(0)
  })
})
