import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempFileWriter, tempNameBeside } from '../../../src/store/temp-files.js'

describe('tempFileWriter', () => {
  it.each([
    ['.library.json.tmp-4242-0a1b2c3d-0123456789ab', { pid: 4242, hostTag: '0a1b2c3d' }],
    ['.library.json.bak-1-ffffffff-ffffffffffff', { pid: 1, hostTag: 'ffffffff' }],
    ['.library.json.tmp-4242-0123456789ab', null], // an older precis: no host, so never provably dead
    ['.library.json.tmp-4242-0a1b2c3d-0123456789ab.x', null],
    ['.library.json.tmp-0-0a1b2c3d-0123456789ab', null], // no process has pid 0
    ['.library.json.tmp-04242-0a1b2c3d-0123456789ab', null],
    ['.library.json.new-4242-0a1b2c3d-0123456789ab', null], // not a kind precis makes
    ['.other.json.tmp-4242-0a1b2c3d-0123456789ab', null], // another library's
    ['library.json.tmp-4242-0a1b2c3d-0123456789ab', null],
    ['.library.json.tmp-4242-0A1B2C3D-0123456789ab', null],
    ['.library.json.tmp-99999999999-0a1b2c3d-0123456789ab', null], // more digits than a pid has
  ])('%s -> %j', (entry, expected) => {
    expect(tempFileWriter(entry, 'library.json')).toEqual(expected)
  })

  it('reads back the writer of every name tempNameBeside makes: this process, one host tag', () => {
    const names = [tempNameBeside('/x/library.json', 'tmp'), tempNameBeside('/x/library.json', 'bak')].map((p) => basename(p))
    const writers = names.map((name) => tempFileWriter(name, 'library.json'))
    expect(writers.map((w) => w?.pid)).toEqual([process.pid, process.pid])
    expect(writers[0]?.hostTag).toMatch(/^[0-9a-f]{8}$/)
    expect(writers[1]?.hostTag).toBe(writers[0]?.hostTag)
    expect(names[0]).not.toBe(tempNameBeside('/x/library.json', 'tmp')) // unguessable: a new name each time
  })
})
