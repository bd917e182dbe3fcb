import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TooLongError, writeFileDurably } from '../../../src/store/durable-write.js'
import { tempDir } from '../../support/context.js'

describe('writeFileDurably', () => {
  it('writes the chunks as UTF-8, short and long ones alike (longer than its buffer too)', async () => {
    const path = join(tempDir(), 'library.json')
    const chunks = ['{"a": "é"', ',\n"θ": "𝔼"', ', "long": "' + 'ü'.repeat(3_000_000), 'x'.repeat(5_000_000), '"}\n']
    await writeFileDurably(path, chunks)
    expect(readFileSync(path, 'utf8')).toBe(chunks.join(''))
  })

  it('refuses text longer than maxBytes, counted in bytes, and leaves the file and its folder as they were', async () => {
    const dir = tempDir()
    const path = join(dir, 'library.json')
    writeFileSync(path, 'before')
    await expect(writeFileDurably(path, ['é'.repeat(5), 'é'], 11)).rejects.toBeInstanceOf(TooLongError)
    expect(readFileSync(path, 'utf8')).toBe('before')
    expect(readdirSync(dir)).toEqual(['library.json'])
    await writeFileDurably(path, ['é'.repeat(5), 'a'], 11)
    expect(readFileSync(path, 'utf8')).toBe('ééééé' + 'a')
  })
})
