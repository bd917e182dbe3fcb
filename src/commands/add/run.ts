import type { Context } from '../../context.js'
import { ExitCode, NotFoundError, PrecisError, UsageError } from '../../core/errors.js'
import { firstPaperProblem } from '../../core/records/field-rules.js'
import type { Source } from '../../core/papers/identifiers.js'
import { chooseBy, chooseNewTags, keyPatternIn } from '../../core/config/precedence.js'
import type { Library, Paper } from '../../core/model.js'
import { addSummary, ensurePaper, findSamePaper, type PaperInput } from '../../core/papers/papers.js'
import { resolveHandle } from '../../core/records/handles.js'
import type { KeyPattern } from '../../core/keys/citekey.js'
import { oneLine } from '../../render/summary-rows.js'
import { linkIdentifiers, type PaperOverrides } from '../../core/papers/metadata-merge.js'
import type { BodySource } from '../../command-kit/body-source.js'
import { readBody } from '../../command-kit/body-input.js'
import { isEditDocument, parseEditDocument } from '../../formats/edit-document.js'
import { summaryTemplate } from '../../formats/summary-template.js'
import { keepingTextOnFailure, textToKeep } from '../../command-kit/kept-text.js'
import { parseYear } from '../../command-kit/paper-flags.js'
import { entryRecord } from '../../core/records/entries.js'
import { applyTransition, queueTransition } from '../../core/queue/reading.js'
import { canPrompt, inform, printJson, splitAuthors, storableAnswers } from '../../command-kit/shared.js'
import { attachFileTo, informAttachment } from '../../command-kit/attachments.js'
import { chooseTags, guardNewTags } from '../../command-kit/tag-prompts.js'
import { applyTagChanges } from '../../core/tags/changes.js'

export interface AddOptions {
  source: Source | null
  /** The source argument when it is neither arXiv id nor DOI: a paper of the library (key or unique handle). */
  paperHandle: string | null
  /** false: the paper alone, no summary (`--no-summary`, `--to-read`). */
  summary: boolean
  /** `--to-read`: the paper goes into the reading queue, with this priority (null: none). */
  toRead: { priority: number | null } | null
  paper: PaperOverrides
  tags: string[]
  by: string
  body: BodySource
  offline: boolean
  /** Save fetched metadata without the preview. */
  yes: boolean
  /** `add paper.pdf`: the PDF to read the paper from and attach. */
  pdf: string | null
}

function fromKnownPaper(paper: Paper): PaperInput {
  const { key: _key, added: _added, ...fields } = paper
  return fields
}

/** Ask for (in a terminal) or require (otherwise) what the flags did not give. */
async function completePaper(flags: PaperOverrides, ctx: Context): Promise<PaperInput> {
  const interactive = canPrompt(ctx)
  const required = (flag: string) =>
    new UsageError(`Missing ${flag}: it is required when precis cannot ask (not a terminal, or --no-input)`)
  let title = flags.title
  if (title === undefined) {
    if (!interactive) throw required('--title')
    title = await ctx.prompter.input({
      name: 'title',
      message: 'Title',
      validate: (v) => (v.trim() === '' ? 'A title is needed' : (firstPaperProblem({ title: v.trim() }) ?? true)),
    })
  }
  let authors = flags.authors
  if (authors.length === 0) {
    if (!interactive) throw required('--author')
    const answer = await ctx.prompter.input({
      name: 'authors',
      message: 'Authors (separated by ";")',
      validate: (v) => (v.trim() === '' ? 'At least one author is needed' : (firstPaperProblem({ authors: splitAuthors(v) }) ?? true)),
    })
    authors = splitAuthors(answer)
  }
  let year = flags.year
  if (year === undefined) {
    year = interactive
      ? parseYear(
          await ctx.prompter.input({
            name: 'year',
            message: 'Year (empty if unknown)',
            validate: (v) => v.trim() === '' || /^\d{1,4}$/.test(v.trim()) || 'A year like 2017',
          }),
        )
      : null
  }
  const input: PaperInput = {
    title: title.trim(),
    authors,
    year,
    venue: flags.venue ?? null,
    arxiv: flags.arxiv ?? null,
    doi: flags.doi ?? null,
    url: flags.url ?? null,
    abstract: null,
  }
  return storableAnswers(input)
}

/** A file or standard input in the editor's own format gives the paper's and summary's fields; the flags win. */
function withDocument(opts: AddOptions, text: string): AddOptions {
  if (!isEditDocument(text)) return opts
  const { paper, summary } = parseEditDocument(text)
  const given = (value: string | null) => value ?? undefined
  return {
    ...opts,
    paper: {
      title: opts.paper.title ?? paper.title,
      authors: opts.paper.authors.length > 0 ? opts.paper.authors : paper.authors,
      year: opts.paper.year !== undefined ? opts.paper.year : paper.year,
      venue: opts.paper.venue ?? given(paper.venue),
      arxiv: opts.paper.arxiv ?? given(paper.arxiv),
      doi: opts.paper.doi ?? given(paper.doi),
      url: opts.paper.url ?? given(paper.url),
    },
    tags: opts.tags.length > 0 ? opts.tags : summary.tags,
    by: opts.by !== '' ? opts.by : summary.by,
    body: { from: 'text', text: summary.body },
  }
}

/** The same refusal whichever way the text came: --body "", an empty file, an editor left empty or on its template. */
const emptySummary = () =>
  new PrecisError('The summary is empty; nothing was saved', ExitCode.failure, ['To add the paper without a summary, use --no-summary'])

/** The paper `add <handle>` names; a handle that names none is a usage error, as a malformed arXiv id or DOI is. */
function paperNamed(library: Library, handle: string): Paper {
  try {
    return resolveHandle(library, handle).paper
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error
    throw new UsageError(`"${handle}" is not an arXiv id or a DOI, nor a paper in the library`, [
      ...error.details,
      'Examples: 1704.01212, arXiv:2003.10555v3, 10.1007/978-3-540-28650-9_4',
    ])
  }
}

/**
 * `add --no-summary`: the paper alone, to summarise later; one already there stays as it is.
 * `add --to-read`: the same, and the paper (new or already there) goes into the reading queue.
 * `--tag` tags the paper (or its summaries, when it has some already); without it, the config's `tags` tag a new paper.
 */
async function addPaperAlone(
  ctx: Context,
  opts: AddOptions,
  paperInput: PaperInput,
  knownKey: string | null,
  keyPattern: KeyPattern,
  library: Library,
): Promise<string> {
  const { toRead } = opts
  // The config file's tags, as for a new summary, but only for a paper new to the library: adding a
  // paper already there again (to queue it) does not tag it.
  const wanted = chooseNewTags(opts.tags, ctx.config.values())
  const given = wanted.value.length > 0 ? await guardNewTags(wanted.value, library, ctx) : []
  const { paper, attached, summaries } = await ctx.store.update(
    (lib) => {
      const found = ensurePaper(lib, paperInput, ctx.clock.now(), knownKey, keyPattern)
      if (toRead) {
        const next = queueTransition(found.paper, { kind: 'add', priority: toRead.priority ?? undefined })
        if (typeof next !== 'string') applyTransition(found.paper, next)
      }
      // As `tag <key> +x` would: the paper's own tags, or its summaries' when it has some already.
      const tags = wanted.source === 'config' && found.attached ? [] : given
      if (tags.length > 0) applyTagChanges(lib, [{ kind: 'paper', id: found.paper.key }], { add: tags, remove: [] }, ctx.clock.now())
      return { ...found, summaries: lib.summaries.filter((s) => s.paper === found.paper.key) }
    },
    { reuse: library },
  )
  if (ctx.globals.json) {
    const record = entryRecord({ id: summaries[0]?.id ?? paper.key, paper, summary: summaries[0] ?? null })
    printJson(ctx, { key: paper.key, newPaper: !attached, record })
  } else ctx.io.out(paper.key + '\n')
  const what = `${oneLine(paper.title)} (${paper.key})`
  const queued = toRead ? `, to read${paper.priority === undefined ? '' : ` at priority ${paper.priority}`}` : ''
  inform(
    ctx,
    attached ? `${what} is already in the library${queued}` : `Added ${paper.key}: ${oneLine(paper.title)}${queued} (no summary yet)`,
  )
  return paper.key
}

export async function addRun(given: AddOptions, ctx: Context): Promise<void> {
  if (given.pdf === null) return void (await addEntry(given, ctx))
  // Reading a PDF and looking it up bring the sources' clients (zod, fast-xml-parser): loaded only for a PDF.
  const { fromPdf } = await import('./pdf-input.js')
  const { options, ask } = await fromPdf(given, given.pdf, ctx)
  const key = await addEntry(options, ctx, ask)
  const outcome = await attachFileTo(ctx, key, given.pdf)
  // --json printed the entry, as add <id> does; which file the paper got is said on stderr either way.
  informAttachment(ctx, key, outcome)
}

/** Add the paper (and its summary); the paper's key. `ask` gives the paper when no source could. */
async function addEntry(given: AddOptions, ctx: Context, askFirst?: () => Promise<PaperInput | null>): Promise<string> {
  const config = ctx.config.values()
  const keyPattern = keyPatternIn(ctx.env, config) // a bad pattern is refused before anything is asked
  const library = await ctx.store.read()
  // Text from a file or standard input is read before the paper is looked up: it may hold the paper's fields.
  const read = given.body.from === 'file' || given.body.from === 'stdin' ? await readBody(given.body, ctx, 'new-summary.md') : null
  const opts = read === null ? given : withDocument({ ...given, body: { from: 'text', text: read } }, read)
  if (opts.body.from === 'text' && opts.body.text.trim() === '') throw emptySummary() // before anything is asked or fetched
  const known =
    (opts.paperHandle === null ? undefined : paperNamed(library, opts.paperHandle)) ??
    findSamePaper(library, {
      arxiv: opts.paper.arxiv ?? null,
      doi: opts.paper.doi ?? null,
      title: opts.paper.title ?? '',
      year: opts.paper.year ?? null,
    })
  const ask = async () => (await askFirst?.()) ?? completePaper(opts.paper, ctx)
  const source = known ? null : opts.source
  // A source to look up loads the preview and the clients behind it (zod, fast-xml-parser): add from flags needs none of them.
  const fromSource = source
    ? await import('./source-input.js').then(({ paperFromSource }) =>
        paperFromSource({ source, flags: opts.paper, offline: opts.offline, yes: opts.yes }, ctx, library, ask),
      )
    : null
  const paperInput = known ? fromKnownPaper(known) : (fromSource?.paper ?? (await ask()))
  // The paper found before the lock: attached to inside it even if its fields changed meanwhile.
  const knownKey = known?.key ?? fromSource?.knownKey ?? null
  if (!opts.summary) return addPaperAlone(ctx, opts, paperInput, knownKey, keyPattern, library)
  // Tags from the config file are taken as given: the prompt is for a summary neither flag nor file tags.
  const wanted = chooseNewTags(opts.tags, config)
  const tags =
    wanted.source === 'default' && canPrompt(ctx) ? await chooseTags(library, [], ctx) : await guardNewTags(wanted.value, library, ctx)
  const by = chooseBy(opts.by === '' ? undefined : opts.by, config).value
  const body = await readBody(opts.body, ctx, 'new-summary.md', summaryTemplate(paperInput, config.template))
  if (body.trim() === '') throw emptySummary()
  // The text written is kept in a file if the summary cannot be saved.
  const added = await keepingTextOnFailure(ctx, 'new-summary', read ?? textToKeep(opts.body, body), () =>
    ctx.store.update(
      (lib) => {
        const result = addSummary(lib, paperInput, { by, body, tags }, ctx.clock.now(), knownKey, keyPattern)
        // A preprint and its published version stay one record: the known paper gains the id it lacked.
        return { ...result, linked: result.attached ? linkIdentifiers(result.paper, paperInput) : [] }
      },
      { reuse: library },
    ),
  )
  if (ctx.globals.json) {
    const record = entryRecord({ id: added.summary.id, paper: added.paper, summary: added.summary }, { body: true })
    printJson(ctx, { id: added.summary.id, key: added.paper.key, newPaper: !added.attached, linked: added.linked, record })
  } else ctx.io.out(added.summary.id + '\n')
  const key = added.paper.key
  const what = `${oneLine(added.paper.title)} (${added.paper.key})`
  inform(
    ctx,
    added.attached
      ? `Added summary ${added.summary.id} to the existing paper ${what}`
      : `Added ${added.summary.id}: ${oneLine(added.paper.title)}`,
  )
  if (added.linked.length > 0) {
    const names = added.linked.map((field) => (field === 'doi' ? `DOI ${added.paper.doi}` : `arXiv:${added.paper.arxiv}`))
    inform(ctx, `${added.paper.key} now also records ${oneLine(names.join(' and '))}`)
  }
  return key
}
