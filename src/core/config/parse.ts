/**
 * Reading a config file's text into checked settings. A file precis cannot use is a DataError that
 * names the file, the line and the problem; a key precis does not know is returned, not refused, so
 * that a config written for a newer precis still works (the caller warns).
 */
import { DataError } from '../errors.js'
import { lazyRequire } from '../lazy-require.js'
import { decodeInput } from '../text/input.js'
import { isSettingName, SETTINGS, settingValue, type Config } from './settings.js'

/** A config file is a few lines; anything larger is not one. */
export const MAX_CONFIG_BYTES = 64 * 1024

// Loaded only when a config file exists: runs without one never pay for the parser.
const toml = lazyRequire<typeof import('smol-toml')>('smol-toml')

export interface ParsedConfig {
  config: Config
  /** Keys precis does not know, with their line (0 when it cannot be told). */
  unknown: { key: string; line: number }[]
}

/** The line `key = ...` starts on, counted from 1; 0 when not found (a quoted or dotted key). */
export function lineOfKey(text: string, key: string): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const at = text.split('\n').findIndex((line) => new RegExp(`^\\s*["']?${escaped}["']?\\s*=`).test(line))
  return at + 1
}

const where = (file: string, line: number) => (line > 0 ? `${file}:${line}` : file)

/** Parse the bytes of the config file `file` (named in every error). */
export function parseConfigBytes(bytes: Uint8Array, file: string): ParsedConfig {
  if (bytes.length > MAX_CONFIG_BYTES)
    throw new DataError(`${file} is too big for a config file (${bytes.length} bytes; the limit is ${MAX_CONFIG_BYTES})`)
  return parseConfigText(decodeInput(bytes, file, MAX_CONFIG_BYTES), file)
}

/** Parse config text; `file` names it in errors. */
export function parseConfigText(text: string, file: string): ParsedConfig {
  let table: Record<string, unknown>
  try {
    table = toml().parse(text)
  } catch (error) {
    if (error instanceof RangeError) throw new DataError(`${file} is nested too deeply to be a config file`)
    if (!(error instanceof Error) || !('line' in error)) throw error
    const { line, column } = error as Error & { line: number; column: number }
    const problem = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')
    throw new DataError(`${file}:${line}:${column}: ${problem}`, ['The config file is TOML: name = "value", one setting a line'])
  }
  const config: Config = {}
  const unknown: ParsedConfig['unknown'] = []
  for (const key of Object.keys(table)) {
    if (!isSettingName(key)) {
      unknown.push({ key, line: lineOfKey(text, key) })
      continue
    }
    const spec = SETTINGS.get(key)!
    const problem = spec.problem(table[key])
    if (problem) throw new DataError(`${where(file, lineOfKey(text, key))}: ${key} must be ${spec.kind}, but it ${problem}`)
    Object.assign(config, { [key]: settingValue(key, table[key]) })
  }
  return { config, unknown }
}
