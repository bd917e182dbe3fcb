import { basename, dirname } from 'node:path'
import type { Library } from '../core/model.js'
import type { ChangeRecorder } from '../store/recorder.js'
import { cleanMessage, describeChange } from './commit-message.js'
import { Git } from './git.js'
import { diffLibraries } from './library-diff.js'
import { syncIsOn } from './setup.js'

/** Commit the library file with `message` (subject, then body). Only that file: nothing else the person staged. */
export async function commitLibrary(git: Git, name: string, subject: string, body = ''): Promise<void> {
  await git.ok(['add', '--', name])
  const messages = body === '' ? ['-m', subject] : ['-m', subject, '-m', body]
  await git.ok([...(await git.identityOptions()), 'commit', '--quiet', '--no-verify', ...messages, '--', name])
}

async function commitChange(file: string, before: Library, after: Library, message: string | undefined): Promise<void> {
  const described = describeChange(diffLibraries(before, after))
  if (described === null) return // the same records: nothing to commit
  try {
    const subject = message === undefined ? described.subject : cleanMessage(message)
    await commitLibrary(new Git(dirname(file), process.env), basename(file), subject, message === undefined ? described.body : '')
  } catch {
    // Best effort by design: the change is saved; the next change or `precis sync` commits it.
  }
}

/** With sync on, every change of the library becomes a commit that says what it did. */
export const gitAutoCommit: ChangeRecorder = {
  async begin(file, before) {
    // An unreadable .gitattributes must not stop a change from being saved: it is then not recorded.
    if (!(await syncIsOn(dirname(file), basename(file)).catch(() => false))) return null
    const snapshot = structuredClone(before) // the change mutates `before` in place
    return { finish: (after, message) => commitChange(file, snapshot, after, message) }
  },
}
