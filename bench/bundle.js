// dist/ is one esbuild bundle that exports only the CLI, so a benchmark that calls precis's modules
// in-process bundles them from the TypeScript sources.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Bundle `entry` (a module of `export … from './src/…'` lines, resolved from `root`) into a file;
 * returns its path and how to remove it.
 */
export async function bundleFromSources(root, entry) {
  // Inside node_modules/.cache rather than the system's temp folder: the bundle leaves packages
  // external, and node finds them only from a folder below the project's node_modules.
  const cache = join(root, 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'precis-bench-'))
  const outfile = join(dir, 'modules.js')
  const remove = () => rmSync(dir, { recursive: true, force: true })
  try {
    await build({
      stdin: { contents: entry, resolveDir: root, loader: 'ts' },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    })
  } catch (error) {
    remove()
    throw error
  }
  return { file: outfile, remove }
}

/** Bundle `entry` (see bundleFromSources) and import it. */
export async function importFromSources(root, entry) {
  const bundle = await bundleFromSources(root, entry)
  try {
    return await import(pathToFileURL(bundle.file).href)
  } finally {
    bundle.remove()
  }
}
