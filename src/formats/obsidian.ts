/**
 * The Markdown export flavoured for Obsidian (`export --format md --flavor obsidian` to a folder):
 * each summary's front matter as Obsidian properties (`tags` a list, `aliases` the paper's title so
 * a note can be linked by it) and citations between summaries as wiki links, `[[gilmer2017neural]]`,
 * so the vault's graph and backlinks show the links `show` and `related` follow. A link names the
 * file of the cited paper's first summary in the export (its key, unless the name had to change:
 * then `[[file|key]]`); a paper without one is linked by its key all the same, as a note to write.
 * The other front-matter fields are those of the plain export, so the notes import back as they are.
 */
import type { Paper, Summary } from '../core/model.js'
import { CitationResolver, rewriteCitations, type ResolvedCitation } from '../core/citations/citations.js'
import { writeFrontMatter } from './frontmatter.js'
import type { CitationNames } from './citations.js'
import { frontMatterFields } from './markdown.js'

/** A wiki link to the note of `key` (`[[key]]`, or `[[file|key]]` when its file has another name). */
function wikiLink(key: string, files: ReadonlyMap<string, string>): string {
  const file = files.get(key)
  return file === undefined || file === key ? `[[${key}]]` : `[[${file}|${key}]]`
}

/**
 * A rewriter of bodies: each citation of a paper in the library becomes wiki links; `files` maps a
 * paper key to the file name (without `.md`) of its note. Keys that name no paper stay as written.
 */
export function wikiLinkCitations(lib: CitationNames, files: ReadonlyMap<string, string>): (body: string) => string {
  const resolver = new CitationResolver(lib)
  return (body) =>
    rewriteCitations(body, resolver, (citation: ResolvedCitation) => {
      if (citation.cited.some(({ paper }) => !paper)) return null
      const links = citation.cited.map(({ paper }) => wikiLink(paper!.key, files))
      if (citation.form === 'pandoc') {
        // Pandoc's brackets stay; a space keeps them apart from the link's (`[[[a]]]` would not read as a link).
        return `${body[citation.start - 1] === '[' ? ' ' : ''}${links[0]!}${body[citation.end] === ']' ? ' ' : ''}`
      }
      if (citation.form !== 'latex' || citation.textual) return links.join(citation.form === 'latex' ? ' and ' : '')
      const prefix = citation.prefix.trim() === '' ? '' : `${citation.prefix.trim()} `
      const suffix = citation.suffix.trim() === '' ? '' : `, ${citation.suffix.trim()}`
      return `(${prefix}${links.join('; ')}${suffix})`
    })
}

/** One note: Obsidian properties, then the body with its citations as wiki links. */
export function obsidianNote(summary: Summary, paper: Paper, citations: (body: string) => string): string {
  // Obsidian finds a note by its aliases too: the title, right after it.
  const fields = frontMatterFields(summary, paper).flatMap((field) =>
    field[0] === 'title' ? [field, ['aliases', [paper.title]] as const] : [field],
  )
  return writeFrontMatter(fields) + citations(summary.body)
}
