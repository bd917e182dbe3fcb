import type { z as Zod } from 'zod'
import { tagProblem } from '../tags/rules.js'
import { LIBRARY_FORMAT, LIBRARY_VERSION, MAX_PRIORITY, MIN_PRIORITY, READING_STATES } from '../model.js'
import { collisionKey } from '../text/filenames.js'
import { isAttachmentName, linkProblem, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../attachments/attachments.js'

/**
 * The library's rules in zod: the reference for the hand-written check in validate-fast.ts, used
 * to explain what is wrong with a library that check refused. Built from the `z` it is given
 * because it is loaded only then, synchronously (see `zodSchemas` in schema.ts).
 * zod builds objects from the keys listed here only: unknown keys (and `__proto__`) are dropped.
 */
export function buildZodSchemas(z: typeof Zod) {
  const timestamp = z.iso.datetime({ offset: true })
  const text = z.string()
  const optionalText = z.string().nullable()
  const tag = z.string().superRefine((value, ctx) => {
    const problem = tagProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: `tag ${JSON.stringify(value)}: ${problem}` })
  })
  const fileSchema = z.object({
    kind: z.literal('file'),
    name: z.string().refine(isAttachmentName, 'an unsafe file name'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
    added: timestamp,
  })
  const linkSchema = z.object({
    kind: z.literal('link'),
    url: z.string().superRefine((value, ctx) => {
      const problem = linkProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
    added: timestamp,
  })
  const attachmentsSchema = z
    .array(z.discriminatedUnion('kind', [fileSchema, linkSchema]))
    .max(MAX_ATTACHMENTS)
    .superRefine((list, ctx) => {
      const names = list.flatMap((item) => (item.kind === 'file' ? [collisionKey(item.name)] : []))
      if (new Set(names).size < names.length) ctx.addIssue({ code: 'custom', message: 'two attached files share a name' })
    })
  const paperSchema = z.object({
    key: z.string().min(1).max(200),
    title: text,
    authors: z.array(text),
    year: z.number().int().min(0).max(9999).nullable(),
    venue: optionalText,
    arxiv: optionalText,
    category: optionalText.optional(),
    doi: optionalText,
    url: optionalText,
    abstract: optionalText,
    added: timestamp,
    state: z.enum(READING_STATES).optional(),
    priority: z.number().int().min(MIN_PRIORITY).max(MAX_PRIORITY).optional(),
    attachments: attachmentsSchema.optional(),
  })
  const summarySchema = z.object({
    id: z.string().min(1).max(210),
    paper: z.string().min(1),
    by: text,
    body: text,
    tags: z.array(tag),
    created: timestamp,
    updated: timestamp,
  })
  const trashEntrySchema = z.object({ summary: summarySchema, paper: paperSchema.nullable(), deleted: timestamp })
  const librarySchema = z.object({
    format: z.literal(LIBRARY_FORMAT),
    version: z.literal(LIBRARY_VERSION),
    papers: z.array(paperSchema),
    summaries: z.array(summarySchema),
    trash: z.array(trashEntrySchema),
  })
  return { paperSchema, summarySchema, trashEntrySchema, librarySchema }
}

/** The schemas `buildZodSchemas` makes. */
export type ZodSchemas = ReturnType<typeof buildZodSchemas>
