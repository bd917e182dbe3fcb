import { describe, expect, it } from 'vitest'
import { readOnlyReason } from '../../../src/store/durable-write.js'

describe('readOnlyReason', () => {
  it.each([
    [0o644, true, null],
    [0o600, true, null],
    [0o200, true, null],
    [0o444, true, "the library file is read-only; chmod u+w '/l/lib.json' to allow changes"],
    [0o400, true, "the library file is read-only; chmod u+w '/l/lib.json' to allow changes"],
    [0o466, true, "the library file is read-only; chmod u+w '/l/lib.json' to allow changes"], // the owner's bit decides, even for root
    [0o444, false, "the library file is read-only; chmod u+w '/l/lib.json' to allow changes"],
    [0o644, false, "you do not have permission to change the library file '/l/lib.json' (see its owner and mode with ls -l)"],
  ])('mode %o, writable %s', (mode, writable, reason) => {
    expect(readOnlyReason('/l/lib.json', mode, writable)).toBe(reason)
  })

  it('quotes the path for the shell', () => {
    expect(readOnlyReason("/l/it's.json", 0o444, true)).toBe(`the library file is read-only; chmod u+w '/l/it'\\''s.json' to allow changes`)
  })
})
