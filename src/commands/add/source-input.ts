/**
 * `add <source>`: the paper's fields from arXiv or a DOI, the flags on top, checked by the person
 * in a terminal before anything is saved. The fetching and merging live in src/sources.
 */
import type { Context } from '../../context.js'
import { CancelError, NetworkError } from '../../core/errors.js'
import { firstPaperProblem } from '../../core/records/field-rules.js'
import type { Source } from '../../core/papers/identifiers.js'
import type { Library } from '../../core/model.js'
import type { PaperInput } from '../../core/papers/papers.js'
import { findKnownPaper, paperFromMetadata, type PaperOverrides } from '../../core/papers/metadata-merge.js'
import { formatPaperPreview } from '../../render/metadata-preview.js'
import { describeSource, resolveSource } from '../../sources/resolve.js'
import { canPrompt, inform, splitAuthors, storableAnswers } from '../../command-kit/shared.js'

/** What `add` was asked to resolve. */
export interface SourceRequest {
  source: Source
  /** Fields given as flags; they win over the metadata. */
  flags: PaperOverrides
  /** Read only the metadata cache. */
  offline: boolean
  /** Save without the preview. */
  yes: boolean
}

/** The paper to add a summary to, and the key of the library's record of it when there is one. */
export interface SourcePaper {
  paper: PaperInput
  /** The known paper's key: the summary attaches to it inside the lock even if it changed meanwhile. */
  knownKey: string | null
}

/**
 * The paper for `add <source>`. A paper the library already has (or its preprint/published twin)
 * comes back as stored plus the identifiers it lacked, with its key, so the summary attaches to it. When the
 * source cannot be used, says so and calls `askForFields` (asks in a terminal, takes the flags
 * otherwise) if that can succeed; without a terminal and without --title/--author it fails.
 */
export async function paperFromSource(
  request: SourceRequest,
  ctx: Context,
  library: Library,
  askForFields: () => Promise<PaperInput>,
): Promise<SourcePaper> {
  const label = describeSource(request.source)
  let input: PaperInput
  try {
    const metadata = await resolveSource(request.source, {
      env: ctx.env,
      offline: request.offline,
      now: () => ctx.clock.now(),
      sleep: (ms) => ctx.clock.sleep(ms),
      notice: (message) => inform(ctx, message),
    })
    input = paperFromMetadata(metadata, request.flags)
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error
    const flagsSuffice = request.flags.title !== undefined && request.flags.authors.length > 0
    if (!canPrompt(ctx) && !flagsSuffice) {
      throw new NetworkError(`No metadata for ${label}: ${error.message}`, [
        ...error.details,
        'To add it without metadata, pass --title and --author (and --year).',
      ])
    }
    inform(ctx, `No metadata for ${label}: ${error.message}`)
    return { paper: await askForFields(), knownKey: null }
  }
  const known = findKnownPaper(library, input)
  if (known) {
    const { key, added: _added, ...stored } = known
    return { paper: { ...stored, arxiv: stored.arxiv ?? input.arxiv, doi: stored.doi ?? input.doi }, knownKey: key }
  }
  const paper = request.yes || !canPrompt(ctx) ? input : await confirmPaper(input, label, ctx)
  return { paper, knownKey: null }
}

/** Show the record and ask: save, edit the fields (then show it again), or cancel. */
async function confirmPaper(input: PaperInput, label: string, ctx: Context): Promise<PaperInput> {
  let current = input
  for (;;) {
    ctx.io.err(formatPaperPreview(current, `From ${label}:`))
    const choice = await ctx.prompter.select({
      name: 'preview',
      message: 'Save this paper?',
      choices: [
        { name: 'Save', value: 'save' },
        { name: 'Edit the fields', value: 'edit' },
        { name: 'Cancel', value: 'cancel' },
      ],
      default: 'save',
    })
    if (choice === 'save') return current
    if (choice === 'cancel') throw new CancelError('Nothing was added')
    current = await editPaper(current, ctx)
  }
}

async function editPaper(input: PaperInput, ctx: Context): Promise<PaperInput> {
  const { prompter } = ctx
  const title = await prompter.input({
    name: 'edit-title',
    message: 'Title',
    default: input.title,
    validate: (v) => (v.trim() === '' ? 'A title is needed' : (firstPaperProblem({ title: v.trim() }) ?? true)),
  })
  const authors = await prompter.input({
    name: 'edit-authors',
    message: 'Authors (separated by ";")',
    default: input.authors.join('; '),
    validate: (v) => firstPaperProblem({ authors: splitAuthors(v) }) ?? true,
  })
  const year = await prompter.input({
    name: 'edit-year',
    message: 'Year (empty if unknown)',
    default: input.year === null ? '' : String(input.year),
    validate: (v) => v.trim() === '' || /^\d{1,4}$/.test(v.trim()) || 'A year like 2017',
  })
  const venue = await prompter.input({
    name: 'edit-venue',
    message: 'Venue (empty for none)',
    default: input.venue ?? '',
    validate: (v) => firstPaperProblem({ venue: v.trim() }) ?? true,
  })
  const edited: PaperInput = {
    ...input,
    title: title.trim(),
    authors: splitAuthors(authors),
    year: year.trim() === '' ? null : Number(year.trim()),
    venue: venue.trim() || null,
  }
  return storableAnswers(edited)
}
