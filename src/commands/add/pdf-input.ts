/**
 * `add paper.pdf`: which paper the PDF is, from its first pages. An arXiv id or DOI found there is
 * fetched as `add <id>` does. Without one, a terminal searches arXiv and Crossref for the PDF's
 * title and the person picks the paper: a search's best guess is never taken unseen, since a wrong
 * paper's metadata would be saved as this one's.
 */
import type { Context } from '../../context.js'
import { NetworkError, UsageError } from '../../core/errors.js'
import { identifierIn, titleIn } from '../../core/attachments/pdf-clues.js'
import { parseSource, type Source } from '../../core/papers/identifiers.js'
import { paperFromMetadata, type PaperOverrides } from '../../core/papers/metadata-merge.js'
import type { PaperInput } from '../../core/papers/papers.js'
import { rankCandidates } from '../../core/identify/rank.js'
import { queryWords } from '../../core/identify/words.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { readPdfText } from '../../formats/pdf-text.js'
import { findCandidates } from '../../sources/candidates.js'
import { describeSource } from '../../sources/resolve.js'
import { oneLine } from '../../render/summary-rows.js'
import { readAttachableFile } from '../../store/attachment-files.js'
import { givenFile } from '../../command-kit/attachments.js'
import { canPrompt, inform } from '../../command-kit/shared.js'
import type { BodySource } from '../../command-kit/body-source.js'

/** What of add's options the PDF decides. */
interface PdfAddOptions {
  source: Source | null
  paper: PaperOverrides
  body: BodySource
  summary: boolean
}

/** Candidates offered to pick from. */
const OFFERED = 5

/** The options `add` goes on with, and, when the PDF names no paper, how a terminal finds it by title. */
export async function fromPdf<T extends PdfAddOptions>(
  given: T,
  file: string,
  ctx: Context,
): Promise<{ options: T; ask?: () => Promise<PaperInput | null> }> {
  const text = await readPdfText(readAttachableFile(givenFile(ctx, file)), file)
  const flagged = given.paper.arxiv ?? given.paper.doi
  const source = (flagged === undefined ? null : parseSource(flagged)) ?? identifierIn(text.pages)
  // Without a summary text and without a terminal to write one in, the paper is added alone.
  const options = given.body.from === 'none' && !canPrompt(ctx) ? { ...given, summary: false } : given
  const shown = sanitizeTerminal(file)
  if (source) {
    if (flagged === undefined) inform(ctx, `Found ${describeSource(source)} in ${shown}`)
    return { options: { ...options, source, paper: withIdentifier(options.paper, source) } }
  }
  const title = titleIn(text.infoTitle, text.pages[0])
  const flagsSuffice = given.paper.title !== undefined && given.paper.authors.length > 0
  if (!canPrompt(ctx) && !flagsSuffice) {
    throw new UsageError(`No arXiv id or DOI in the first pages of ${shown}`, [
      'Give --doi or --arxiv, or --title and --author (and --year), or run it in a terminal to search for its title.',
    ])
  }
  inform(ctx, `No arXiv id or DOI in the first pages of ${shown}`)
  if (!canPrompt(ctx) || title === null) return { options }
  const pageText = text.pages.flatMap((page) => page.lines.map((line) => line.text)).join('\n')
  return { options, ask: () => pickByTitle(title, pageText, options.paper, ctx) }
}

function withIdentifier(flags: PaperOverrides, source: Source): PaperOverrides {
  return source.kind === 'arxiv' ? { ...flags, arxiv: flags.arxiv ?? source.id } : { ...flags, doi: flags.doi ?? source.doi }
}

/** Search for `title`, offer the candidates ranked against the PDF's text; null: none was it (or the search failed). */
async function pickByTitle(title: string, pageText: string, flags: PaperOverrides, ctx: Context): Promise<PaperInput | null> {
  inform(ctx, `Searching arXiv and Crossref for "${oneLine(title)}"`)
  let search
  try {
    search = await findCandidates(queryWords(title), {
      env: ctx.env,
      now: () => ctx.clock.now(),
      sleep: (ms) => ctx.clock.sleep(ms),
      notice: (message) => inform(ctx, message),
    })
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error
    inform(ctx, `${error.message}; type the paper's fields instead`)
    return null
  }
  for (const note of search.notes) inform(ctx, note)
  const ranked = rankCandidates(`${title}\n${pageText}`, search.candidates).slice(0, OFFERED)
  if (ranked.length === 0) return null
  const choices = ranked.map(({ candidate }, i) => {
    const { metadata } = candidate
    const who = metadata.authors.slice(0, 2).join(', ') + (metadata.authors.length > 2 ? ' et al.' : '')
    return { name: oneLine(`${metadata.title} — ${who}${metadata.year === null ? '' : `, ${metadata.year}`}`), value: String(i) }
  })
  const answer = await ctx.prompter.select({
    name: 'candidate',
    message: 'Which paper is it?',
    choices: [...choices, { name: 'None of these: type its fields', value: 'none' }],
  })
  return answer === 'none' ? null : paperFromMetadata(ranked[Number(answer)]!.candidate.metadata, flags)
}
