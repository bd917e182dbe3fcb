/**
 * YAML front matter, read and written with the `yaml` package (never gray-matter, which runs
 * `---js` front matter as code). Reading is strict: core schema, an alias limit, unique keys, no
 * custom tags, and any other front-matter language is refused.
 */
import type * as Yaml from 'yaml'
import { DataError } from '../core/errors.js'
import { lazyRequire } from '../core/lazy-require.js'
import { fastFrontMatter, fastFrontMatterFields } from './frontmatter-fast.js'
import { runWithDefaultSignals } from '../platform/interrupt.js'
import { mayHaveMoreKeysThan, mayNestDeeperThan, yamlShape } from './yaml-depth.js'

const yaml = lazyRequire<typeof Yaml>('yaml') // ~200 ms to load: only when front matter is read or written

/** Aliases allowed when reading; real front matter uses none, a "billion laughs" file uses millions. */
const MAX_ALIASES = 50
/** Deepest nesting of lists and mappings read; precis writes two levels, other tools a few more. */
export const MAX_FRONT_MATTER_DEPTH = 64
/** Most keys of one mapping read; precis writes about twenty, other tools a few dozen. */
export const MAX_FRONT_MATTER_KEYS = 1000
/**
 * Longest front matter read, in characters: room for a paper at every limit of the model (5,000
 * authors of 200 characters), while yaml reads about 1.5 MB a second.
 */
export const MAX_FRONT_MATTER_CHARS = 2_000_000

const OPENING = /^---([^\r\n]*)\r?\n/
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m
const TOML_OPENING = /^\+\+\+[ \t]*\r?\n/

/** A Markdown file split at its front matter. */
export interface FrontMatterFile {
  /** The front matter's keys and values (mappings are Maps too), or null when the file has none. */
  fields: Map<string, unknown> | null
  /** Everything after the front matter, byte for byte. */
  body: string
}

/**
 * Split and parse a file's front matter. The body starts after the closing `---` line and one
 * blank line when there is one (the blank line is what writeFrontMatter puts there).
 * Throws DataError naming `source` for another front-matter language or invalid YAML.
 */
export function readFrontMatter(text: string, source: string): FrontMatterFile {
  if (TOML_OPENING.test(text)) throw new DataError(`${source}: TOML front matter (+++) is not supported; use YAML (---)`)
  const opening = OPENING.exec(text)
  if (!opening) return { fields: null, body: text }
  const language = opening[1]!.trim()
  if (/^[^a-z]/i.test(language)) return { fields: null, body: text } // `----`: a thematic break, not front matter
  if (language !== '' && !/^ya?ml$/i.test(language)) {
    throw new DataError(`${source}: front matter in ${JSON.stringify(language)} is refused; only YAML front matter is read`)
  }
  const rest = text.slice(opening[0].length)
  const closing = CLOSING.exec(rest)
  if (!closing) throw new DataError(`${source}: the front matter has no closing --- line`)
  const after = rest.slice(closing.index + closing[0].length)
  const yamlText = rest.slice(0, closing.index)
  // yaml reads about 1.5 MB a second in one synchronous call (a summary added or edited, a note imported): Ctrl-C must end it.
  const fields = fastFrontMatterFields(yamlText) ?? runWithDefaultSignals(() => parseYamlFields(yamlText, source))
  return { fields, body: after.replace(/^\r?\n/, '') }
}

/**
 * Front matter for `fields` (in their order) followed by the blank line that separates it from the
 * body. Strings that YAML would read as something else (`0012`, `1.10`, `null`, `true`) are quoted.
 */
export function writeFrontMatter(fields: ReadonlyArray<readonly [string, unknown]>): string {
  return fastFrontMatter(fields) ?? yamlFrontMatter(fields)
}

/** The front matter as the yaml package writes it; fastFrontMatter writes the same, faster, when it can. */
export function yamlFrontMatter(fields: ReadonlyArray<readonly [string, unknown]>): string {
  const doc = new (yaml().Document)(Object.fromEntries(fields))
  return `---\n${doc.toString({ lineWidth: 0 })}---\n\n`
}

/** The fields of front matter as the yaml package reads them; fastFrontMatterFields reads the same, faster, when it can. */
export function parseYamlFields(yamlText: string, source: string): Map<string, unknown> {
  if (yamlText.length > MAX_FRONT_MATTER_CHARS) {
    throw new DataError(
      `${source}: the front matter is ${yamlText.length.toLocaleString('en-US')} characters long (the limit is ${MAX_FRONT_MATTER_CHARS.toLocaleString('en-US')})`,
    )
  }
  const mayBeCostly = mayNestDeeperThan(yamlText, MAX_FRONT_MATTER_DEPTH) || mayHaveMoreKeysThan(yamlText, MAX_FRONT_MATTER_KEYS)
  const { depth, widestMapping } = mayBeCostly ? yamlShape(yaml(), yamlText) : { depth: 0, widestMapping: 0 }
  if (depth > MAX_FRONT_MATTER_DEPTH) {
    throw new DataError(
      `${source}: the front matter nests ${depth.toLocaleString('en-US')} levels deep (the limit is ${MAX_FRONT_MATTER_DEPTH})`,
    )
  }
  if (widestMapping > MAX_FRONT_MATTER_KEYS) {
    throw new DataError(
      `${source}: the front matter has a mapping of ${widestMapping.toLocaleString('en-US')} keys (the limit is ${MAX_FRONT_MATTER_KEYS.toLocaleString('en-US')})`,
    )
  }
  const doc = yaml().parseDocument(yamlText, {
    schema: 'core',
    // Numbers and booleans stay text as written (`0012`, `1.10`, `yes`); the reader converts the
    // few fields that are numbers. This keeps every string field exactly as the author typed it.
    customTags: (tags) => tags.filter((tag) => !/(^|:)(int|float|bool)/.test(typeof tag === 'string' ? tag : tag.tag)),
    uniqueKeys: true,
    prettyErrors: false,
  })
  const problem = doc.errors[0] ?? doc.warnings[0]
  if (problem) throw new DataError(`${source}: the front matter is not valid YAML: ${problem.message.split('\n')[0]}`)
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES, mapAsMap: true }) // Maps: keys such as __proto__ stay data
  } catch (error) {
    throw new DataError(`${source}: the front matter was refused: ${(error as Error).message}`)
  }
  if (value === null || value === undefined) return new Map()
  if (!(value instanceof Map)) throw new DataError(`${source}: the front matter must be a mapping of keys to values`)
  return new Map([...value].map(([key, item]) => [String(key), item]))
}
