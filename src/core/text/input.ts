/**
 * The gate every imported file passes before a parser sees it: size, binary content and UTF-8
 * are checked here, so that each format can assume it was given reasonable text.
 */
import { DataError } from '../errors.js'
import { formatBytes, formatBytesOver } from './sizes.js'

/** Largest import file accepted, in bytes. A 20 MB file is already ~5,000 long summaries. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024

/**
 * Largest library file (JSON) an import reads: a 10,000-summary library is ~40-55 MB and the tool
 * aims at 100,000, while V8 cannot hold a string of more than ~512 M characters.
 */
export const MAX_LIBRARY_BYTES = 500 * 1024 * 1024

/** Deepest JSON nesting accepted; a library is 4 levels deep, so this leaves room and stops stack bombs. */
export const MAX_JSON_DEPTH = 64

/**
 * Decode a file's bytes as UTF-8 text. A leading byte-order mark is dropped (editors on Windows add
 * one). Throws DataError naming `source` when the file is over `limit` bytes, binary (NUL bytes) or
 * not UTF-8.
 */
export function decodeInput(bytes: Uint8Array, source: string, limit = MAX_INPUT_BYTES): string {
  checkInputSize(bytes.byteLength, source, limit)
  if (bytes.includes(0)) throw new DataError(`${source} looks like a binary file (it contains NUL bytes), not text`)
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new DataError(`${source} is not valid UTF-8 text`)
  }
}

/** Throws DataError naming `source` when a file of `bytes` bytes is over `limit`. */
export function checkInputSize(bytes: number, source: string, limit = MAX_INPUT_BYTES): void {
  if (bytes > limit) {
    throw new DataError(`${source} is too big to import (${formatBytesOver(bytes, limit)}; the limit is ${formatBytes(limit)})`)
  }
}

/**
 * `JSON.parse` with a nesting limit checked first, so a hostile `[[[[...]]]]` file is refused with a
 * clear message instead of exhausting the stack in later tree walks. Strings are skipped while
 * counting, since brackets inside them do not nest.
 */
export function parseJsonText(text: string, source: string): unknown {
  const depth = maxNesting(text)
  if (depth > MAX_JSON_DEPTH) throw new DataError(`${source} is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new DataError(`${source} is not valid JSON: ${(error as Error).message}`)
  }
}

function maxNesting(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c)
        i++ // backslash: skip the escaped character
      else if (ch === 0x22) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x5b || ch === 0x7b) deepest = Math.max(deepest, ++depth)
    else if (ch === 0x5d || ch === 0x7d) depth--
  }
  return deepest
}
