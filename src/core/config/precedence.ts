/**
 * Which value each setting takes: a flag, then the environment, then the config file, then the
 * default (README, Configuration). Each function says where its value came from, which
 * `config list` shows.
 */
import type { KeyPattern } from '../keys/citekey.js'
import { compileKeyPattern, DEFAULT_KEY_PATTERN } from '../keys/key-pattern.js'
import type { Config } from './settings.js'
import { UsageError } from '../errors.js'
import type { ImageSetting } from '../images/protocol.js'

export type Source = 'flag' | 'environment' | 'config' | 'default'

export interface Chosen<T> {
  value: T
  source: Source
}

type Env = Readonly<Record<string, string | undefined>>

export const DEFAULT_PAGER = 'less -FRX'

/** The first candidate that is set, else the default. */
function first<T>(candidates: readonly [Source, T | undefined][], fallback: T): Chosen<T> {
  for (const [source, value] of candidates) if (value !== undefined) return { value, source }
  return { value: fallback, source: 'default' }
}

const set = (value: string | undefined) => (value === undefined || value === '' ? undefined : value)

/** The author of a new summary: `--by`, else `by`. */
export function chooseBy(flag: string | undefined, config: Config): Chosen<string> {
  return first(
    [
      ['flag', flag],
      ['config', config.by],
    ],
    '',
  )
}

/** The pattern of new keys: PRECIS_KEY_PATTERN, else `key_pattern`. */
export function chooseKeyPattern(env: Env, config: Config): Chosen<string> {
  return first(
    [
      ['environment', set(env.PRECIS_KEY_PATTERN)],
      ['config', config.key_pattern],
    ],
    DEFAULT_KEY_PATTERN,
  )
}

/** The pattern new keys are made with; UsageError naming where it came from when it cannot make keys. */
export function keyPatternIn(env: Env, config: Config): KeyPattern {
  const { value, source } = chooseKeyPattern(env, config)
  return compileKeyPattern(
    value,
    source === 'environment' ? 'PRECIS_KEY_PATTERN' : source === 'config' ? 'key_pattern (config file)' : 'The key pattern',
  )
}

/** The tags of a new summary: the `--tag`s given (they replace the configured ones), else `tags`. */
export function chooseNewTags(flag: readonly string[], config: Config): Chosen<readonly string[]> {
  return first(
    [
      ['flag', flag.length > 0 ? flag : undefined],
      ['config', config.tags],
    ],
    [],
  )
}

/** The pager: none with `--no-pager`, else $PAGER, else `pager` (false: none), else less. */
export function choosePager(flag: boolean, env: Env, config: Config): Chosen<string | false> {
  return first(
    [
      ['flag', flag ? undefined : false],
      ['environment', set(env.PAGER)],
      ['config', config.pager],
    ],
    DEFAULT_PAGER,
  )
}

/** The columns `show` wraps at: `--width`, else `width`, else null (the terminal decides). */
export function chooseWidth(flag: number | null, config: Config): Chosen<number | null> {
  return first(
    [
      ['flag', flag ?? undefined],
      ['config', config.width],
    ],
    null,
  )
}

/** How `show` draws figures: `--images`, else `images`, else auto (the terminal decides). */
export function chooseImages(flag: ImageSetting | null, config: Config): Chosen<ImageSetting> {
  return first(
    [
      ['flag', flag ?? undefined],
      ['config', config.images],
    ],
    'auto',
  )
}

/**
 * Whether colour is allowed: not with `--no-color`; NO_COLOR and FORCE_COLOR decide when set; else
 * `color`; else yes (where the terminal has colour: terminal/io.ts).
 */
export function chooseColor(flag: boolean, env: Env, config: Config): Chosen<boolean> {
  const fromEnv =
    set(env.NO_COLOR) !== undefined
      ? false
      : env.FORCE_COLOR !== undefined
        ? env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
        : undefined
  return first(
    [
      ['flag', flag ? undefined : false],
      ['environment', fromEnv],
      ['config', config.color],
    ],
    true,
  )
}

/** Every setting as it stands without flags, for `config list`. */
export function settingsInEffect(env: Env, config: Config): Record<keyof Config, Chosen<unknown>> {
  return {
    by: chooseBy(undefined, config),
    key_pattern: chooseKeyPattern(env, config),
    template: first([['config', config.template]], ''),
    tags: chooseNewTags([], config),
    pager: choosePager(true, env, config),
    width: chooseWidth(null, config),
    color: chooseColor(true, env, config),
    images: chooseImages(null, config),
  }
}

/**
 * What is wrong with a setting in effect that reading the config file does not catch: a value from
 * the environment (PRECIS_KEY_PATTERN). `config list` and `config get` say it as every command that
 * uses the setting does, rather than show it as if it worked.
 */
export function settingProblems(env: Env, config: Config): Partial<Record<keyof Config, UsageError>> {
  try {
    keyPatternIn(env, config)
    return {}
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    return { key_pattern: error }
  }
}
