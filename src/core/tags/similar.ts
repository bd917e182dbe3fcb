import { editDistance } from '../text/similar.js'
import { pushAll } from '../lists.js'

/** Why a new tag looks like an existing one. */
export type Likeness = 'separator' | 'plural' | 'typo' | 'hierarchy'

/** A new tag and the existing tag it looks like. */
export interface SimilarTag {
  /** The tag being added, not yet in the library. */
  tag: string
  /** The library's tag it resembles. */
  existing: string
  reason: Likeness
}

/** Shortest segment checked for one-letter typos: shorter words differ by one letter and mean different things (`gan`, `gnn`). */
const TYPO_MIN_LENGTH = 5

const SEPARATORS = /[-_./]+/g

/** `a` is a plural of `b` in the regular English ways: `gnns`/`gnn`, `processes`/`process`, `studies`/`study`. */
function isPluralOf(a: string, b: string): boolean {
  return a === b + 's' || a === b + 'es' || (b.endsWith('y') && a === b.slice(0, -1) + 'ies')
}

function segmentLikeness(a: string, b: string): Likeness | null {
  if (isPluralOf(a, b) || isPluralOf(b, a)) return 'plural'
  if (Math.min(a.length, b.length) >= TYPO_MIN_LENGTH && editDistance(a, b, 1) === 1) return 'typo'
  return null
}

/**
 * How `tag` resembles `existing`, or null: the same words with other separators (`meta_learning`,
 * `meta-learning`, `metalearning`), or, segment by segment with exactly one segment differing,
 * a plural (`ml/gnns`, `ml/gnn`) or a one-letter typo in a word of 5+ letters; at another depth of the
 * hierarchy, the last words the same (`gnn`, `ml/gnn`), plural or one letter apart (`transformer`, `nlp/transformers`).
 */
export function tagLikeness(tag: string, existing: string): Likeness | null {
  if (tag === existing) return null
  if (tag.replace(SEPARATORS, '') === existing.replace(SEPARATORS, '')) return 'separator'
  const ours = tag.split('/')
  const theirs = existing.split('/')
  // At another depth of the hierarchy (`transformer`, `nlp/transformers`): the last words compared.
  if (ours.length !== theirs.length) {
    const [leaf, otherLeaf] = [ours.at(-1)!, theirs.at(-1)!]
    return leaf === otherLeaf ? 'hierarchy' : segmentLikeness(leaf, otherLeaf)
  }
  const differing = ours.flatMap((segment, i) => (segment === theirs[i] ? [] : [i]))
  if (differing.length !== 1) return null
  const i = differing[0]!
  return segmentLikeness(ours[i]!, theirs[i]!)
}

const ORDER: readonly Likeness[] = ['separator', 'plural', 'typo', 'hierarchy']

/**
 * For each tag not in `existing`, the existing tags it looks like: most alike first (separator,
 * plural, typo), then by name. Tags already in the library are not new and never warned about.
 */
export function findSimilarTags(tags: readonly string[], existing: ReadonlySet<string>): SimilarTag[] {
  const found: SimilarTag[] = []
  for (const tag of tags) {
    if (existing.has(tag)) continue
    const alike = [...existing].flatMap((other) => {
      const reason = tagLikeness(tag, other)
      return reason ? [{ tag, existing: other, reason }] : []
    })
    alike.sort((a, b) => ORDER.indexOf(a.reason) - ORDER.indexOf(b.reason) || (a.existing < b.existing ? -1 : 1))
    pushAll(found, alike)
  }
  return found
}
