import type { Context } from '../../context.js'
import { CancelError, NetworkError, NotFoundError, UsageError } from '../../core/errors.js'
import { resolveHandle } from '../../core/records/handles.js'
import { applyIdentification, identifiedKey } from '../../core/identify/apply.js'
import type { KeyPattern } from '../../core/keys/citekey.js'
import { keyPatternIn } from '../../core/config/precedence.js'
import { rankCandidates, type RankedCandidate } from '../../core/identify/rank.js'
import { queryWords } from '../../core/identify/words.js'
import type { Source } from '../../core/papers/identifiers.js'
import { findSamePaper } from '../../core/papers/papers.js'
import { candidateChoice, candidatesJson, formatCandidateList } from './candidates-view.js'
import { oneLine } from '../../render/summary-rows.js'
import { moveAttachedFile, movePaperFolder } from '../../store/attachment-files.js'
import { candidateFromIdentifier, findCandidates, type Candidate } from '../../sources/candidates.js'
import type { ClientOptions } from '../../sources/http.js'
import { paperFromMetadata } from '../../core/papers/metadata-merge.js'
import { formatPaperPreview } from '../../render/metadata-preview.js'
import { describeSource, sourceOfPaper } from '../../sources/resolve.js'
import { canPrompt, confirmOrRequireYes, inform, printJson, storableAnswers } from '../../command-kit/shared.js'

export interface IdentifyOptions {
  handle: string
  /** The words to search for; null: taken from the summary. */
  query: string[] | null
  /** Apply the candidate at this place in the list (1-based), without the picker. */
  pick: number | null
  /** Apply without asking. */
  yes: boolean
}

/** Candidates shown: the services each give ten; the right one is nearly always among the first. */
const SHOWN = 10

export async function identifyRun(opts: IdentifyOptions, ctx: Context): Promise<void> {
  const keyPattern = keyPatternIn(ctx.env, ctx.config.values()) // a bad pattern is refused before any request
  const { paper, summaries } = resolveHandle(await ctx.store.read(), opts.handle)
  const text = summaries.map((s) => s.body).join('\n\n')
  const words = opts.query ?? queryWords(text)
  const source = opts.query === null ? sourceOfPaper(paper) : null
  if (words.length === 0 && source === null) {
    throw new UsageError(`${paper.key} has no summary text to find its paper by`, [
      `Give words to search for: precis identify ${paper.key} --query "<title words>"`,
    ])
  }
  const options = {
    env: ctx.env,
    now: () => ctx.clock.now(),
    sleep: (ms: number) => ctx.clock.sleep(ms),
    notice: (message: string) => inform(ctx, message),
  }
  // Ranked against the summary; with words given and no text, against the words.
  const ranked = rankCandidates(text.trim() === '' ? words.join(' ') : text, await candidatesFor(source, words, options, ctx)).slice(
    0,
    SHOWN,
  )
  if (ranked.length === 0) {
    const hint = [`Try other words: precis identify ${paper.key} --query "<title words>"`]
    if (opts.pick !== null) throw new NotFoundError('Neither arXiv nor Crossref found a paper for these words', hint)
    if (ctx.globals.json) printJson(ctx, [])
    return inform(ctx, ['Neither arXiv nor Crossref found a paper for these words.', ...hint].map(oneLine).join('\n'))
  }
  const chosen = await choose(ranked, opts, ctx, paper.key)
  if (chosen) await apply(chosen, paper.key, opts, ctx, keyPattern)
}

/**
 * The papers a summary may be about: the one `source` names (the arXiv id or DOI the paper records,
 * when no words were given), else what arXiv and Crossref find for `words`.
 */
async function candidatesFor(source: Source | null, words: string[], options: ClientOptions, ctx: Context): Promise<Candidate[]> {
  if (source) {
    try {
      return [await candidateFromIdentifier(source, options)]
    } catch (error) {
      if (!(error instanceof NetworkError || error instanceof NotFoundError)) throw error
      inform(ctx, oneLine(`Note: ${describeSource(source)} could not be looked up (${error.message}); searching instead`))
    }
  }
  inform(ctx, `Searching arXiv and Crossref for: ${oneLine(words.join(' '))}`)
  const search = await findCandidates(words, options)
  for (const note of search.notes) inform(ctx, oneLine(`Note: ${note}`))
  return search.candidates
}

/** The candidate to apply: `--pick`, else the picker in a terminal; null after listing them. */
async function choose(ranked: RankedCandidate<Candidate>[], opts: IdentifyOptions, ctx: Context, key: string): Promise<Candidate | null> {
  if (opts.pick !== null) {
    const picked = ranked[opts.pick - 1]
    if (!picked)
      throw new UsageError(`--pick ${opts.pick}: there ${ranked.length === 1 ? 'is 1 candidate' : `are ${ranked.length} candidates`}`)
    return picked.candidate
  }
  if (ctx.globals.json || !canPrompt(ctx)) {
    if (ctx.globals.json) printJson(ctx, candidatesJson(ranked))
    else ctx.io.out(formatCandidateList(ranked))
    inform(ctx, oneLine(`To apply one: precis identify ${key} --pick <n> --yes`))
    return null
  }
  const choices = ranked.map(({ candidate }, index) => ({ name: `${index + 1}. ${candidateChoice(candidate)}`, value: String(index) }))
  const answer = await ctx.prompter.select({
    name: 'candidate',
    message: `Which paper is ${key} about?`,
    choices: [...choices, { name: 'None of these', value: 'none' }],
    default: '0',
  })
  if (answer === 'none')
    throw new CancelError(`Nothing was changed; precis identify ${key} --query "<title words>" searches for other words`)
  return ranked[Number(answer)]!.candidate
}

async function apply(candidate: Candidate, key: string, opts: IdentifyOptions, ctx: Context, keyPattern: KeyPattern): Promise<void> {
  // The same path as `add <id>`: the source's record, checked by the rules every field meets.
  const input = storableAnswers(paperFromMetadata(candidate.metadata, { authors: [] }))
  const library = await ctx.store.read()
  const known = findSamePaper({ ...library, papers: library.papers.filter((p) => p.key !== key) }, input)
  const outcome = known
    ? `its summaries move to ${known.key}, already in the library`
    : `${key} becomes ${identifiedKey(library, key, input, keyPattern)}`
  if (!ctx.globals.json) ctx.io.err(formatPaperPreview(input, `${key}: ${outcome}`))
  if (!(await confirmOrRequireYes(ctx, opts.yes, `Apply this to ${key}?`))) throw new CancelError('Nothing was changed')
  // A paper that takes a new key takes its attached files along, moved back if the write fails.
  const file = ctx.store.path
  let folderMoved: { from: string; to: string } | null = null
  const done = await ctx.store
    .update((lib) => {
      const applied = applyIdentification(lib, key, input, keyPattern)
      const { from, to } = applied.rename
      if (file !== null && !applied.merged && movePaperFolder(file, from, to)) folderMoved = { from, to }
      // Joining a paper the library has: its files move into that paper's folder, before the write so
      // that a sync commit records both (a failed write leaves them there, which doctor reports).
      if (file !== null && applied.merged) for (const moved of applied.rename.files) moveAttachedFile(file, from, moved.from, to, moved.to)
      return applied
    })
    .catch((error: unknown) => {
      if (file !== null && folderMoved) movePaperFolder(file, folderMoved.to, folderMoved.from)
      throw error
    })
  const { ids } = done.rename
  if (ctx.globals.json) printJson(ctx, { key, newKey: done.paper.key, merged: done.merged, ids, citationsRewritten: done.rename.rewritten })
  else ctx.io.out(done.paper.key + '\n')
  const moved = ids.length === 0 ? '' : `; ${ids.map(({ from, to }) => `${from} → ${to}`).join(', ')}`
  // Keys and ids come from the library file, which a hand edit may have filled with anything.
  inform(
    ctx,
    oneLine(
      `${done.merged ? 'Moved the summaries of' : 'Identified'} ${key} ${done.merged ? 'to' : 'as'} ${done.paper.key}: ${done.paper.title}${moved}`,
    ),
  )
  if (done.rename.rewritten.length > 0) inform(ctx, oneLine(`Citations rewritten in ${done.rename.rewritten.join(', ')}`))
}
