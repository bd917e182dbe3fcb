/**
 * The near table (near-table.ts) and wordsNear (posted-typos.ts): the words typo correction finds
 * one edit from a typo through the table are exactly those nearWords finds comparing every word of
 * the vocabulary, as a scan reads them (the pieces of the typo, the spelled length, the singular and
 * the term), whether the postings are in memory or read from their file a block at a time, and with
 * a delta's words the base lacks.
 */
import { describe, expect, it } from 'vitest'
import { eachKey, nearCandidates, numberBits } from '../../../src/core/search/near-table.js'
import { assemble, FIELD_COUNT, type Postings } from '../../../src/core/search/postings.js'
import { PostingsView } from '../../../src/core/search/postings-view.js'
import { wordsNear } from '../../../src/core/search/posted-typos.js'
import { correctable, nearWords, pieces } from '../../../src/core/search/typos.js'
import { foldPlural } from '../../../src/core/text/plural.js'
import { stemWord } from '../../../src/core/text/stem.js'
import { decodePostings, encodePostings } from '../../../src/store/index/postings-format.js'
import { pick, seeded, type Random } from '../../support/random.js'

const IDENTITY = { dev: '1', ino: '2', size: '3', mtimeNs: '4', ctimeNs: '5' }

/** Postings of one document holding each of `words` once, each spelled in as many units as `spelled` says. */
function postingsOf(words: readonly string[], spelled: readonly number[]): Postings {
  const tokens = Uint32Array.from(words, (_, i) => i)
  const fieldStarts = new Uint32Array(FIELD_COUNT + 1)
  fieldStarts[FIELD_COUNT] = words.length
  return assemble(1, words, spelled, tokens, fieldStarts, new Uint32Array(FIELD_COUNT), new Uint8Array(1))
}

/** The same postings written to a file and read back (its sections a block at a time). */
const fromFile = (postings: Postings) => decodePostings(encodePostings({ library: '/l.json', identity: IDENTITY, postings }))!.postings

/** What a scan finds: every vocabulary entry compared by nearWords, among those holding a piece of the typo. */
function everyWordCompared(view: PostingsView, typo: string): [number, string][] {
  const near = nearWords(typo)
  const [one, two] = pieces(foldPlural(typo))
  const found: [number, string][] = []
  for (let w = 0; w < view.vocabulary; w++) {
    const seen = view.word(w)!
    if (!seen.includes(one) && !seen.includes(two)) continue
    const term = near(seen, view.spelled(w), stemWord(seen))
    if (term !== null) found.push([w, term])
  }
  return found
}

const sortedEntries = (found: Map<number, string>) => [...found].sort((a, b) => a[0] - b[0])

const word = (random: Random, letters: readonly string[], shortest: number, longest: number) =>
  Array.from({ length: shortest + Math.floor(random() * (longest - shortest + 1)) }, () => pick(random, letters)).join('')

/** `text` with one edit: a letter inserted, deleted or replaced, or two neighbours swapped. */
function edited(random: Random, text: string, letters: readonly string[]): string {
  const at = Math.floor(random() * (text.length + 1))
  const letter = pick(random, letters)
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at) + letter + text.slice(at)
    case 1:
      return text.slice(0, at) + text.slice(at + 1)
    case 2:
      return text.slice(0, at) + letter + text.slice(at + 1)
    default:
      return text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) + text.slice(at + 2)
  }
}

// Few letters, so that words near one another are many; `y` for plurals in -ies, and units a typo never has.
const LETTERS = [...'abeilnorsty']
const OTHERS = ['é', '2', '-', '\ud835']
const ENDINGS = ['', '', 's', 'es', 'ing', 'ed', 'ies', 'ation', 'ations']

/** A vocabulary around some words (`roots`): each edited, with endings, a unit past the letters, plurals in -ies. */
function vocabulary(random: Random, roots: readonly string[]): { words: string[]; spelled: number[] } {
  const words: string[] = []
  for (const root of roots)
    for (let n = Math.floor(random() * 12); n > 0; n--) {
      let text = random() < 0.7 ? edited(random, root, LETTERS) : root
      if (random() < 0.3) text = edited(random, text, LETTERS)
      if (random() < 0.1) text = edited(random, text, OTHERS)
      text = (random() < 0.2 ? text.replace(/y$/, '') : text) + pick(random, ENDINGS)
      words.push(text)
    }
  words.push(...Array.from({ length: Math.floor(random() * 30) }, () => word(random, [...LETTERS, ...OTHERS], 1, 12)))
  // Irregular plurals (mice folds to mouse, one edit from mousse), and a word spelled in more units than it has.
  words.push('mice', 'mouse', 'vertices')
  const spelled = words.map((text) => (random() < 0.1 ? text.length + Math.floor(random() * 10) : text.length))
  // Each word once with each spelled length, as a build's vocabulary has them.
  const seen = new Set<string>()
  const kept = words.flatMap((text, i) => (seen.has(`${text} ${spelled[i]}`) ? [] : (seen.add(`${text} ${spelled[i]}`), [i])))
  return { words: kept.map((i) => words[i]!), spelled: kept.map((i) => spelled[i]!) }
}

describe('the near table', () => {
  it('gives, for typos of every kind, exactly the words a scan finds comparing every word (in memory and from the file)', () => {
    const random = seeded(47)
    let found = 0
    let rounds = 0
    for (let round = 0; round < 300; round++) {
      const roots = Array.from({ length: 1 + Math.floor(random() * 4) }, () => word(random, LETTERS, 5, 10))
      const { words, spelled } = vocabulary(random, roots)
      const built = postingsOf(words, spelled)
      const views = [new PostingsView(built), new PostingsView(fromFile(built))]
      for (let t = 0; t < 8; t++) {
        const root = pick(random, [...roots, ...words.filter(correctable)])
        const typo = random() < 0.2 ? root.replace(/y$/, 'ies') : edited(random, root, LETTERS)
        if (!correctable(typo)) continue
        rounds++
        const expected = everyWordCompared(views[0]!, typo)
        found += expected.length
        for (const view of views) expect(sortedEntries(wordsNear(view, typo)), typo).toEqual(expected)
      }
    }
    expect(rounds).toBeGreaterThan(1500)
    expect(found).toBeGreaterThan(2000)
  })

  it("gives a delta's words the base lacks as a scan finds them, numbered after the base's", () => {
    const random = seeded(11)
    for (let round = 0; round < 60; round++) {
      const roots = Array.from({ length: 2 }, () => word(random, LETTERS, 5, 9))
      const base = vocabulary(random, roots)
      const added = vocabulary(random, roots)
      const delta = { postings: postingsOf(added.words, added.spelled), order: Uint32Array.of(0, 1) }
      const view = new PostingsView(fromFile(postingsOf(base.words, base.spelled)), delta)
      for (const root of roots) {
        const typo = edited(random, root, LETTERS)
        if (correctable(typo)) expect(sortedEntries(wordsNear(view, typo)), typo).toEqual(everyWordCompared(view, typo))
      }
    }
  })

  it('meets a form and its one-edit neighbours by a key they share, and forms past the letters only by deleting their one other unit', () => {
    const keys = (form: string) => {
      const hashes: number[] = []
      eachKey(form, (hash) => hashes.push(hash))
      return hashes
    }
    const meet = (a: string, b: string) => keys(a).some((hash) => keys(b).includes(hash))
    expect(meet('passing', 'pasing')).toBe(true) // a deletion
    expect(meet('passing', 'passsing')).toBe(true) // an insertion
    expect(meet('passing', 'pessing')).toBe(true) // a replacement
    expect(meet('passing', 'psasing')).toBe(true) // a swap: two deletions meeting
    expect(keys('passing')).toHaveLength(7) // itself and six deletions: either s of `ss` deleted gives one
    expect(keys('pass2ng')).toHaveLength(1)
    expect(meet('pass2ng', 'passng')).toBe(true)
    expect(keys('pa22ing')).toEqual([]) // two edits from any typo
  })

  it('reads a table whose entries name numbers past the words and stems as naming none', () => {
    const postings = postingsOf(['graph', 'graphs', 'grape'], [5, 6, 5])
    const numbers = postings.words.length + postings.stems.length
    const reader = (entries: Uint32Array) => ({
      buckets: postings.nearBuckets,
      start: (b: number) => postings.nearStarts[b],
      entry: (at: number) => entries[at],
    })
    expect(nearCandidates(reader(postings.nearEntries), numbers, ['graph'])).not.toEqual([])
    const past = postings.nearEntries.map((entry) => entry | (2 ** numberBits(numbers) - 1))
    expect(nearCandidates(reader(past), numbers, ['graph'])).toEqual([])
  })
})
