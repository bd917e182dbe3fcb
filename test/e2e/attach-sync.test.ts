import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { precisRun } from '../hostile/support/in-process.js'
import { tempDir } from '../support/context.js'
import { git, gitSandbox } from '../unit/sync/git-sandbox.js'

// HOME and GIT_CONFIG_GLOBAL point at temporary files: the person's git config is never read or touched.
const env = gitSandbox()

/**
 * precis on `library`: the built binary in its own process for the runs that carry the files (the
 * setup that takes them into git, the sync that brings them and the one that takes one away), main()
 * in this process for the others. git runs as a process either way.
 */
async function precis(library: string, args: string[], spawned = false) {
  const result = await precisRun(library, args, { env, spawned })
  expect(result.code, `precis ${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result
}

describe('attached files and sync (real git, the binary where the files travel)', () => {
  it('stay on their machine by default; with --with-files they travel, with their size said, and a detach travels too', async () => {
    const dir = tempDir('precis-e2e-files-')
    const remote = join(dir, 'remote.git')
    git(env, dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote)
    const [a, b] = [join(dir, 'laptop', 'library.json'), join(dir, 'desktop', 'library.json')]
    const pdf = join(dir, 'paper.pdf')
    writeFileSync(pdf, '%PDF-1.4 '.padEnd(3000, 'x'))
    await precis(a, ['add', '--title', 'Neural Message Passing', '--author', 'Justin Gilmer', '--year', '2017', '--body', 'Notes.\n'])
    await precis(a, ['sync', 'init', '--remote', remote])
    await precis(a, ['attach', 'gilmer', pdf])
    await precis(a, ['sync'])
    expect(git(env, join(dir, 'laptop'), 'ls-files')).not.toContain('library.files')
    // Kept out of git by the repository's own exclude file: `git status` is clean, `git add -A` takes no PDF.
    const exclude = join(dir, 'laptop', '.git', 'info', 'exclude')
    expect(readFileSync(exclude, 'utf8')).toContain('\n/library.files/\n')
    expect(git(env, join(dir, 'laptop'), 'status', '--porcelain')).toBe('')

    const carried = await precis(a, ['sync', 'init', '--with-files'], true)
    expect(carried.stderr).toContain('Attached files are carried too: library.files adds 1 file (2.9 KiB) to the repository')
    expect(git(env, join(dir, 'laptop'), 'ls-files')).toContain('library.files/gilmer2017neural/paper.pdf')
    expect(readFileSync(exclude, 'utf8')).not.toContain('/library.files/')
    await precis(a, ['attach', 'gilmer', join(dir, 'laptop', 'library.json')])
    expect(git(env, join(dir, 'laptop'), 'status', '--porcelain')).toBe('')
    await precis(a, ['sync'])

    await precis(b, ['sync', 'init', '--remote', remote])
    await precis(b, ['sync'], true)
    const there = join(dir, 'desktop', 'library.files', 'gilmer2017neural')
    expect(readFileSync(join(there, 'paper.pdf'))).toEqual(readFileSync(pdf))
    expect(existsSync(join(there, 'library.json'))).toBe(true)
    expect((await precis(b, ['doctor'])).stdout).toBe('')

    await precis(a, ['attach', 'gilmer', 'paper.pdf', '--rm'])
    await precis(a, ['sync'])
    await precis(b, ['sync'], true)
    expect(existsSync(join(there, 'paper.pdf'))).toBe(false)
  })
})
