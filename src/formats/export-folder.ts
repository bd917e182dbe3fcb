import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { forEachInterruptible, removeOnInterrupt } from '../platform/interrupt.js'
import { describeFileError } from '../platform/file-errors.js'
import { createFolder, wholeContent, writeFailure, writeOutputFiles, type OutputFile } from './export-files.js'

/**
 * An export to a folder that does not exist yet: its files are written into a hidden folder beside
 * it, which is renamed into place once they are all there. Nobody sees a file before the export is
 * complete, so no file needs a temp file and a rename of its own (most of the system time of a 10k
 * export), and an interrupted export leaves no folder at all. Files outside `folder` (a BibTeX file
 * elsewhere) are written after, one by one.
 */
export async function writeNewFolder(folder: string, files: readonly OutputFile[], progress: (done: number) => void): Promise<void> {
  const inside = files.filter((file) => path.dirname(file.path) === folder)
  const outside = files.filter((file) => path.dirname(file.path) !== folder)
  await createFolder(path.dirname(folder))
  // A new random name, created here with the usual permissions (mkdtemp would make it private).
  const temp = path.join(path.dirname(folder), `.${path.basename(folder)}.${randomBytes(6).toString('hex')}.tmp`)
  const forget = removeOnInterrupt(temp)
  try {
    mkdirSync(temp) // synchronous, as every file removed on Ctrl-C is made (platform/interrupt.ts)
    await forEachInterruptible(inside, (file, i) => {
      writeFileSync(path.join(temp, path.basename(file.path)), wholeContent(file), { flag: 'wx' })
      progress(i + 1)
    })
    // Synchronous, so that no Ctrl-C is handled during it: an asynchronous rename runs on another thread
    // and could land while the handler removes the hidden folder file by file, leaving part of the export.
    // It fails if the folder appeared meanwhile: nothing in it is replaced.
    renameSync(temp, folder)
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined) // a name too long was never made
    throw writeFailure(`Could not write the folder ${folder}: ${describeFileError(error)}`, error)
  } finally {
    forget()
  }
  await writeOutputFiles(outside, (done) => progress(inside.length + done))
}
