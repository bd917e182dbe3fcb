/**
 * Attached files in the library's repository, only when asked (`sync init --with-files`): PDFs make
 * a repository grow for good, so by default only the library file is committed and the files stay
 * on the machine they were attached on. Asked once, the repository's own config holds
 * `precis.files = true`, and every commit precis makes takes the attachment folder along.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { attachmentsRoot } from '../store/attachment-files.js'
import type { Git } from './git.js'
import type { LibraryRepo } from './repo.js'
import { dropLines, ensureLines } from './setup-lines.js'

const SETTING = 'precis.files'
const EXCLUDE_COMMENT = '# precis: attached files (precis sync init --with-files carries them)'

const isCarried = async (git: Git) => (await git.config()).isTrue(SETTING)

/**
 * Keep the attachment folder out of git (a line in the repository's own `info/exclude`, so that
 * `git add -A` in the folder does not commit PDFs either) unless the repository carries it, when
 * the line must go. True when the file changed.
 */
export async function excludeFilesUnlessCarried(repo: LibraryRepo): Promise<boolean> {
  const line =
    '/' +
    filesFolderRel(repo.top, repo.rel)
      .replace(/[*?[\]\\]/g, '\\$&')
      .replace(/ $/, '\\ ') +
    '/'
  if (await isCarried(repo.git)) return (await dropLines(repo.info.exclude, (present) => present === line)).length > 0
  return ensureLines(repo.info.exclude, [line], EXCLUDE_COMMENT)
}

/** The attachment folder of the library at `rel` (from the top of the work tree, `/`-separated). */
export function filesFolderRel(top: string, rel: string): string {
  return relative(top, attachmentsRoot(join(top, rel)))
    .split(sep)
    .join('/')
}

/**
 * When the repository carries the attached files: stage the folder's changes (new, changed and
 * deleted files) and return it for the commit's paths; null when it does not, or there is nothing
 * of it to commit (git refuses a path it knows no file of).
 */
export async function stageCarriedFiles(git: Git, rel: string): Promise<string | null> {
  if (!(await isCarried(git))) return null
  const folder = filesFolderRel(git.cwd, rel)
  const known = async () => (await git.ok(['--literal-pathspecs', 'ls-files', '-z', '--', folder])) !== ''
  const before = await known()
  if (!before && !existsSync(join(git.cwd, folder))) return null
  await git.ok(['--literal-pathspecs', 'add', '-A', '--', folder])
  return before || (await known()) ? folder : null
}

/** How many files the folder holds, and their bytes (links are not followed). */
function measure(dir: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  if (!existsSync(dir)) return { files, bytes }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      const inner = measure(path)
      files += inner.files
      bytes += inner.bytes
    } else if (entry.isFile()) {
      files++
      bytes += lstatSync(path).size
    }
  }
  return { files, bytes }
}

/** What carrying the files added: the folder, and the files and bytes it holds now. */
export interface CarriedFiles {
  folder: string
  files: number
  bytes: number
}

/** Turn carrying the attached files on, and commit the folder as it is (the library file commits as ever). */
export async function carryFiles(repo: LibraryRepo): Promise<CarriedFiles> {
  const folder = filesFolderRel(repo.top, repo.rel)
  await repo.git.ok(['config', SETTING, 'true'])
  await excludeFilesUnlessCarried(repo)
  const size = measure(join(repo.top, folder))
  if (size.files > 0) {
    await repo.git.ok(['--literal-pathspecs', 'add', '-A', '--', folder])
    const staged = await repo.git.run(['diff', '--cached', '--quiet', '--', folder])
    if (staged.code !== 0) {
      await repo.git.ok(
        [...(await repo.git.identityOptions()), '--literal-pathspecs', 'commit', '--quiet', '--no-verify', '-F', '-', '--', folder],
        { input: `sync: carry the attached files (${size.files} ${size.files === 1 ? 'file' : 'files'})` },
      )
    }
  }
  return { folder, ...size }
}
