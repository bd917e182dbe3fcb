import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** True when some folder from `dir` up holds `.git`: without one no git needs starting to know that sync is off. */
export function mayBeInRepository(dir: string): boolean {
  for (let folder = dir; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return true
    if (dirname(folder) === folder) return false
  }
}
