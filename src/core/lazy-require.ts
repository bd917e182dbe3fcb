import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * A package loaded on first use instead of at start-up, for code that must stay synchronous (an
 * ES `import()` cannot). Only for packages that ship CommonJS. Why: every command module is
 * imported to build `--help`, so a static import of a heavy parser (yaml, zod, csv-parse) would
 * be paid by every run, including `precis --version`.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined
  return () => (loaded ??= require(id) as T)
}
