/**
 * `config set`: the config text with one setting changed. The line that sets it is replaced (or a
 * line added at the end), so comments and the other settings stay as the person wrote them. When
 * the setting spans lines (a multi-line string or list) that cannot be done safely: the file is
 * written anew from its values, and the caller says that its comments were dropped.
 */
import { lazyRequire } from '../lazy-require.js'
import { lineOfKey, parseConfigText } from './parse.js'
import type { Config, SettingName } from './settings.js'

const toml = lazyRequire<typeof import('smol-toml')>('smol-toml')

export interface EditedConfig {
  text: string
  /** true when the file had to be written anew (its comments are gone). */
  rewritten: boolean
}

/** The TOML line `name = value`. */
export function settingLine(name: SettingName, value: NonNullable<Config[SettingName]>): string {
  return toml()
    .stringify({ [name]: value })
    .trimEnd()
}

/**
 * `text` (the config file `file`) with `name` set to `value`. A file whose only problem is the line
 * that sets `name` (the one every command names, `width = "wide"`) is mended by replacing that line;
 * any other problem is refused before anything is changed.
 */
export function withSetting(text: string, file: string, name: SettingName, value: NonNullable<Config[SettingName]>): EditedConfig {
  const line = settingLine(name, value)
  const lines = text.split('\n')
  const at = lineOfKey(text, name) - 1
  const inPlace = at >= 0 ? [...lines.slice(0, at), line, ...lines.slice(at + 1)].join('\n') : added(lines, line)
  try {
    parseConfigText(text, file)
  } catch (error) {
    if (mends(inPlace, file, name, value)) return { text: inPlace, rewritten: false }
    throw error
  }
  // Unknown keys are kept too: they may be a newer precis's settings.
  const wanted: Record<string, unknown> = { ...toml().parse(text), [name]: value }
  if (sameTable(tableOrNull(inPlace), wanted)) return { text: inPlace, rewritten: false }
  return { text: toml().stringify(wanted).trimEnd() + '\n', rewritten: true }
}

/**
 * `text` (the config file `file`) without the line or lines that set `name`; null when the file does
 * not set it. `name` may be a key precis does not know (a typo it warns about). Removing a bad line
 * mends the file, as `withSetting` does; any other problem is refused.
 */
export function withoutSetting(text: string, file: string, name: string): EditedConfig | null {
  const at = lineOfKey(text, name) - 1
  const problem = problemOf(text, file)
  if (problem === null && !Object.hasOwn(toml().parse(text), name)) return null
  const wanted = problem === null ? withoutKey(toml().parse(text), name) : null
  const removed = at >= 0 ? withoutLinesAt(text, at) : null
  if (removed !== null && !Object.hasOwn(toml().parse(removed), name)) {
    if (wanted === null ? problemOf(removed, file) === null : sameTable(toml().parse(removed), wanted))
      return { text: removed, rewritten: false }
  }
  if (wanted === null) throw problem! // the problem is not (only) the line that sets `name`
  return { text: Object.keys(wanted).length === 0 ? '' : toml().stringify(wanted).trimEnd() + '\n', rewritten: true }
}

/** `text` without the fewest lines from index `at` on whose removal leaves TOML (a multi-line value spans several); null if none do. */
function withoutLinesAt(text: string, at: number): string | null {
  const lines = text.split('\n')
  for (let end = at + 1; end <= lines.length; end++) {
    const removed = [...lines.slice(0, at), ...lines.slice(end)].join('\n')
    if (tableOrNull(removed) !== null) return removed
  }
  return null
}

function withoutKey(table: Record<string, unknown>, name: string): Record<string, unknown> {
  const { [name]: _removed, ...rest } = table
  return rest
}

/** Why `text` is not a config precis can use; null when it is. */
function problemOf(text: string, file: string): Error | null {
  try {
    parseConfigText(text, file)
    return null
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

/** Whether `edited` is a config that precis can use, with `name` set to `value`. */
function mends(edited: string, file: string, name: SettingName, value: NonNullable<Config[SettingName]>): boolean {
  try {
    return JSON.stringify(parseConfigText(edited, file).config[name]) === JSON.stringify(value)
  } catch {
    return false
  }
}

/** A new setting goes before the first [section], where it stays a setting of the top level. */
function added(lines: string[], line: string): string {
  const section = lines.findIndex((l) => /^\s*\[/.test(l))
  if (section >= 0) return [...lines.slice(0, section), line, ...lines.slice(section)].join('\n')
  const text = lines.join('\n')
  if (text === '') return line + '\n'
  return text.endsWith('\n') ? `${text}${line}\n` : `${text}\n${line}\n`
}

function tableOrNull(text: string): Record<string, unknown> | null {
  try {
    return toml().parse(text)
  } catch {
    return null
  }
}

const sorted = (table: Record<string, unknown>) => JSON.stringify(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : 1)))
const sameTable = (a: Record<string, unknown> | null, b: Record<string, unknown>) => a !== null && sorted(a) === sorted(b)
