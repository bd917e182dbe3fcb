import { describe, expect, it } from 'vitest'
import { formatBytes, formatBytesOver } from '../../../src/core/text/sizes.js'
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_TEXT } from '../../../src/core/attachments/attachments.js'
import { MAX_LIBRARY_FILE_BYTES } from '../../../src/store/size-limit.js'

describe('formatBytes: one unit system, the binary one the limits are set in', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [1_048_064, '1 MiB'], // 1023.5 KiB: said in the next unit, not as "1024 KiB"
    [2_345_678, '2.2 MiB'],
    [99.96 * 2 ** 20, '100 MiB'],
    [256 * 2 ** 20, '256 MiB'],
    [315_000_000, '300 MiB'],
    [2 ** 31 - 1, '2 GiB'],
    [1.5 * 2 ** 40, '1.5 TiB'],
    [3 * 2 ** 50, '3072 TiB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  it('says a size and its limit alike: the attachment limit, the library limit', () => {
    expect(MAX_ATTACHMENT_TEXT).toBe('256 MiB')
    expect(formatBytes(MAX_ATTACHMENT_BYTES + 60 * 2 ** 20)).toBe('316 MiB')
    expect(formatBytes(MAX_LIBRARY_FILE_BYTES)).toBe('2 GiB')
  })

  it.each([
    [315_000_000, MAX_ATTACHMENT_BYTES, '300 MiB'],
    [MAX_ATTACHMENT_BYTES + 1, MAX_ATTACHMENT_BYTES, '268,435,457 bytes'],
    [21 * 2 ** 20, 20 * 2 ** 20, '21 MiB'],
  ])('%d over the limit %d reads %s', (bytes, limit, text) => {
    expect(formatBytesOver(bytes, limit)).toBe(text)
  })
})
