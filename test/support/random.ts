/** A generator of numbers in [0, 1), as Math.random. */
export type Random = () => number

/** Deterministic pseudo-random numbers (mulberry32), so a failing run can be repeated from its seed. */
export function seeded(seed: number): Random {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One of `items`, chosen by `random`. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list')
  return items[Math.floor(random() * items.length)]!
}

/** The seed for a run: `PRECIS_SEED` when set (to repeat a failure), else `fallback`. */
export function seedFromEnv(fallback: number): number {
  const value = Number(process.env.PRECIS_SEED)
  return Number.isInteger(value) ? value : fallback
}
