import { defineConfig } from 'vitest/config'

// `npm run test:terminal`: the tests that draw in a real terminal (test/terminal: xterm on a virtual X display, tmux),
// apart from `npm test` because they need Debian's xterm, xvfb, xfonts-base, imagemagick and tmux, which a
// fresh clone with only `npm ci` lacks and `.ci/run` installs. The same closing line as `npm test`.
export default defineConfig({
  test: {
    globalSetup: ['./test/support/build-dist.ts', './test/support/temp-root.ts', './test/support/hermetic-env.ts'],
    reporters: ['default', './test/support/count-reporter.ts'],
    include: ['test/terminal/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
})
