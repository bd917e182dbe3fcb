import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { expect, test } from 'vitest'

// What the global setup gives every test process (test/support/temp-root.ts, hermetic-env.ts).
test('the tests and what they spawn share one temp folder and read no extra CA file', () => {
  expect(process.env.PRECIS_TEST_TMPDIR).toBeDefined()
  expect(tmpdir()).toBe(process.env.PRECIS_TEST_TMPDIR)
  const seen = execFileSync(
    process.execPath,
    ['-e', 'console.log(JSON.stringify([process.env.NODE_EXTRA_CA_CERTS ?? null, require("os").tmpdir()]))'],
    {
      encoding: 'utf8',
    },
  )
  expect(JSON.parse(seen)).toEqual([null, process.env.PRECIS_TEST_TMPDIR])
})
