/**
 * Which entries match a query that their outlines answer (outlineFilter's answer, core/search), read
 * from the outline's columns: each term tested over every entry in one loop of its own (tags, years,
 * ids and reading states on the values themselves, by the predicates outlineTest uses; any other term
 * through outlineTest on the entry), then the clauses combined. `list tag:ml/gnn year:>=2018` thus
 * makes no entry object and decodes only the columns its terms read; a tag is read from the entries
 * each tag lists (tagged-entries.ts) where the outline keeps them. The tests hold its answers to
 * outlineFilter's.
 */
import type { Query, Term } from '../search/query.js'
import { idMatches, outlineFilter, outlineTest, stateMatches, yearMatches } from '../search/outline-filter.js'
import { tagMatches } from '../tags/rules.js'
import { shownTags } from '../tags/paper-tags.js'
import { paperColumn, summaryColumn, type LibraryOutline } from './outline.js'
import { entriesTagged } from './tagged-entries.js'

/**
 * The pairs of `pairs` (sortedPairs: [summary index or -1, paper index], flattened) whose entry
 * matches `query`, in their order; null when a term needs more than the outline (words, math,
 * figures, citations: the bodies are searched instead).
 */
export function matchingPairs(outline: LibraryOutline, pairs: ArrayLike<number>, query: Query): number[] | null {
  if (!outlineFilter(query)) return null // before any column is decoded
  const clauses: { matches: Uint8Array; negated: boolean }[][] = []
  for (const clause of query.clauses) {
    const conditions = []
    for (const { term, negated } of clause.anyOf) {
      const matches = termMatches(outline, pairs, term)
      if (!matches) return null
      conditions.push({ matches, negated })
    }
    clauses.push(conditions)
  }
  // Indexed loops: run once in a fresh process, uncompiled, a for-of makes an iterator per entry.
  const kept: number[] = []
  entries: for (let at = 0; at < pairs.length >> 1; at++) {
    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c]!
      let any = false
      for (let t = 0; t < clause.length && !any; t++) any = (clause[t]!.matches[at] === 1) !== clause[t]!.negated
      if (!any) continue entries
    }
    kept.push(pairs[2 * at]!, pairs[2 * at + 1]!)
  }
  return kept
}

/**
 * For each entry of `pairs`, 1 when it has `term` (as outlineTest tests it); null when the outline
 * cannot tell. What a search's `tag:` and `year:` terms read too (outline-marks.ts).
 */
export function termMatches(outline: LibraryOutline, pairs: ArrayLike<number>, term: Term): Uint8Array | null {
  const matches = new Uint8Array(pairs.length >> 1)
  switch (term.kind) {
    case 'tag': {
      // The entries showing each matching tag, where the outline keeps them: no entry's tags decoded.
      const tagged = outline.taggedEntries?.()
      const marks = tagged && entriesTagged(tagged, term.tag)
      if (tagged && marks) {
        // entryKey, inlined: a call per entry costs more than the lookup in a fresh process.
        const base = tagged.summaries
        for (let at = 0; at < matches.length; at++) {
          const summary = pairs[2 * at]!
          matches[at] = marks[summary >= 0 ? summary : base + pairs[2 * at + 1]!]!
        }
        return matches
      }
      const own = paperColumn(outline, 'tags')
      const tags = summaryColumn(outline, 'tags')
      // Each tag tested once: a library has far fewer tags than entries.
      const tested = new Map<string, boolean>()
      for (let at = 0; at < matches.length; at++) {
        const summary = pairs[2 * at]!
        const mine = own[pairs[2 * at + 1]!]
        // Most entries are a summary whose paper has no tags of its own: its tags, with no call.
        const shown = mine === undefined && summary >= 0 ? tags[summary]! : shownTags(mine, summary >= 0 ? tags[summary]! : null)
        for (let i = 0; i < shown.length && matches[at] === 0; i++) {
          let match = tested.get(shown[i]!)
          if (match === undefined) tested.set(shown[i]!, (match = tagMatches(shown[i]!, term.tag)))
          if (match) matches[at] = 1
        }
      }
      return matches
    }
    case 'year': {
      const kept = outline.paperYears?.()
      if (kept) {
        // yearMatches, inlined on the floats the outline keeps (NaN: no year, matching nothing).
        const { from, to } = term
        for (let at = 0; at < matches.length; at++) {
          const year = kept[pairs[2 * at + 1]!]!
          if (year === year && (from === null || year >= from) && (to === null || year <= to)) matches[at] = 1
        }
        return matches
      }
      const years = paperColumn(outline, 'year')
      for (let at = 0; at < matches.length; at++) {
        if (yearMatches(years[pairs[2 * at + 1]!]!, term)) matches[at] = 1
      }
      return matches
    }
    case 'state': {
      const states = paperColumn(outline, 'state')
      for (let at = 0; at < matches.length; at++) if (stateMatches(states[pairs[2 * at + 1]!], pairs[2 * at]! >= 0, term)) matches[at] = 1
      return matches
    }
    case 'id': {
      const ids = summaryColumn(outline, 'id')
      const keys = paperColumn(outline, 'key')
      for (let at = 0; at < matches.length; at++) {
        const summary = pairs[2 * at]!
        const key = keys[pairs[2 * at + 1]!]!
        if (idMatches(summary >= 0 ? ids[summary]! : key, key, term)) matches[at] = 1
      }
      return matches
    }
    default: {
      const test = outlineTest(term)
      if (!test) return null
      const { papers, summaries } = outline
      for (let at = 0; at < matches.length; at++) {
        const summary = pairs[2 * at]!
        const paper = papers[pairs[2 * at + 1]!]!
        const entry =
          summary >= 0 ? { id: summaries[summary]!.id, paper, summary: summaries[summary]! } : { id: paper.key, paper, summary: null }
        if (test(entry)) matches[at] = 1
      }
      return matches
    }
  }
}
