// A section read whole: its checksum checked, then its bytes taken as JSON, floats or 32-bit whole numbers.
import { sectionChecksum } from './checksum.js'
import type { ColumnKind } from './columns.js'
import type { Header } from './index-header.js'
import { everyItem } from './section-checks.js'

/** A section's bytes when its checksum holds; undefined when it is missing or damaged. */
export function sectionBytes(header: Header, name: string): Buffer | undefined {
  const section = header.sections.get(name)
  const body = section && header.bytes.read(section.start, section.length)
  return body && body.length === section.length && sectionChecksum(body) === section.sum ? body : undefined
}

/** A JSON section's value when its checksum holds and it parses; undefined otherwise. */
export function jsonSection(header: Header, name: string): unknown {
  const body = sectionBytes(header, name)
  if (!body) return undefined
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

/** A section of numbers, read where it lies when it is aligned (encodeIndex aligns it), else copied; undefined when damaged. */
export function numberSection(header: Header, name: string): Float64Array | undefined {
  const body = sectionBytes(header, name)
  if (!body || body.length % 8 !== 0) return undefined
  const aligned = body.byteOffset % 8 === 0 ? body : Buffer.from(body)
  return new Float64Array(aligned.buffer, aligned.byteOffset, aligned.length / 8)
}

/** A section of 32-bit whole numbers, read where it lies when it is aligned, else copied; undefined when damaged. */
export function wholeSection(header: Header, name: string): Uint32Array | undefined {
  const body = sectionBytes(header, name)
  if (!body || body.length % 4 !== 0) return undefined
  const aligned = body.byteOffset % 4 === 0 ? body : Buffer.from(body)
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4)
}

/** A section's values when it holds a list of them (`count` of them, when given); undefined otherwise. */
export function sectionValues(header: Header, name: string, kind: ColumnKind, count?: number): ArrayLike<unknown> | undefined {
  const values = kind === 'json' ? jsonSection(header, name) : numberSection(header, name)
  return (Array.isArray(values) || values instanceof Float64Array) && (count === undefined || values.length === count)
    ? (values as ArrayLike<unknown>)
    : undefined
}

/** A section's values when they are what precis writes: `count` of them (when given), each valid. */
export function columnValues(header: Header, name: string, kind: ColumnKind, valid: (value: unknown) => boolean, count?: number) {
  const values = sectionValues(header, name, kind, count)
  return values && everyItem(values, valid) ? values : undefined
}
