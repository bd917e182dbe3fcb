import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { LIBRARY_VERSION } from '../core/model.js'
import { OLDEST_READABLE_VERSION } from '../core/schema/upgrade.js'

/** Environment variables consulted; a plain record so tests pass their own. */
export type Env = Readonly<Record<string, string | undefined>>

/** `$XDG_DATA_HOME/precis`, else `~/.local/share/precis` (relative XDG values are ignored, per the spec). */
export function dataDir(env: Env): string {
  const xdg = env.XDG_DATA_HOME
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.local', 'share')
  return join(base, 'precis')
}

/** Where the library lives: `--library` > `PRECIS_LIBRARY` > the data dir. */
export function resolveLibraryPath(flag: string | undefined, env: Env, cwd: string): string {
  const chosen = flag || env.PRECIS_LIBRARY
  return chosen ? resolve(cwd, chosen) : join(dataDir(env), 'library.json')
}

/** `PRECIS_CACHE_DIR`, else `$XDG_CACHE_HOME/precis`, else `~/.cache/precis`. */
export function cacheDir(env: Env): string {
  if (env.PRECIS_CACHE_DIR) return env.PRECIS_CACHE_DIR
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME
  return join(xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache'), 'precis')
}

/** Where the library file at `path`, of the older format `version`, is kept when a write upgrades it. */
export const upgradeBackupPath = (path: string, version: number): string => `${path}.v${version}.bak`

/** The names of the upgrade backups beside the library named `name`, one per older version precis reads. */
export function upgradeBackupNames(name: string): string[] {
  const names: string[] = []
  for (let v = OLDEST_READABLE_VERSION; v < LIBRARY_VERSION; v++) names.push(upgradeBackupPath(name, v))
  return names
}
