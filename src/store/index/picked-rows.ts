import { isUtf8 } from 'node:buffer'
import { arePlainRows } from '../../core/records/plain-rows.js'
import { lazyRequire } from '../../core/lazy-require.js'

/** Loaded when rows are first picked (each checked by its CRC-32): a read that picks none loads no node:zlib for them. */
const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib')

/**
 * The rows numbered `picked` of `list`'s rows, one after another, each checked: within the rows, its
 * CRC-32 the one kept, then all of them valid UTF-8 and rows (arePlainRows). Undefined when one is not
 * (the rows are then the fallback's).
 */
export function pickedRows(
  checks: { starts: Uint32Array; sums: Uint32Array; read: (from: number, to: number) => Buffer | undefined },
  picked: ArrayLike<number>,
): Buffer | undefined {
  const { starts, sums } = checks
  const total = starts[sums.length]!
  let size = 0
  let first = total
  let last = 0
  for (let i = 0; i < picked.length; i++) {
    const row = picked[i]!
    if (!(row >= 0 && row < sums.length && starts[row]! <= starts[row + 1]! && starts[row + 1]! <= total)) return undefined
    size += starts[row + 1]! - starts[row]!
    first = Math.min(first, starts[row]!)
    last = Math.max(last, starts[row + 1]!)
  }
  const bytes = first < last ? checks.read(first, last) : Buffer.alloc(0)
  if (!bytes) return undefined
  const piece = Buffer.allocUnsafe(size)
  const { crc32 } = zlib()
  const pieceStarts = new Uint32Array(picked.length + 1)
  for (let i = 0, at = 0; i < picked.length; i++) {
    const row = picked[i]!
    const bytesOfRow = bytes.subarray(starts[row]! - first, starts[row + 1]! - first)
    if (crc32(bytesOfRow) !== sums[row]) return undefined
    piece.set(bytesOfRow, at)
    pieceStarts[i + 1] = at += bytesOfRow.length
  }
  return isUtf8(piece) && arePlainRows(piece, pieceStarts) ? piece : undefined
}
