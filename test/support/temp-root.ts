/**
 * vitest's global setup: every temp file of a run goes under one folder of its own, removed when the
 * run ends. Tests make temp homes, libraries and caches by the thousand, and so do the precis and git
 * processes they spawn; each removing its own would take a cleanup in every test and still leak what a
 * spawned process leaves behind when a test kills it. TMPDIR is set before the test workers start, so
 * they and every process they spawn inherit it (os.tmpdir() reads it at each call). vitest runs a global
 * setup once for the root config and once for each project: only the first makes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const MARK = 'PRECIS_TEST_TMPDIR'

export default function setup(): (() => void) | undefined {
  if (process.env[MARK] !== undefined) return undefined
  const previous = process.env.TMPDIR
  const root = mkdtempSync(join(tmpdir(), 'precis-tests-'))
  process.env.TMPDIR = root
  process.env[MARK] = root
  return () => {
    delete process.env[MARK]
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    rmSync(root, { recursive: true, force: true, maxRetries: 3 })
  }
}
