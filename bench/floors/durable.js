// A durable write as precis saves a library: a temp file in the same folder, fsync, rename over it,
// fsync the folder (so the rename itself is on disk).
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export function writeDurably(path, data) {
  const temp = `${path}.tmp-${process.pid}`
  const fd = openSync(temp, 'w', 0o600)
  writeFileSync(fd, data)
  fsyncSync(fd)
  closeSync(fd)
  renameSync(temp, path)
  const folder = openSync(dirname(path), 'r')
  fsyncSync(folder)
  closeSync(folder)
}
