import type { Command } from 'commander'
import type { Context } from '../context.js'
import { CancelError, UsageError } from '../core/errors.js'
import { resolveSummaries } from '../core/handles.js'
import { moveToTrash } from '../core/trash.js'
import { oneLine } from '../render/summary-rows.js'
import { confirmOrRequireYes, inform } from './shared.js'

export interface RmOptions {
  handles: string[]
  yes: boolean
}

export function registerRm(program: Command, ctx: Context, run = rmRun): void {
  program
    .command('rm')
    .description('Move summaries to the trash (restorable with "precis restore")')
    .argument('<handle...>', 'summary ids, paper keys (all their summaries) or unique prefixes')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', '\nExamples:\n  precis rm gilmer2017neural-2\n  precis rm oh2020discovering --yes\n')
    .action(async (handles: string[], raw: { yes?: boolean }) => run({ handles, yes: raw.yes === true }, ctx))
}

export async function rmRun(opts: RmOptions, ctx: Context): Promise<void> {
  const chosen = resolveSummaries(await ctx.store.read(), opts.handles)
  if (chosen.length === 0) throw new UsageError('Those papers have no summaries to remove')
  const names = chosen.map((s) => s.id)
  const question = `Move ${names.length === 1 ? names[0] : `${names.length} summaries (${names.join(', ')})`} to the trash?`
  if (!(await confirmOrRequireYes(ctx, opts.yes, question))) throw new CancelError('Nothing was removed')
  // Resolved again inside the lock: only what still exists is removed.
  const entries = await ctx.store.update((lib) => moveToTrash(lib, names, ctx.clock.now()))
  for (const entry of entries) ctx.io.out(entry.summary.id + '\n')
  inform(ctx, `Moved ${entries.length} ${entries.length === 1 ? 'summary' : 'summaries'} to the trash (undo with: precis restore ${oneLine(entries[0]?.summary.id ?? '')})`)
}
