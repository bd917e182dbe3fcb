/**
 * The config file: where it is, reading it (once, on first use) and changing one setting. What a
 * setting may be, and the parsing, are core/config's; this file only touches the disk.
 */
import { closeSync, mkdirSync, realpathSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join } from 'node:path'
import { DataError } from '../core/errors.js'
import { withoutSetting, withSetting, type EditedConfig } from '../core/config/edit.js'
import { MAX_CONFIG_BYTES, parseConfigBytes } from '../core/config/parse.js'
import type { Config, SettingName } from '../core/config/settings.js'
import { decodeInput } from '../core/text/input.js'
import { describeFileError } from '../platform/file-errors.js'
import { openRegularFile, readOpenedFile } from '../platform/regular-file.js'
import type { Env } from './paths.js'
import { DEFAULT_LOCK_TIMEOUT_MS } from './lock-timeout.js'

/** What commands see of the config file (the Context's `config`). */
export interface ConfigFile {
  readonly path: string
  /** The settings the file sets (none when there is no file); DataError when it cannot be used. */
  values(): Config
  /** Set one setting in the file, made if missing; `rewritten` when its comments could not be kept. */
  set(name: SettingName, value: NonNullable<Config[SettingName]>): Promise<{ rewritten: boolean }>
  /** Remove the line that sets `name` (a setting, or a key precis does not know); null when the file does not set it. */
  unset(name: string): Promise<{ rewritten: boolean } | null>
}

/** `$XDG_CONFIG_HOME/precis/config.toml`, else `~/.config/precis/config.toml` (relative XDG values are ignored, per the spec). */
export function configPath(env: Env): string {
  const xdg = env.XDG_CONFIG_HOME
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config')
  return join(base, 'precis', 'config.toml')
}

/** The config file's bytes, or null when there is none. A folder, a pipe or a device in its place is refused at once. */
function readConfigBytes(path: string): Buffer | null {
  let opened
  try {
    opened = openRegularFile(path)
  } catch (error) {
    // No file, or a file where a folder on the way should be (HOME=/dev/null): there is no config.
    const { code } = error as NodeJS.ErrnoException
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    // Running without it would quietly drop the settings (an author, a key pattern) new records are made with.
    throw new DataError(`Cannot read the config file ${path}: ${describeFileError(error)}`, [
      code === 'EACCES' || code === 'EPERM'
        ? 'Check its owner and permissions (ls -l), or move it away; precis does not run without the settings it holds.'
        : 'Put a config file in its place, or move what is there away; precis does not run without the settings it may hold.',
    ])
  }
  try {
    if (opened.size > MAX_CONFIG_BYTES)
      throw new DataError(`${path} is too big for a config file (${opened.size} bytes; the limit is ${MAX_CONFIG_BYTES})`)
    return readOpenedFile(opened)
  } finally {
    closeSync(opened.fd)
  }
}

/** `parse()`, whose refusal says how the file can be mended. */
function mendable<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (!(error instanceof DataError)) throw error
    throw new DataError(error.message, [
      ...error.details,
      'Mend it with precis config set <name> <value>, which replaces the line, or in an editor: $EDITOR "$(precis config path)"',
    ])
  }
}

export class FileConfig implements ConfigFile {
  private loaded: Config | undefined

  /** `warn` hears of keys precis does not know (a typo, or a newer precis's setting). */
  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void,
    private readonly lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
  ) {}

  values(): Config {
    if (this.loaded) return this.loaded
    const bytes = readConfigBytes(this.path)
    if (bytes === null) return (this.loaded = {})
    const { config, unknown } = mendable(() => parseConfigBytes(bytes, this.path))
    for (const { key, line } of unknown)
      this.warn(`${line > 0 ? `${this.path}:${line}` : this.path}: unknown setting ${JSON.stringify(key.slice(0, 80))} ignored`)
    return (this.loaded = config)
  }

  async set(name: SettingName, value: NonNullable<Config[SettingName]>): Promise<{ rewritten: boolean }> {
    return (await this.edit((text) => withSetting(text, this.path, name, value)))!
  }

  async unset(name: string): Promise<{ rewritten: boolean } | null> {
    if (readConfigBytes(this.path) === null) return null // no file to change, nor a folder to make for it
    return this.edit((text) => withoutSetting(text, this.path, name))
  }

  /**
   * Change the file's text as `change` says (null: leave it), under the file's lock: two changes at
   * once would otherwise each write the text they read, and one would be lost.
   */
  private async edit(change: (text: string) => EditedConfig | null): Promise<{ rewritten: boolean } | null> {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 })
    // Through a link to the real file (a dotfiles folder), so the link stays a link.
    const target = existingTarget(this.path)
    // The write machinery loads only to write.
    const [{ acquireLock }, { writeFileDurably }] = await Promise.all([import('./lock.js'), import('./durable-write.js')])
    const release = await acquireLock(`${target}.lock`, { timeoutMs: this.lockTimeoutMs, label: this.path, busy: 'Config file busy' })
    try {
      const bytes = readConfigBytes(target)
      const edited = change(bytes === null ? '' : decodeInput(bytes, this.path, MAX_CONFIG_BYTES))
      if (edited === null) return null
      await writeFileDurably(target, [edited.text], MAX_CONFIG_BYTES)
      this.loaded = undefined
      return { rewritten: edited.rewritten }
    } finally {
      await release()
    }
  }
}

/** The real path of the file at `path`, or `path` itself when there is no file there yet. */
function existingTarget(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}
