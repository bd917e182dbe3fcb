import { fileURLToPath } from 'node:url'

// Files of the installed package, found from this module's place. It sits one level below the
// package root both as source (src/, under vitest) and once built (dist/, flat; scripts/build.mjs).
const packageFile = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

/** The bundled demo library. */
export const DEMO_LIBRARY = packageFile('data/demo-library.json')

/** The command-line entry point (git's merge driver runs it). */
export const PRECIS_BIN = packageFile('bin/precis.js')

/** package.json, for the version. */
export const PACKAGE_JSON = packageFile('package.json')
