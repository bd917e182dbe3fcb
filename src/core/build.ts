/** Set by scripts/build.mjs (esbuild's `define`); absent when the sources run as they are. */
declare const PRECIS_BUILD: string | undefined

/**
 * What identifies this build of precis: a hash of its sources, its locked dependencies and temml's
 * code, made by scripts/build.mjs. Caches of what this code computes (the math cache,
 * store/math-cache.ts) are kept for one build and ignored by any other. Null when the sources run
 * without a build, which keeps no such cache.
 */
export const BUILD_IDENTITY: string | null = typeof PRECIS_BUILD === 'string' ? PRECIS_BUILD : null
