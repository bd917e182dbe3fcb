import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PRECIS_BIN } from '../package-files.js'
import type { LibraryRepo } from './repo.js'

/** The merge driver's name in `.gitattributes` and git's config. */
export const MERGE_DRIVER = 'precis'

const globEscape = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&')

/**
 * The `.gitattributes` line that gives the library file precis's merge driver. Anchored with `/`
 * so it names this folder's file only; names with spaces or quotes use git's C-style quoting.
 */
export function attributeLine(name: string): string {
  const pattern = '/' + globEscape(name)
  const quoted = /[\s"]/.test(name) ? `"${pattern.replace(/["\\]/g, '\\$&')}"` : pattern
  return `${quoted} merge=${MERGE_DRIVER}`
}

/** `.gitignore` lines for the files precis keeps beside the library: lock, backup, temporary files, recovered edits. */
export function ignoreLines(name: string): string[] {
  // A .gitignore pattern is the whole line: only glob characters and a trailing space need escaping.
  const anchored = (text: string) => '/' + globEscape(text).replace(/ $/, '\\ ')
  return [
    anchored(`${name}.lock`),
    anchored(`${name}.lock.break`),
    anchored(`${name}.bak`),
    anchored(`.${name}.tmp-`) + '*',
    anchored(`.${name}.bak-`) + '*',
    '/recovered/',
  ]
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

async function readLines(path: string): Promise<string[]> {
  try {
    return (await readFile(path, 'utf8')).split(/\r?\n/)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** Append the lines `path` lacks (under `comment`); true when the file changed. */
async function ensureLines(path: string, lines: readonly string[], comment: string): Promise<boolean> {
  const present = await readLines(path)
  const have = new Set(present.map((line) => line.trim()))
  const missing = lines.filter((line) => !have.has(line))
  if (missing.length === 0) return false
  const text = present.join('\n')
  const start = text === '' ? '' : text.endsWith('\n') ? `${text}\n` : `${text}\n\n`
  await writeFile(path, `${start}${comment}\n${missing.join('\n')}\n`)
  return true
}

/** True when the library's folder says, in `.gitattributes`, that precis merges the library: sync is on. */
export async function syncIsOn(dir: string, name: string): Promise<boolean> {
  const line = attributeLine(name)
  return (await readLines(join(dir, '.gitattributes'))).some((l) => l.trim() === line)
}

/**
 * Make sure the repository merges the library with precis: the attribute, the ignore lines and the
 * driver in the repository's own config. Returns what had to be (re)written; empty when all was right.
 */
export async function ensureSyncSetup(repo: LibraryRepo): Promise<string[]> {
  const repaired: string[] = []
  if (await ensureLines(join(repo.dir, '.gitattributes'), [attributeLine(repo.name)], '# precis merges its library record by record')) {
    repaired.push('.gitattributes')
  }
  if (await ensureLines(join(repo.dir, '.gitignore'), ignoreLines(repo.name), '# precis: lock, backup and temporary files of the library')) {
    repaired.push('.gitignore')
  }
  const configured = await repo.git.run(['config', '--local', '--get', `merge.${MERGE_DRIVER}.driver`])
  if (configured.stdout.trim() !== driverCommand()) {
    await repo.git.ok(['config', '--local', `merge.${MERGE_DRIVER}.name`, 'precis library merge (record by record)'])
    await repo.git.ok(['config', '--local', `merge.${MERGE_DRIVER}.driver`, driverCommand()])
    repaired.push('the merge driver in git config')
  }
  return repaired
}
