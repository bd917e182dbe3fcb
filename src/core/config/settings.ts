/**
 * The settings of the config file: their names, what each holds, and the check of a value. One
 * flat table of `name = value` lines (no sections), so every setting is one line a person can
 * read, and `config set` can change it in place.
 */
import { compileKeyPattern } from '../keys/key-pattern.js'
import { FIELD_LIMITS, textProblem } from '../records/field-rules.js'
import { canonicalTag, normalizeTag, tagProblem } from '../tags/rules.js'
import { UsageError } from '../errors.js'
import { IMAGE_SETTINGS, type ImageSetting } from '../images/protocol.js'

/** The values a config file can set; a setting it leaves out is undefined. */
export interface Config {
  /** The author of new summaries (`add --by`). */
  by?: string
  /** The pattern of new keys (PRECIS_KEY_PATTERN). */
  key_pattern?: string
  /** Markdown a new summary's editor opens on, below the comment naming the paper. */
  template?: string
  /** Tags of a new summary when `add` is given none. */
  tags?: string[]
  /** The pager command (PAGER), or false: never page. */
  pager?: string | false
  /** Columns `show` wraps at. */
  width?: number
  /** false: no colour (as --no-color); true: colour where the terminal has it. */
  color?: boolean
  /** How `show` draws cached figures (as `show --images`). */
  images?: ImageSetting
}

export type SettingName = keyof Config

export const MIN_WIDTH = 20
export const MAX_WIDTH = 1000
/** A pager command or key pattern longer than this is not one a person wrote. */
const MAX_LINE_SETTING = 1000
/** A template is a skeleton of headings, not a document. */
const MAX_TEMPLATE = 10_000
const MAX_TAGS = 50

export interface SettingSpec {
  /** One line for `config list` and the README. */
  description: string
  /** What the value must be, for messages. */
  kind: string
  /** Why `value` (from the file, any TOML value) cannot be this setting; null when it can. */
  problem(value: unknown): string | null
  /** The value from a word of the command line (`config set name word`), unchecked. */
  fromWord(word: string): unknown
}

/** Why `value` cannot be a one-line setting of at most `limit` characters. */
function stringProblem(value: unknown, limit: number): string | null {
  if (typeof value !== 'string') return 'is not a string'
  if (/[\r\n]/.test(value)) return 'is not one line'
  return textProblem(value, limit)
}

const asWord = (word: string): unknown => word
const asBoolean = (word: string): unknown => (word === 'true' ? true : word === 'false' ? false : word)

export const SETTINGS: ReadonlyMap<SettingName, SettingSpec> = new Map<SettingName, SettingSpec>([
  [
    'by',
    {
      description: 'author of new summaries (add --by)',
      kind: 'a string',
      problem: (v) => stringProblem(v, FIELD_LIMITS.by),
      fromWord: asWord,
    },
  ],
  [
    'key_pattern',
    {
      description: 'pattern of new keys, such as "{author}{year}{title}"',
      kind: 'a string',
      problem: (v) => stringProblem(v, MAX_LINE_SETTING) ?? keyPatternProblem(v as string),
      fromWord: asWord,
    },
  ],
  [
    'template',
    {
      description: 'Markdown a new summary starts from in the editor',
      kind: 'a string',
      problem: (v) => (typeof v === 'string' ? textProblem(v, MAX_TEMPLATE) : 'is not a string'),
      fromWord: (word) => word.replace(/\\n/g, '\n'),
    },
  ],
  [
    'tags',
    {
      description: 'tags of a new summary when add is given none',
      kind: 'a list of tags',
      problem: tagsProblem,
      fromWord: (word) => (word.trim() === '' ? [] : word.split(',').map((tag) => tag.trim())),
    },
  ],
  [
    'pager',
    {
      description: 'command long output is shown through, or false',
      kind: 'a command or false',
      problem: (v) =>
        v === false
          ? null
          : typeof v === 'string' && v.trim() === ''
            ? 'is empty (use false for no pager)'
            : stringProblem(v, MAX_LINE_SETTING),
      fromWord: (word) => (word === 'false' ? false : word),
    },
  ],
  [
    'width',
    {
      description: `columns show wraps at (${MIN_WIDTH} to ${MAX_WIDTH})`,
      kind: `a whole number from ${MIN_WIDTH} to ${MAX_WIDTH}`,
      problem: (v) =>
        typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))
          ? Number(v) < MIN_WIDTH
            ? 'is too small'
            : Number(v) > MAX_WIDTH
              ? 'is too large'
              : null
          : 'is not a whole number',
      fromWord: (word) => (/^\d{1,6}$/.test(word) ? Number(word) : word),
    },
  ],
  [
    'color',
    {
      description: 'false: never colour output',
      kind: 'true or false',
      problem: (v) => (typeof v === 'boolean' ? null : 'is not true or false'),
      fromWord: asBoolean,
    },
  ],
  [
    'images',
    {
      description: 'how show and browse draw cached figures: auto, kitty, iterm, sixel or off',
      kind: IMAGE_SETTINGS.join(', '),
      problem: (v) => (IMAGE_SETTINGS.includes(v as ImageSetting) ? null : `is not one of ${IMAGE_SETTINGS.join(', ')}`),
      fromWord: asWord,
    },
  ],
])

function keyPatternProblem(pattern: string): string | null {
  try {
    compileKeyPattern(pattern, 'it')
    return null
  } catch (error) {
    if (error instanceof UsageError) return error.message.replace(/^it /, '')
    throw error
  }
}

function tagsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'is not a list'
  if (value.length > MAX_TAGS) return `has more than ${MAX_TAGS} tags`
  for (const tag of value) {
    if (typeof tag !== 'string') return 'holds something other than strings'
    const problem = tagProblem(canonicalTag(tag))
    if (problem) return `holds the tag ${JSON.stringify(tag)}, but ${problem}`
  }
  return null
}

/** Whether `name` is a setting (an own entry: never `__proto__` or `constructor`). */
export function isSettingName(name: string): name is SettingName {
  return SETTINGS.has(name as SettingName)
}

/** The value of a checked setting as precis uses it (tags normalised, a TOML integer as a number). */
export function settingValue(name: SettingName, value: unknown): Config[SettingName] {
  if (name === 'tags') return [...new Set((value as string[]).map(normalizeTag))]
  if (name === 'width') return Number(value)
  return value as Config[SettingName]
}

/** `config set name word`: the checked value, or a UsageError saying what the setting takes. */
export function valueFromWord(name: string, word: string): Config[SettingName] {
  if (!isSettingName(name)) throw unknownSetting(name)
  const spec = SETTINGS.get(name)!
  const value = spec.fromWord(word)
  const problem = spec.problem(value)
  if (problem) throw new UsageError(`${name} must be ${spec.kind}: ${JSON.stringify(word.slice(0, 80))} ${problem}`)
  return settingValue(name, value)
}

export function unknownSetting(name: string): UsageError {
  return new UsageError(`There is no setting ${JSON.stringify(name.slice(0, 80))}`, [`Settings: ${[...SETTINGS.keys()].join(', ')}`])
}
