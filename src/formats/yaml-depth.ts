/**
 * How deeply YAML nests and how many keys its widest mapping has, read from the yaml package's token
 * tree (its Parser keeps a stack of its own), before yaml composes a document: composing recurses
 * once per level, so front matter nested ten thousand deep (`a: [[[[...` or `{a: {a: ...`)
 * overflows the call stack there, and it checks each key of a mapping against those before it, so
 * a mapping of 500,000 keys takes hours.
 */
import type * as Yaml from 'yaml'

type Token = Yaml.CST.Token

/** The shape of a YAML text that decides what composing it costs. */
export interface YamlShape {
  /** The deepest nesting of collections (mappings, sequences, flow or block). */
  depth: number
  /** The most keys of one mapping. */
  widestMapping: number
}

/** Each level of nesting opens with one of these (`key:`, `- `, `? `, `[`, `{`), so there are at least as many. */
const COLLECTION_INDICATORS = /[:\-?[{]/g
/** Each key of a mapping comes with one of these (`key:`, `? key`, `{a, b}`), so there are at least as many. */
const KEY_INDICATORS = /[:?,]/g

/**
 * Whether `text` may nest deeper than `limit`: a count of the characters that open collections,
 * which spares the slow path of front matter a second parse in the common case.
 */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  return countsMoreThan(COLLECTION_INDICATORS, text, limit)
}

/** Whether a mapping of `text` may have more than `limit` keys, counted as mayNestDeeperThan counts. */
export function mayHaveMoreKeysThan(text: string, limit: number): boolean {
  return countsMoreThan(KEY_INDICATORS, text, limit)
}

function countsMoreThan(pattern: RegExp, text: string, limit: number): boolean {
  let count = 0
  for (pattern.lastIndex = 0; pattern.test(text);) {
    if (++count > limit) return true
  }
  return false
}

/** The shape of `text`: how deep it nests and how wide its widest mapping is. */
export function yamlShape(yaml: typeof Yaml, text: string): YamlShape {
  const pending: Array<[Token, number]> = []
  for (const token of new yaml.Parser().parse(text)) pending.push([token, 0])
  const shape = { depth: 0, widestMapping: 0 }
  // A walk with its own stack: recursion here would overflow exactly as composing does.
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [token, depth] = next
    if (token.type === 'document' && token.value) pending.push([token.value, depth])
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue
    shape.depth = Math.max(shape.depth, depth + 1)
    if (token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{')) {
      shape.widestMapping = Math.max(shape.widestMapping, token.items.length)
    }
    for (const item of token.items) {
      if (item.key) pending.push([item.key, depth + 1])
      if (item.value) pending.push([item.value, depth + 1])
    }
  }
  return shape
}
