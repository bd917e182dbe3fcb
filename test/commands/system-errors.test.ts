import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Store } from '../../src/store/store.js'
import { testContext } from '../support/context.js'

/** A store whose every read fails as Node's file calls fail: with a code, a syscall and a path. */
function failingStore(code: string, message: string): Store {
  const error = () => Object.assign(new Error(message), { code, syscall: 'open', path: '/lib/library.json' })
  return { path: '/lib/library.json', read: async () => Promise.reject(error()), update: async () => Promise.reject(error()) }
}

describe('a file-system failure no command named itself', () => {
  it.each([
    [
      'ELOOP',
      "ELOOP: too many symbolic links encountered, open '/lib/library.json'",
      'its path goes through too many symbolic links (links that lead back to each other?)',
    ],
    ['EACCES', "EACCES: permission denied, open '/lib/library.json'", 'permission denied'],
    ['EXDEV', "EXDEV: cross-device link not permitted, open '/lib/library.json'", 'cross-device link not permitted'],
  ])('%s: exit 1 with the path and the reason in words, no code', async (code, message, reason) => {
    const ctx = { ...testContext(), store: failingStore(code, message) }
    expect(await main(['list'], ctx)).toBe(1)
    expect(ctx.stderr()).toBe(`precis: /lib/library.json: ${reason}\n`)
  })
})
