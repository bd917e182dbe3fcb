import { UsageError } from '../core/errors.js'

/** Where a summary's text comes from: `--body`, `--file <path>`, `--file -`, `--edit`, or not given. */
export type BodySource =
  { from: 'text'; text: string } | { from: 'file'; path: string } | { from: 'stdin' } | { from: 'editor' } | { from: 'none' }

/** The body source named by the flags; more than one is a usage error. */
export function parseBodySource(raw: { body?: string; file?: string; edit?: boolean }): BodySource {
  const given = [raw.body !== undefined && '--body', raw.file !== undefined && '--file', raw.edit && '--edit'].filter(Boolean)
  if (given.length > 1) throw new UsageError(`Use only one of ${given.join(', ')}`)
  if (raw.body !== undefined) return { from: 'text', text: raw.body }
  if (raw.file === '-') return { from: 'stdin' }
  if (raw.file !== undefined) return { from: 'file', path: raw.file }
  return raw.edit ? { from: 'editor' } : { from: 'none' }
}
