import { Option } from 'commander'
import { UsageError } from '../core/errors.js'

/** Parse a positive whole number flag value. */
export function parsePositiveInt(flag: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} takes a positive whole number, not "${value}"`)
  return n
}

/** A flag that takes one of `choices`: commander refuses any other value, and shell completion offers them. */
export function choiceOption(flags: string, description: string, choices: readonly string[], defaultValue?: string): Option {
  const option = new Option(flags, description).choices(choices)
  return defaultValue === undefined ? option : option.default(defaultValue)
}

/** Collect a repeatable flag (`--tag a --tag b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}
