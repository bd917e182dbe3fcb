import { chmod, stat } from 'node:fs/promises'
import { ExitCode, PrecisError, UsageError } from '../core/errors.js'
import { CONFLICT_TAG } from '../core/tags/rules.js'
import { emptyLibrary, type Library } from '../core/model.js'
import { NEW_FILE_MODE } from '../store/durable-write.js'
import { acquireLock } from '../store/lock.js'
import type { Env } from '../store/paths.js'
import { countChanges, diffLibraries, type ChangeCounts } from './library-diff.js'
import { ReceivedSummaries } from './received.js'
import { mergeableCommit, shortList } from './own-files.js'
import { commitPendingLibrary, commitSetup } from './pending.js'
import { branchRemote, fetchRemote, pushRemote, remoteLibrary, type Remote } from './remote.js'
import { commitWithLibrary, currentBranch, findLibraryRepo, headLibrary, libraryAt, refExists, type LibraryRepo } from './repo.js'
import { ensureSyncSetup, syncIsOn } from './setup.js'
import { pushAll } from '../core/lists.js'

/** What a sync did. */
export interface SyncReport {
  /** The work tree's top folder. */
  top: string
  branch: string
  remote: { name: string; url: string } | null
  /** Parts of the setup that had to be written again. */
  repaired: string[]
  /** Subjects of the commits made of changes not committed before. */
  committed: string[]
  /** Summaries that came in from the remote. */
  received: ChangeCounts
  /** Summaries the remote gained from this push. */
  sent: ChangeCounts
  /** Conflict copies the merge made (summaries tagged precis/conflict). */
  conflicts: string[]
  pushed: boolean
}

/** Fetch, merge and push again at most this often when the remote keeps moving under us. */
const MAX_ATTEMPTS = 3

const REPAIR_SUBJECT = 'precis sync: repair the merge setup'

const none = (): ChangeCounts => ({ added: 0, changed: 0, removed: 0 })

/** The repository of a library that sync was set up for; a usage error otherwise. */
export async function openSyncedRepo(libraryPath: string, env: Env): Promise<LibraryRepo> {
  const repo = await findLibraryRepo(libraryPath, env)
  if (!repo || !(await syncIsOn(repo))) {
    throw new UsageError(`Sync is not set up for ${libraryPath}`, ['Set it up with: precis sync init --remote <url>'])
  }
  return repo
}

async function refuseUnfinishedMerge(repo: LibraryRepo): Promise<void> {
  if (!(await refExists(repo, 'MERGE_HEAD'))) return
  throw new PrecisError(`A git merge is unfinished in ${repo.top}`, ExitCode.failure, [
    `Finish it (git -C '${repo.top}' commit) or abandon it (git -C '${repo.top}' merge --abort), then sync again.`,
  ])
}

/**
 * Merge `fetched` (the id of the remote branch's commit, whose library is `theirs`) into HEAD with the
 * precis driver: by its id, since another fetch may have moved the remote branch since it was read.
 * A failed merge is undone and reported. `received`: what the sync's merges so far brought in.
 */
async function mergeRemote(
  repo: LibraryRepo,
  remote: Remote,
  fetched: string,
  theirs: Library,
  received: ReceivedSummaries,
  report: SyncReport,
): Promise<void> {
  const before = await headLibrary(repo)
  // git writes files with the umask's mode; the library stays as private as precis made it.
  const mode = await stat(repo.file).then(
    (info) => info.mode & 0o7777,
    () => NEW_FILE_MODE,
  )
  const { commit, untracked } = await mergeableCommit(repo, fetched)
  if (untracked.length > 0) report.repaired.push(`stopped tracking ${shortList(untracked)}, which ${remote.name}/${remote.branch} tracks`)
  const args = [
    'merge',
    '--quiet',
    '--no-edit',
    '--no-verify',
    '--allow-unrelated-histories',
    '-m',
    `sync: merge ${remote.name}/${remote.branch}`,
    commit,
  ]
  const result = await repo.git.run([...(await repo.git.identityOptions()), ...args])
  if (result.code !== 0) {
    const conflicted = (await repo.git.run(['diff', '--name-only', '--diff-filter=U'])).stdout.split('\n').filter(Boolean)
    await repo.git.run(['merge', '--abort'])
    throw new PrecisError(`Could not merge ${remote.name}/${remote.branch}`, ExitCode.failure, [
      ...(result.stderr.trim() || result.stdout.trim())
        .split('\n')
        .slice(0, 6)
        .map((line) => `  ${line}`),
      ...(conflicted.length > 0 ? [`Files both sides changed that git could not merge: ${conflicted.join(', ')}`] : []),
      'The merge was undone: the library and the repository are as they were before this sync.',
    ])
  }
  await chmod(repo.file, mode).catch(() => undefined) // neither side may have a library yet
  const after = await headLibrary(repo)
  received.merged(diffLibraries(before, after), after)
  report.received = received.counts(after)
  const existing = new Set([...before.summaries, ...theirs.summaries].map((s) => s.id))
  pushAll(
    report.conflicts,
    after.summaries.filter((s) => s.tags.includes(CONFLICT_TAG) && !existing.has(s.id)).map((s) => s.id),
  )
}

/**
 * `precis sync`: check and repair the setup, commit what is pending, then fetch, merge (with the
 * precis driver) and push, again when the remote moved meanwhile. Every step that writes the
 * library runs under the library's lock; the network steps do not, so other commands wait only
 * for the local work.
 */
export async function syncLibrary(libraryPath: string, env: Env, lockTimeoutMs: number): Promise<SyncReport> {
  const repo = await openSyncedRepo(libraryPath, env)
  await refuseUnfinishedMerge(repo)
  const branch = await currentBranch(repo)
  if (branch === null) {
    throw new PrecisError(`No branch is checked out in ${repo.top} (HEAD is detached)`, ExitCode.failure, [
      `Check out your branch, e.g. git -C '${repo.top}' switch main, then sync again.`,
    ])
  }
  const locked = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await acquireLock(`${repo.file}.lock`, { timeoutMs: lockTimeoutMs, label: repo.file })
    try {
      return await work()
    } finally {
      await release()
    }
  }
  const report: SyncReport = {
    top: repo.top,
    branch,
    remote: null,
    repaired: [],
    committed: [],
    received: none(),
    sent: none(),
    conflicts: [],
    pushed: false,
  }
  const received = new ReceivedSummaries()
  const commitPending = async () => {
    const subject = await commitPendingLibrary(repo)
    if (subject !== null) report.committed.push(subject)
  }
  // Under the lock: the repair works on git's index, as the commit of every change does.
  const repairSetup = async () => {
    const repaired = await ensureSyncSetup(repo)
    pushAll(
      report.repaired,
      repaired.filter((part) => !report.repaired.includes(part)),
    )
    if (repaired.length > 0 && (await commitSetup(repo, REPAIR_SUBJECT))) report.committed.push(REPAIR_SUBJECT)
  }
  await locked(async () => {
    await repairSetup()
    await commitPending()
  })
  const remote = await branchRemote(repo, branch)
  if (!remote) return report
  report.remote = { name: remote.name, url: remote.url }
  for (let attempt = 1; ; attempt++) {
    await fetchRemote(repo, remote)
    // Read, merged and compared with by its id: another fetch (another sync, the person) may move the ref meanwhile.
    const fetched = await commitWithLibrary(repo, remote.ref, true) // its folder: the own files a merge of it would bring
    const theirs = fetched === null ? null : await remoteLibrary(repo, remote, fetched)
    if (fetched !== null) {
      await locked(async () => {
        await commitPending() // a hand edit made while fetching
        await mergeRemote(repo, remote, fetched, theirs ?? emptyLibrary(), received, report)
        await repairSetup() // what the merge brought may have undone the setup: repaired before it is pushed
      })
    }
    // Pushed by its id and counted as sent: a commit made after this read (another precis write) waits for the next sync.
    const head = await commitWithLibrary(repo, 'HEAD')
    if (head === null || head === fetched) return report
    if ((await pushRemote(repo, remote, head, fetched)) === 'pushed') {
      const pushed = (await libraryAt(repo, head, 'HEAD')) ?? emptyLibrary()
      report.sent = countChanges(diffLibraries(theirs ?? emptyLibrary(), pushed), pushed)
      report.pushed = true
      return report
    }
    if (attempt === MAX_ATTEMPTS) {
      throw new PrecisError(`${remote.name} kept changing while precis synced with it`, ExitCode.failure, [
        'Your changes are committed here; run precis sync again.',
      ])
    }
  }
}
