/**
 * How deeply YAML nests, read from the yaml package's token tree (its Parser keeps a stack of its
 * own), before yaml composes a document: composing recurses once per level, so front matter nested
 * ten thousand deep (`a: [[[[...` or `{a: {a: ...`) overflows the call stack there.
 */
import type * as Yaml from 'yaml'

type Token = Yaml.CST.Token

/** Each level of nesting opens with one of these (`key:`, `- `, `? `, `[`, `{`), so there are at least as many. */
const COLLECTION_INDICATORS = /[:\-?[{]/g

/**
 * Whether `text` may nest deeper than `limit`: a count of the characters that open collections,
 * which spares the slow path of front matter a second parse in the common case.
 */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  let count = 0
  for (COLLECTION_INDICATORS.lastIndex = 0; COLLECTION_INDICATORS.test(text);) {
    if (++count > limit) return true
  }
  return false
}

/** The deepest nesting of collections (mappings, sequences, flow or block) in `text`. */
export function yamlNestingDepth(yaml: typeof Yaml, text: string): number {
  const pending: Array<[Token, number]> = []
  for (const token of new yaml.Parser().parse(text)) pending.push([token, 0])
  let deepest = 0
  // A walk with its own stack: recursion here would overflow exactly as composing does.
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [token, depth] = next
    if (token.type === 'document' && token.value) pending.push([token.value, depth])
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue
    deepest = Math.max(deepest, depth + 1)
    for (const item of token.items) {
      if (item.key) pending.push([item.key, depth + 1])
      if (item.value) pending.push([item.value, depth + 1])
    }
  }
  return deepest
}
