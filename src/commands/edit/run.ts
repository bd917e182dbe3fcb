import type { Context } from '../../context.js'
import {
  InvalidDocumentError,
  isEditDocument,
  parseEditDocument,
  parsePaperDocument,
  toEditDocument,
  toPaperDocument,
} from '../../formats/edit-document.js'
import {
  applyEdit,
  applyPaperEdit,
  diffEdit,
  diffPaperEdit,
  editFromFlags,
  fieldsOf,
  paperEditFromFlags,
  paperFieldsOf,
  type EditBase,
  type EditChanges,
  type EditFields,
  type PaperAloneChanges,
  type PaperAloneFields,
  type PaperEdit,
  type SummaryEdit,
} from '../../core/records/edits.js'
import { PrecisError, UsageError } from '../../core/errors.js'
import type { Library, Paper } from '../../core/model.js'
import { resolveHandle } from '../../core/records/handles.js'
import { shellWord } from '../../core/text/shell-words.js'
import type { BodySource } from '../../command-kit/body-source.js'
import { readBody } from '../../command-kit/body-input.js'
import { editAgain, editKeeping, keepingTextOnFailure, keepTextFor, textToKeep } from '../../command-kit/kept-text.js'
import { canPrompt, inform, printJson } from '../../command-kit/shared.js'
import { guardNewTags } from '../../command-kit/tag-prompts.js'

export interface EditOptions {
  handle: string
  paper: PaperEdit
  summary: Omit<SummaryEdit, 'body' | 'tags'>
  addTags: string[]
  removeTags: string[]
  body: BodySource
}

function hasFieldFlags(opts: EditOptions): boolean {
  return (
    Object.keys(opts.paper).length > 0 ||
    Object.keys(opts.summary).length > 0 ||
    opts.addTags.length > 0 ||
    opts.removeTags.length > 0 ||
    opts.body.from !== 'none'
  )
}

/** Open the editor until the text validates by `parse` (or the person gives up); returns the parsed fields. */
async function editInEditor<F>(ctx: Context, id: string, initial: string, parse: (text: string) => F, what = 'summary') {
  let text = initial
  for (;;) {
    text = await editKeeping(ctx, id, text, `${id}.md`, editAgain(id))
    try {
      return { fields: parse(text), text }
    } catch (error) {
      if (!(error instanceof InvalidDocumentError)) throw error
      if (canPrompt(ctx)) {
        ctx.io.err(ctx.io.errStyle.red(`The ${what} is not valid:\n`) + error.details.join('\n') + '\n')
        if (await ctx.prompter.confirm({ name: 'reopen', message: 'Open the editor again to fix it?', default: true })) continue
      }
      const refused = new PrecisError(error.message, error.exitCode, [...error.details])
      await keepTextFor(ctx, refused, id, text, editAgain(id, 'Fix it, then apply it with'))
      throw refused
    }
  }
}

/** The document the editor opens, read back as fields: what the person was shown, normalised as their text will be. */
function shownFields(base: EditBase, document: string): EditFields {
  try {
    return parseEditDocument(document)
  } catch (error) {
    if (error instanceof InvalidDocumentError) return fieldsOf(base) // a stored record the document cannot carry: every field the person fixes is a change
    throw error
  }
}

/**
 * The tag changes of a document in the editor's format given with --file (its tags replace the
 * `stored` ones), with the --tag and --untag flags on top.
 */
function documentTagChanges(stored: readonly string[], tags: readonly string[], addTags: readonly string[], removeTags: readonly string[]) {
  return {
    addTags: [...tags.filter((tag) => !stored.includes(tag) && !removeTags.includes(tag)), ...addTags],
    removeTags: [...stored.filter((tag) => !tags.includes(tag) && !addTags.includes(tag)), ...removeTags],
  }
}

/** Without field flags the editor is the way to change anything: refused where there is none. */
function requireEditor(ctx: Context): void {
  if (!canPrompt(ctx) && !ctx.env.VISUAL && !ctx.env.EDITOR) {
    throw new UsageError('Nothing to change: pass field flags (see precis edit --help), or run in a terminal to use the editor')
  }
}

/** The document of a paper alone read back as fields: what the person was shown, normalised as their text will be. */
function shownPaperFields(paper: Paper, document: string): PaperAloneFields {
  try {
    return parsePaperDocument(document, paper.key)
  } catch (error) {
    if (error instanceof InvalidDocumentError) return paperFieldsOf(paper)
    throw error
  }
}

/** Refused on a paper alone: the flags that set a summary's fields, with the command that writes one. */
function noSummary(key: string, what: string): UsageError {
  return new UsageError(`"${key}" has no summary yet: ${what}`, [
    `Write its summary with: precis add ${shellWord(key)} (with --by, --body or --file, or in the editor)`,
  ])
}

/**
 * `edit <key>` of a paper without summaries (queued, added alone, from a PDF): its fields and its
 * own tags, by flags or in the editor, applied as a summary's edit is. It has no summary to take
 * `--by` or a text: those are refused with the `add` that writes one.
 */
async function editPaperAlone(opts: EditOptions, paper: Paper, library: Library, ctx: Context): Promise<void> {
  const key = paper.key
  if (opts.summary.by !== undefined || opts.body.from === 'text') throw noSummary(key, '--by and --body set a summary’s fields')
  let changes: PaperAloneChanges
  let text = ''
  if (hasFieldFlags(opts)) {
    const addTags = await guardNewTags(opts.addTags, library, ctx)
    if (opts.body.from === 'none') changes = paperEditFromFlags(paper, { paper: opts.paper, addTags, removeTags: opts.removeTags })
    else {
      // --file: only a document in the editor's format (a kept one), whose fields apply, the flags on top.
      text = await readBody(opts.body, ctx, `${key}.md`)
      if (!isEditDocument(text)) throw noSummary(key, '--file gives a summary’s text, unless it is a document of the paper’s fields')
      const document = parsePaperDocument(text, key)
      const tags = await guardNewTags(document.tags, library, ctx)
      changes = paperEditFromFlags(paper, {
        paper: { ...document.paper, ...opts.paper },
        ...documentTagChanges(paper.tags ?? [], tags, addTags, opts.removeTags),
      })
    }
  } else {
    requireEditor(ctx)
    const document = toPaperDocument(paper)
    const edited = await editInEditor(ctx, key, document, (typed) => parsePaperDocument(typed, key), 'paper')
    edited.fields.tags = await guardNewTags(edited.fields.tags, library, ctx)
    changes = diffPaperEdit(paper, shownPaperFields(paper, document), edited.fields)
    text = edited.text
  }
  const result = await keepingTextOnFailure(
    ctx,
    key,
    text,
    () => ctx.store.update((lib) => applyPaperEdit(lib, key, changes, ctx.clock.now()), { reuse: library }),
    editAgain(key),
  )
  if (ctx.globals.json) printJson(ctx, { id: key, key, changed: result.changed })
  else ctx.io.out(key + '\n')
  inform(ctx, result.changed ? `Updated ${key}` : `No changes to ${key}`)
}

export async function editRun(opts: EditOptions, ctx: Context): Promise<void> {
  const library = await ctx.store.read()
  const resolved = resolveHandle(library, opts.handle)
  // A handle that names no summary names a paper of the library that has none.
  if (resolved.summaries.length === 0) return editPaperAlone(opts, resolved.paper, library, ctx)
  // A paper key is also its first summary's id: with several summaries, that one is meant.
  const exact = resolved.summaries.find((s) => s.id.toLowerCase() === opts.handle.trim().toLowerCase())
  if (exact) resolved.summaries = [exact]
  if (resolved.summaries.length !== 1) {
    const ids = resolved.summaries.map((s) => `  ${s.id}`)
    throw new UsageError(`"${opts.handle}" names ${resolved.summaries.length} summaries; edit one at a time`, ids)
  }
  const base: EditBase = { paper: resolved.paper, summary: resolved.summaries[0]! }
  const id = base.summary.id
  let changes: EditChanges
  // What the person typed, kept in a file when it cannot be applied.
  let text = ''
  if (hasFieldFlags(opts)) {
    const addTags = await guardNewTags(opts.addTags, library, ctx)
    const body = opts.body.from === 'none' ? {} : { body: await readBody(opts.body, ctx, `${id}.md`) }
    text = textToKeep(opts.body, body.body ?? '')
    if (opts.body.from !== 'text' && body.body !== undefined && isEditDocument(body.body)) {
      // The editor's own format (a kept or exported document): its fields apply, the flags on top.
      const document = parseEditDocument(body.body)
      const tags = await guardNewTags(document.summary.tags, library, ctx)
      changes = editFromFlags(base, {
        paper: { ...document.paper, ...opts.paper },
        summary: { by: document.summary.by, body: document.summary.body, ...opts.summary },
        ...documentTagChanges(base.summary.tags, tags, addTags, opts.removeTags),
      })
    } else {
      changes = editFromFlags(base, { paper: opts.paper, summary: { ...opts.summary, ...body }, addTags, removeTags: opts.removeTags })
    }
  } else {
    requireEditor(ctx)
    const document = toEditDocument(base.paper, base.summary)
    const edited = await editInEditor(ctx, id, document, parseEditDocument)
    edited.fields.summary.tags = await guardNewTags(edited.fields.summary.tags, library, ctx)
    changes = diffEdit(base, shownFields(base, document), edited.fields)
    text = edited.text
  }
  // Applied to the records as they are inside the lock: only the fields the person changed.
  const result = await keepingTextOnFailure(
    ctx,
    id,
    text,
    () => ctx.store.update((lib) => applyEdit(lib, id, changes, ctx.clock.now()), { reuse: library }),
    editAgain(id),
  )
  if (ctx.globals.json) printJson(ctx, { id: result.summary.id, key: result.summary.paper, changed: result.changed })
  else ctx.io.out(result.summary.id + '\n')
  inform(ctx, result.changed ? `Updated ${result.summary.id}` : `No changes to ${result.summary.id}`)
}
