import { join, relative } from 'node:path'
import { PRECIS_BIN } from '../package-files.js'
import { ignoreLines, shortList, untrackOwnFiles } from './own-files.js'
import type { LibraryRepo } from './repo.js'
import { excludeFilesUnlessCarried } from './files.js'
import { dropLines, ensureLines, isLink, readLines, removeLink } from './setup-lines.js'

/** The merge driver's name in `.gitattributes` and git's config. */
export const MERGE_DRIVER = 'precis'

const globEscape = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&')

/** The pattern naming exactly the file at `path` (from the attributes file's folder), in git's C-style quotes when needed. */
function attributePattern(path: string): string {
  const pattern = '/' + globEscape(path)
  return /[\s"]/.test(path) ? `"${pattern.replace(/["\\]/g, '\\$&')}"` : pattern
}

/**
 * The `.gitattributes` line that gives the library file precis's merge driver. Anchored with `/`
 * so it names this folder's file only; names with spaces or quotes use git's C-style quoting.
 */
export function attributeLine(name: string): string {
  return `${attributePattern(name)} merge=${MERGE_DRIVER}`
}

/**
 * The line of the repository's own `info/attributes` for the library at `rel` (from the top).
 * Beside the merge driver it unsets what would make git store or check out other bytes than
 * precis wrote: line-ending conversion, filters (such as a global Git LFS setup), `ident` and
 * another working-tree encoding (a library checked out as UTF-16 cannot be read).
 */
export function infoAttributeLine(rel: string): string {
  return `${attributeLine(rel)} -text -eol -filter -ident -working-tree-encoding`
}

/** True when `line` of the library folder's `.gitattributes` gives the library `name` another merge (`-merge`, `binary`, another driver). */
function overridesMerge(line: string, name: string): boolean {
  const pattern = attributePattern(name)
  if (!line.startsWith(pattern) || !/^\s/.test(line.slice(pattern.length))) return false
  const attributes = line.slice(pattern.length).trim().split(/\s+/)
  return attributes.some((attribute) => attribute !== `merge=${MERGE_DRIVER}` && /^[-!]?(merge(=|$)|binary$)/.test(attribute))
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

/**
 * The driver command git runs (through a shell) for a merge of the library: this node and this
 * precis by absolute path, so neither PATH nor a version manager decides which precis merges.
 * `precis sync` writes it again each time, so a moved install is picked up.
 */
export function driverCommand(): string {
  return `${shellQuote(process.execPath)} ${shellQuote(PRECIS_BIN)} merge-driver %O %A %B %P`
}

/** True when the folder's `.gitattributes` has precis's line for the library `name` (never read through a link, as git does not). */
export async function folderSyncIsOn(dir: string, name: string): Promise<boolean> {
  const path = join(dir, '.gitattributes')
  return !(await isLink(path)) && (await readLines(path)).some((line) => line.trim() === attributeLine(name))
}

/**
 * True when sync is on for the library: precis's line is in the repository's own attributes
 * (where `sync init` and every sync put it), or in the folder's `.gitattributes` (a fresh clone
 * of a synced library).
 */
export async function syncIsOn(repo: LibraryRepo): Promise<boolean> {
  const info = await readLines(repo.info.attributes)
  return info.some((line) => line.trim() === infoAttributeLine(repo.rel)) || (await folderSyncIsOn(repo.dir, repo.name))
}

/**
 * Make sure the repository merges the library with precis and never tracks precis's own files,
 * whatever a commit (a remote's among them) did: the attribute and ignore lines, the driver in the
 * repository's config, and the index. Returns what had to be (re)written; empty when all was right.
 *
 * The lines that must hold go to the repository's own `info/attributes` and `info/exclude`: git
 * reads them before (and over) any `.gitattributes`, and no commit can change them, so a remote
 * `/library.json -merge` cannot turn the driver off. The folder's `.gitattributes` and
 * `.gitignore` get the same lines (and lose lines that override the library's), committed, so
 * that other clones and plain git see them too.
 */
export async function ensureSyncSetup(repo: LibraryRepo): Promise<string[]> {
  const repaired: string[] = []
  const shown = (path: string) => relative(repo.top, path)
  const folder = repo.rel.slice(0, repo.rel.length - repo.name.length)
  if (await ensureLines(repo.info.attributes, [infoAttributeLine(repo.rel)], '# precis merges its library record by record')) {
    repaired.push(shown(repo.info.attributes))
  }
  const excluded = await ensureLines(
    repo.info.exclude,
    ignoreLines(repo.name, folder),
    '# precis: lock, backup and temporary files of the library',
  )
  if ((await excludeFilesUnlessCarried(repo)) || excluded) repaired.push(shown(repo.info.exclude))
  const [attributes, ignores] = [join(repo.dir, '.gitattributes'), join(repo.dir, '.gitignore')]
  for (const path of [attributes, ignores]) if (await removeLink(path)) repaired.push(`${relative(repo.dir, path)} (was a symbolic link)`)
  const overrides = await dropLines(attributes, (line) => overridesMerge(line, repo.name))
  const added = await ensureLines(attributes, [attributeLine(repo.name)], '# precis merges its library record by record')
  if (overrides.length > 0) repaired.push(`.gitattributes (removed ${shortList(overrides.map((line) => JSON.stringify(line)))})`)
  else if (added) repaired.push('.gitattributes')
  if (await ensureLines(ignores, ignoreLines(repo.name), '# precis: lock, backup and temporary files of the library')) {
    repaired.push('.gitignore')
  }
  if ((await repo.git.config()).get(`merge.${MERGE_DRIVER}.driver`, 'local') !== driverCommand()) {
    await repo.git.ok(['config', '--local', `merge.${MERGE_DRIVER}.name`, 'precis library merge (record by record)'])
    await repo.git.ok(['config', '--local', `merge.${MERGE_DRIVER}.driver`, driverCommand()])
    repaired.push('the merge driver in git config')
  }
  const untracked = await untrackOwnFiles(repo)
  if (untracked.length > 0) repaired.push(`stopped tracking ${shortList(untracked)}`)
  return repaired
}
