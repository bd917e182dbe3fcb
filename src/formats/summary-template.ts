import type { Paper } from '../core/model.js'

/** A paper's field inside the comment: one line, and never `--`, which would end the comment early. */
const commentLine = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/--/g, '-\u200b-')

/**
 * The text a new summary's editor opens on: which paper it is and how to write it, in an HTML comment
 * (invisible when the Markdown is shown) that `withoutTemplate` removes on save if left as it was,
 * then the person's own skeleton (`template` of the config file), if any.
 */
export function summaryTemplate(paper: Pick<Paper, 'title' | 'authors' | 'year'>, skeleton = ''): string {
  return (
    [
      '<!--',
      `Summary of: ${commentLine(paper.title)}`,
      `Authors: ${commentLine(paper.authors.join('; '))}`,
      `Year: ${paper.year ?? 'unknown'}`,
      '',
      'Write the summary below in Markdown; math as $x^2$ inline or between $$ lines.',
      'This comment is removed when you save it unchanged; an empty summary is not saved.',
      '-->',
      '',
      '',
    ].join('\n') + skeleton
  )
}

/**
 * The saved text without the template's comment, when the comment is still there as it was written;
 * empty when what is left is the skeleton as it was given (nothing was written).
 */
export function withoutTemplate(text: string, template: string): string {
  const end = template.indexOf('-->')
  const comment = end >= 0 ? template.slice(0, end + 3) : template.trimEnd()
  if (comment === '' || !text.startsWith(comment)) return text
  const rest = text.slice(comment.length).replace(/^\s*\n/, '')
  const skeleton = template.slice(comment.length).trim()
  return skeleton !== '' && rest.trim() === skeleton ? '' : rest
}
