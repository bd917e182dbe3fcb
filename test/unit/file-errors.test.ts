import { statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describeFileError, describeKind, NotRegularFileError } from '../../src/platform/file-errors.js'
import { tempDir } from '../support/context.js'

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('describeFileError', () => {
  it.each([
    [
      'ELOOP',
      "ELOOP: too many symbolic links encountered, stat '/x'",
      'its path goes through too many symbolic links (links that lead back to each other?)',
    ],
    ['EACCES', "EACCES: permission denied, open '/x'", 'permission denied'],
    ['EISDIR', 'EISDIR: illegal operation on a directory, read', 'it is a folder, not a file'],
    ['ENOTDIR', "ENOTDIR: not a directory, lstat '/x/y'", 'a part of its path is a file, not a folder'],
    ['ENAMETOOLONG', "ENAMETOOLONG: name too long, open '/x'", 'its path is too long for the file system'],
    ['ENXIO', "ENXIO: no such device or address, open '/x'", 'it is a socket or a device, not a regular file'],
    ['ENOSPC', 'ENOSPC: no space left on device, write', 'the disk is full'],
    // Unknown codes keep their words, without the code and the path.
    ['EWEIRD', "EWEIRD: something odd happened, open '/x'", 'something odd happened'],
  ])('%s', (code, message, reason) => {
    const text = describeFileError(systemError(code, message))
    expect(text).toBe(reason)
    expect(text).not.toContain(code)
  })

  it('a file that is not regular is named by its kind', () => {
    expect(describeFileError(new NotRegularFileError('a named pipe (FIFO)'))).toBe('it is a named pipe (FIFO), not a regular file')
  })
})

describe('describeKind', () => {
  it.each([
    ['a folder', () => statSync(tempDir())],
    ['a character device', () => statSync('/dev/null')],
  ])('%s', (kind, info) => {
    expect(describeKind(info())).toBe(kind)
  })
})
