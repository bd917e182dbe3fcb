import { defineConfig } from 'vitest/config'

/** Test files that need a module graph of their own (see the project of that name). */
const ISOLATED = ['test/hostile/planted-symlinks.test.ts']

export default defineConfig({
  // What scripts/build.mjs defines as the build's identity (src/core/build.ts), so that tests of the
  // sources keep the caches the built program keeps.
  define: { PRECIS_BUILD: JSON.stringify('sources') },
  test: {
    // Builds dist/ first: the end-to-end tests run it, and must run the source as it is now. Then the
    // environment every worker and spawned process inherits: one temp folder, no extra CA file to read.
    globalSetup: ['./test/support/build-dist.ts', './test/support/temp-root.ts', './test/support/hermetic-env.ts'],
    // The default report for people, plus the plain "N passed, N failed" line CI reads.
    reporters: ['default', './test/support/count-reporter.ts'],
    // Two test files at a time even on two cores (vitest's default would be one there): most of a
    // hostile or end-to-end test is spent waiting for the precis processes it spawns, and every such
    // test decides by counts and states, never by time. One at a time, the suite took 3.3 minutes.
    maxWorkers: 2,
    // Only a bound for a hung test, never a deadline a passing test must meet: on a machine busy with
    // other work a test that spawns many precis processes takes many times its usual time (the
    // slowest with the default take about 20 s idle). Tests that run longer set their own.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    projects: [
      // All but the terminal tests: tables over pure functions and in-process modules, commands through
      // the fake context, hostile and end-to-end tests. They share one module graph per worker instead of
      // importing precis afresh for each of their 326 files (none mocks a module or keeps state between
      // files: each file's own state lives in its temp folders and the processes it spawns). One project,
      // not one for the unit tables and one for the rest: vitest transforms the sources once per project,
      // and a worker imports them once for each project whose files it runs. The tests in a real terminal
      // (test/terminal) run apart: `npm run test:terminal`, vitest.terminal.config.ts.
      {
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ['test/terminal/**', ...ISOLATED], isolate: false },
      },
      // The files that change a module for their own run (vi.mock): each in a fresh module graph, where
      // the change can reach no other file and no module loaded before it can escape the change.
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
})
