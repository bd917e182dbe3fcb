// Preloaded (`node -r`) into a precis run by interrupt-at-end.test.ts: the moment precis removes its
// library lock, the last step of a write, this process is sent SIGINT. The signal is then pending
// through everything the command does after it, as a Ctrl-C that lands there is.
'use strict'
const fs = require('node:fs')

const removeFile = fs.rmSync
fs.rmSync = function (path, options) {
  const removed = removeFile.call(this, path, options)
  if (String(path).endsWith('.json.lock')) process.kill(process.pid, 'SIGINT')
  return removed
}
