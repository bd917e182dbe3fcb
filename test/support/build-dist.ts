/**
 * vitest's global setup: build dist/ from the current src/ before any test file runs (and before each
 * rerun in watch mode). End-to-end tests spawn bin/precis.js, which runs dist/; built here, a plain
 * `npx vitest run` after an edit tests the edit, never a stale bundle. The build takes a few seconds
 * (the code cache runs precis), and vitest runs a global setup once for the root config and once for each
 * project: only the first builds. A run whose dist/ was just built sets the mark itself (.ci/run, after
 * `npm ci`, whose prepare script builds).
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

function buildDist(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' })
}

const MARK = 'PRECIS_TEST_DIST_BUILT'

export default function setup(project: TestProject): void {
  if (process.env[MARK] !== undefined) return
  process.env[MARK] = '1'
  buildDist()
  project.onTestsRerun(buildDist)
}
