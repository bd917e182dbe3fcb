import type { Command } from 'commander'
import type { Context } from '../context.js'
import { resolveHandle } from '../core/handles.js'
import { describeReasons, relatedPapers } from '../core/related.js'
import { formatRelated, formatRelatedPlain } from '../render/related.js'
import { inform, parsePositiveInt, printJson } from './shared.js'
import { MAX_READING_WIDTH } from './show.js'

export interface RelatedOptions {
  handle: string
  limit: number
}

export function registerRelated(program: Command, ctx: Context, run = relatedRun): void {
  program
    .command('related')
    .description('The papers most related to one: shared citations, shared tags and similar text, with the reason for each')
    .argument('<handle>', 'a paper key, summary id or unique prefix')
    .option('--limit <n>', 'show at most n papers', '10')
    .addHelpText('after', '\nExamples:\n  precis related gilmer2017neural\n  precis related gilm --limit 5\n  precis related gilmer2017neural --json | jq -r .[].key\n')
    .action(async (handle: string, raw: { limit: string }) => run({ handle, limit: parsePositiveInt('--limit', raw.limit) }, ctx))
}

export async function relatedRun(opts: RelatedOptions, ctx: Context): Promise<void> {
  const library = await ctx.store.read()
  const { paper } = resolveHandle(library, opts.handle)
  const related = relatedPapers(library, paper.key, opts.limit)
  if (ctx.globals.json) {
    return printJson(
      ctx,
      related.map((r) => ({
        id: r.summaries[0]?.id ?? r.paper.key, key: r.paper.key, title: r.paper.title, year: r.paper.year,
        score: Math.round(r.score * 1000) / 1000, reasons: r.reasons, reason: describeReasons(r.reasons, paper.key),
      })),
    )
  }
  if (related.length === 0) return inform(ctx, `Nothing is related to ${paper.key} yet: shared tags, citations or words make papers related.`)
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatRelatedPlain(related, paper.key))
  await ctx.io.page(formatRelated(related, paper.key, Math.min(ctx.io.columns ?? 80, MAX_READING_WIDTH), ctx.io.style))
}
