// dist/ is one esbuild bundle that exports only the CLI, so a benchmark that calls precis's modules
// in-process bundles them from the TypeScript sources.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Bundle `entry` (a module of `export … from './src/…'` lines, resolved from `root`) and import it. */
export async function importFromSources(root, entry) {
  // Inside node_modules/.cache rather than the system's temp folder: the bundle leaves packages
  // external, and node finds them only from a folder below the project's node_modules.
  const cache = join(root, 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'precis-bench-'))
  try {
    const outfile = join(dir, 'modules.js')
    await build({
      stdin: { contents: entry, resolveDir: root, loader: 'ts' },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    })
    return await import(pathToFileURL(outfile).href)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
