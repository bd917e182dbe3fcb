import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { ByteQueue } from './byte-queue.js'

/** An object as `git cat-file --batch` gave it. */
export interface GitObject {
  id: string
  type: string
  content: Buffer
}

/**
 * One `git cat-file --batch` asked for one object at a time, each name written once the answer before it is
 * read: a later name may be made of an id an earlier answer gave (`<commit>:<path>`), so what a ref named
 * is read as one commit throughout, however the ref moves meanwhile. One process for several questions.
 * Names are given on lines: one holding a line break (or ending in a carriage return) cannot be asked.
 */
export class ObjectReader {
  private readonly queue = new ByteQueue()
  private readonly stream: AsyncIterator<Buffer>

  /** `child`: `git cat-file --batch`, just started. */
  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.child.on('error', () => undefined) // a git that cannot start ends the output: every answer is then null
    this.child.stdin.on('error', () => undefined)
    this.child.stderr.resume()
    this.stream = this.child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  }

  /** True when `name` can be written as one line of the batch's input. */
  static canAsk(name: string): boolean {
    return !name.includes('\n') && !name.endsWith('\r')
  }

  /** The object `name` names; null when it names none (or git stopped answering). */
  async read(name: string): Promise<GitObject | null> {
    this.child.stdin.write(`${name}\n`)
    if (!(await this.fill(() => this.queue.indexOfNewline() >= 0))) return null
    const header = this.queue
      .take(this.queue.indexOfNewline() + 1)
      .toString('utf8')
      .trimEnd()
    const found = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header)
    if (found === null) return null // "<name> missing" (or ambiguous)
    const size = Number(found[3])
    if (!(await this.fill(() => this.queue.length >= size + 1))) return null
    const content = this.queue.take(size)
    this.queue.take(1) // the newline after each object
    return { id: found[1]!, type: found[2]!, content }
  }

  /** Ends git's input: it exits once it has answered. */
  close(): void {
    this.child.stdin.end()
  }

  private async fill(enough: () => boolean): Promise<boolean> {
    while (!enough()) {
      const next = await this.stream.next()
      if (next.done) return false
      this.queue.push(next.value)
    }
    return true
  }
}

/** An entry of a tree object: a file (or link, or submodule) or a folder, by its name in the tree. */
export interface TreeEntry {
  name: string
  isTree: boolean
}

/** The entries of a tree object's content (`<mode> <name>\0<id>` each, the id `idBytes` long), in git's order. */
export function treeEntries(content: Buffer, idBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = []
  for (let at = 0; at < content.length;) {
    const space = content.indexOf(32, at)
    const end = content.indexOf(0, space)
    if (space < 0 || end < 0) break
    entries.push({ name: content.subarray(space + 1, end).toString('utf8'), isTree: content.subarray(at, space).toString() === '40000' })
    at = end + 1 + idBytes
  }
  return entries
}
