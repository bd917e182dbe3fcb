import type { Env } from './paths.js'

/** Default wait for the library lock before "library busy". */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000

/** How long to wait for the library lock: `PRECIS_LOCK_TIMEOUT_MS` (milliseconds), else the default. */
export function lockTimeout(env: Env): number {
  const value = Number(env.PRECIS_LOCK_TIMEOUT_MS)
  return env.PRECIS_LOCK_TIMEOUT_MS && Number.isFinite(value) && value >= 0 ? value : DEFAULT_LOCK_TIMEOUT_MS
}
