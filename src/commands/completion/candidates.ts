/**
 * The dynamic part of shell completion: values that come from the library, printed by the
 * hidden `precis __complete <source> [prefix]`. Matching is by prefix, case-insensitive (the
 * shells then filter again by their own rules); each list is sorted and without duplicates.
 */
import { paperColumn, summaryColumn, type LibraryOutline } from '../../core/records/outline.js'
import { READING_STATES } from '../../core/model.js'
import type { DynamicSource } from './spec.js'

/** What completion offers comes from the library's outline: keys, ids, tags. */
type Outline = Pick<LibraryOutline, 'papers' | 'summaries' | 'trashIds' | 'tagCounts' | 'paperColumn' | 'summaryColumn'>

/** Query fields offered for a query word without a colon (`ti` → `title:`). */
export type QueryFields = readonly string[]

function startingWith(values: readonly string[], prefix: string): string[] {
  const wanted = prefix.toLowerCase()
  return [...new Set(values.filter((value) => value.toLowerCase().startsWith(wanted)))].sort()
}

/** Every paper key and summary id, read as columns (an index decodes two sections, and makes no view of each record). */
function handles(lib: Outline): string[] {
  return [...paperColumn(lib, 'key'), ...summaryColumn(lib, 'id')]
}

function tags(lib: Outline): string[] {
  return lib.tagCounts().map((t) => t.tag)
}

/** `tag:gn` → `tag:gnn`, `-tag:`, `ti` → `title:`; a plain word completes to nothing (it is free text). */
function queryWord(lib: Outline, prefix: string, fields: QueryFields): string[] {
  const field = /^(-?)([a-z]+):(.*)$/i.exec(prefix)
  if (field) {
    const [, sign, name, value] = field as unknown as [string, string, string, string]
    const lower = name.toLowerCase()
    const values =
      lower === 'tag'
        ? tags(lib)
        : lower === 'id' || lower === 'cites' || lower === 'citedby'
          ? handles(lib)
          : lower === 'state'
            ? [...READING_STATES, 'none']
            : []
    return startingWith(values, value).map((v) => `${sign}${name}:${v}`)
  }
  const sign = prefix.startsWith('-') ? '-' : ''
  const word = prefix.slice(sign.length)
  return word === '' && sign === '' ? fields.map((f) => `${f}:`) : startingWith(fields, word).map((f) => `${sign}${f}:`)
}

/** The candidates of `source` that start with `prefix`. */
export function completionCandidates(lib: Outline, source: DynamicSource, prefix: string, fields: QueryFields = []): string[] {
  switch (source) {
    case 'handles':
      return startingWith(handles(lib), prefix)
    case 'tags':
      return startingWith(tags(lib), prefix)
    case 'tag-ops': {
      // `tag <handle...> <+tag|-tag...>`: a signed word is a tag to add or remove.
      const sign = prefix[0]
      if (sign === '+' || sign === '-') return startingWith(tags(lib), prefix.slice(1)).map((tag) => sign + tag)
      return startingWith(handles(lib), prefix)
    }
    case 'trash':
      return startingWith(lib.trashIds, prefix)
    case 'query':
      return queryWord(lib, prefix, fields)
  }
}
