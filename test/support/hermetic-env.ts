/**
 * vitest's global setup: the test workers, and every process they spawn, run without
 * NODE_EXTRA_CA_CERTS. Node reads and parses that file at the start of every process, before any of
 * its code runs: with a system bundle of ~150 certificates, `node -e 0` costs about 0.1 s of CPU
 * rather than 0.05. The suite starts well over a thousand Node processes (precis runs, helper scripts,
 * vitest's workers), and talks to no server but its own local ones over plain HTTP, so the file serves
 * none of them. Set before the workers start, as temp-root.ts sets TMPDIR.
 */
const VARIABLE = 'NODE_EXTRA_CA_CERTS'

export default function setup(): (() => void) | undefined {
  const previous = process.env[VARIABLE]
  if (previous === undefined) return undefined
  delete process.env[VARIABLE]
  return () => {
    process.env[VARIABLE] = previous
  }
}
