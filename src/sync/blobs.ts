import { ByteQueue } from './byte-queue.js'
import { GitError, type Git } from './git.js'

/**
 * The objects named by `specs` (e.g. `<commit>:library.json`), in order, through one
 * `git cat-file --batch`: null for a name that does not exist. One process for any number of
 * versions, read as they stream, so the history of a large library is never all in memory.
 */
export async function* readObjects(git: Git, specs: readonly string[]): AsyncGenerator<Buffer | null> {
  if (specs.length === 0) return
  const child = git.spawn(['cat-file', '--batch'])
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)))
  child.stdin.end(specs.join('\n') + '\n')
  const queue = new ByteQueue()
  const stream = child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const fill = async (enough: () => boolean) => {
    while (!enough()) {
      const next = await stream.next()
      if (next.done) throw new GitError(['cat-file', '--batch'], { code: await exited, stdout: '', stderr: stderr || 'output ended early' })
      queue.push(next.value)
    }
  }
  try {
    for (let i = 0; i < specs.length; i++) {
      await fill(() => queue.indexOfNewline() >= 0)
      const header = queue
        .take(queue.indexOfNewline() + 1)
        .toString('utf8')
        .trimEnd()
      const size = /^[0-9a-f]+ \S+ (\d+)$/.exec(header)?.[1]
      if (size === undefined) {
        yield null // "<name> missing" (or ambiguous): that version has no such file
        continue
      }
      await fill(() => queue.length >= Number(size) + 1)
      const content = queue.take(Number(size))
      queue.take(1) // the newline after each object
      yield content
    }
  } finally {
    child.kill()
  }
}
