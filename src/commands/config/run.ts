import type { Context } from '../../context.js'
import { settingProblems, settingsInEffect, type Chosen } from '../../core/config/precedence.js'
import type { UsageError } from '../../core/errors.js'
import { isSettingName, unknownSetting, valueFromWord, type SettingName } from '../../core/config/settings.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { largest } from '../../core/lists.js'

/** A value as `config get` prints it: strings as they are, lists a line each, numbers and booleans as words. */
function plain(value: unknown): string {
  if (value === null) return ''
  if (Array.isArray(value)) return value.join('\n')
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** A value on one line of `config list`. */
function oneLine(value: unknown): string {
  if (value === null) return '(the terminal)'
  if (Array.isArray(value)) return value.join(',')
  return JSON.stringify(value) ?? ''
}

/**
 * A setting in effect that no command can use (a bad PRECIS_KEY_PATTERN): the list is still shown,
 * so the person sees where it comes from, then the problem is said as the commands using it say it (exit 2).
 */
function refuseProblems(problems: Partial<Record<SettingName, UsageError>>): void {
  const [first] = Object.values(problems)
  if (first !== undefined) throw first
}

export async function configListRun(ctx: Context): Promise<void> {
  const config = ctx.config.values()
  const settings = settingsInEffect(ctx.env, config)
  const problems = settingProblems(ctx.env, config)
  if (ctx.globals.json) {
    const shown = Object.fromEntries(
      Object.entries(settings).map(([name, chosen]) => {
        const problem = problems[name as SettingName]
        return [name, problem === undefined ? chosen : { ...chosen, problem: problem.message }]
      }),
    )
    printJson(ctx, { path: ctx.config.path, settings: shown })
    return refuseProblems(problems)
  }
  const entries = Object.entries(settings) as [SettingName, Chosen<unknown>][]
  if (!ctx.io.stdoutIsTTY) {
    // One setting a line, tab-separated, for scripts: name, value (as JSON), source.
    for (const [name, { value, source }] of entries) ctx.io.out(`${name}\t${sanitizeTerminal(JSON.stringify(value))}\t${source}\n`)
    return refuseProblems(problems)
  }
  const { style } = ctx.io
  const width = largest(entries.map(([name]) => name.length))
  for (const [name, { value, source }] of entries) {
    const flag = problems[name] === undefined ? '' : `  ${style.red('(not usable: see below)')}`
    ctx.io.out(`${style.bold(name.padEnd(width))}  ${sanitizeTerminal(oneLine(value))}  ${style.dim(`(${source})`)}${flag}\n`)
  }
  ctx.io.out(style.dim(`\nConfig file: ${sanitizeTerminal(ctx.config.path)}\n`))
  refuseProblems(problems)
}

export async function configGetRun(name: string, ctx: Context): Promise<void> {
  if (!isSettingName(name)) throw unknownSetting(name)
  const config = ctx.config.values()
  const chosen = settingsInEffect(ctx.env, config)[name]
  const problem = settingProblems(ctx.env, config)[name]
  if (ctx.globals.json) printJson(ctx, { name, ...chosen, ...(problem === undefined ? {} : { problem: problem.message }) })
  else {
    const text = plain(chosen.value)
    ctx.io.out(sanitizeTerminal(text) + (text === '' || text.endsWith('\n') ? '' : '\n'))
  }
  refuseProblems(problem === undefined ? {} : { [name]: problem })
}

export async function configSetRun(name: string, word: string, ctx: Context): Promise<void> {
  const value = valueFromWord(name, word)
  const { rewritten } = await ctx.config.set(name as SettingName, value!)
  const path = sanitizeTerminal(ctx.config.path)
  inform(ctx, rewritten ? `Set ${name} in ${path}; the file was written anew, without its comments` : `Set ${name} in ${path}`)
  const shadowed = settingsInEffect(ctx.env, ctx.config.values())[name as SettingName]
  if (shadowed.source === 'environment') inform(ctx, `The environment sets ${name} too, and wins over the config file`)
}

export async function configUnsetRun(name: string, ctx: Context): Promise<void> {
  const removed = await ctx.config.unset(name)
  const path = sanitizeTerminal(ctx.config.path)
  if (removed === null) {
    if (!isSettingName(name)) throw unknownSetting(name)
    return inform(ctx, `${name} is not set in ${path}`)
  }
  const shown = sanitizeTerminal(JSON.stringify(name.slice(0, 80)))
  inform(
    ctx,
    removed.rewritten ? `Removed ${shown} from ${path}; the file was written anew, without its comments` : `Removed ${shown} from ${path}`,
  )
  if (!isSettingName(name)) return
  const { value, source } = settingsInEffect(ctx.env, ctx.config.values())[name]
  inform(ctx, `${name} is now ${sanitizeTerminal(oneLine(value))} (${source})`)
}

export async function configPathRun(ctx: Context): Promise<void> {
  if (ctx.globals.json) return printJson(ctx, { path: ctx.config.path })
  ctx.io.out(sanitizeTerminal(ctx.config.path) + '\n')
}
