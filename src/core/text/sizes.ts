/**
 * Byte counts as every message says them: binary units (KiB, MiB, GiB), the ones precis's limits
 * are set in, so a size and its limit are read in one unit system ("300 MiB; at most 256 MiB").
 */
const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const

/** `12 B`, `1.5 KiB`, `23.4 MiB`, `256 MiB`, `2 GiB`: at most one decimal, none on a round value or from 100 on. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  let value = bytes / 1024
  let unit = 0
  // 1023.6 KiB would show as "1024 KiB": the next unit says it in fewer digits.
  while (value >= 1023.5 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const shown = value >= 100 ? String(Math.round(value)) : String(Number(value.toFixed(1)))
  return `${shown} ${UNITS[unit]}`
}

/** `bytes`, which passes `limit`, said so that it reads larger: in bytes when both would round alike ("268,435,457 bytes; at most 256 MiB"). */
export function formatBytesOver(bytes: number, limit: number): string {
  const text = formatBytes(bytes)
  return text === formatBytes(limit) ? `${bytes.toLocaleString('en-US')} bytes` : text
}
