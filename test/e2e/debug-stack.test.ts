import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { runPrecis } from '../support/cli.js'

// An unexpected error, cheaply and without a network: an arXiv address that is no URL makes `new URL`
// throw a plain TypeError inside the arXiv client, which no command turns into a message of its own.
function addWithBadArxivUrl(env: Record<string, string>) {
  const dir = tempDir()
  return runPrecis(['--library', join(dir, 'library.json'), 'add', '2003.10555'], {
    env: { PRECIS_ARXIV_URL: '::not a url', PRECIS_CACHE_DIR: join(dir, 'cache'), ...env },
  })
}

describe('an unexpected error', () => {
  it('under PRECIS_DEBUG prints a stack trace naming src/ files and lines (dist/ has source maps), not bundle chunks', async () => {
    const result = await addWithBadArxivUrl({ PRECIS_DEBUG: '1' })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^precis: Invalid URL\nTypeError: Invalid URL\n/)
    const frames = result.stderr.split('\n').filter((line) => line.trimStart().startsWith('at '))
    expect(
      frames.find((frame) => /\/src\/sources\/arxiv\.ts:\d+:\d+\)$/.test(frame)),
      result.stderr,
    ).toBeDefined()
    expect(
      frames.find((frame) => /\/src\/main\.ts:\d+:\d+\)$/.test(frame)),
      result.stderr,
    ).toBeDefined()
    expect(frames.filter((frame) => frame.includes('/dist/'))).toEqual([])
  })

  it('without PRECIS_DEBUG is one line, with no stack', async () => {
    const result = await addWithBadArxivUrl({})
    expect(result).toMatchObject({ code: 1, stderr: 'precis: Invalid URL\n' })
  })
})
