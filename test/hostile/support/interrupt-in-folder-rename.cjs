// Preloaded (`node -r`) into a precis export by interrupt-folder-rename.test.ts: a SIGINT lands as the
// export's hidden folder is renamed into place. A rename made on another thread (fs/promises) may land
// while the signal handler is removing that folder, file after file: this stages it, the handler's
// removal taking half the files before the rename lands. A rename made on this thread (renameSync) is
// done before any handler runs: the signal is sent just before it, and stays pending through it.
'use strict'
const fs = require('node:fs')
const fsp = require('node:fs/promises')
const { join } = require('node:path')

const renameNow = fs.renameSync
const removeNow = fs.rmSync
const renameLater = fsp.rename
const isFolder = (path) => fs.statSync(path, { throwIfNoEntry: false })?.isDirectory() === true
let landing = null // the rename in flight, which lands as the handler removes its folder

fs.renameSync = function (from, to) {
  if (isFolder(from)) process.kill(process.pid, 'SIGINT')
  return renameNow.call(this, from, to)
}

fsp.rename = async function (from, to) {
  if (!isFolder(from)) return renameLater.call(this, from, to)
  landing = { from, land: () => renameNow(from, to) }
  process.kill(process.pid, 'SIGINT')
  // The handler runs at the loop's next turn and the process dies of the signal; the timer only keeps the
  // loop from emptying before that turn, and is never reached.
  await new Promise((resolve) => setTimeout(resolve, 60_000))
  return renameLater.call(this, from, to)
}

fs.rmSync = function (path, options) {
  if (landing && String(path) === String(landing.from)) {
    const names = fs.readdirSync(path)
    for (const name of names.slice(0, Math.ceil(names.length / 2))) fs.unlinkSync(join(path, name))
    landing.land()
    landing = null
  }
  return removeNow.call(this, path, options)
}
