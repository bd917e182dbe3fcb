import type { Context } from '../context.js'
import type { Library } from '../core/model.js'
import { tagsInUse } from '../core/tags/rename.js'
import { findSimilarTags, type Likeness } from '../core/tags/similar.js'
import { canonicalTag, normalizeTags, tagProblem } from '../core/tags/rules.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { canPrompt, inform } from './shared.js'

const WHY: Record<Likeness, string> = {
  separator: 'other separators',
  plural: 'plural or singular',
  typo: 'one letter apart',
  hierarchy: 'the same word elsewhere in the hierarchy',
}

/**
 * The similar-tag guard: each tag of `tags` that is new to the library but looks like an existing
 * one (`gnns` / `gnn`, `meta_learning` / `meta-learning`) gets a warning naming the existing tag;
 * in a terminal the person may take the existing tag instead. Returns the tags to use.
 */
export async function guardNewTags(tags: readonly string[], lib: Library, ctx: Context): Promise<string[]> {
  const similar = findSimilarTags(tags, tagsInUse(lib))
  const chosen = new Map(tags.map((tag) => [tag, tag]))
  for (const tag of new Set(similar.map((s) => s.tag))) {
    const alike = similar.filter((s) => s.tag === tag)
    const names = alike.map((s) => `"${sanitizeTerminal(s.existing)}" (${WHY[s.reason]})`).join(', ')
    inform(ctx, ctx.io.errStyle.yellow(`Warning: the new tag "${sanitizeTerminal(tag)}" looks like the existing ${names}`))
    if (!canPrompt(ctx)) continue
    const choices = [
      ...alike.map((s) => ({ name: `Use "${sanitizeTerminal(s.existing)}"`, value: s.existing })),
      { name: `Add "${sanitizeTerminal(tag)}" as a new tag`, value: tag },
    ]
    chosen.set(
      tag,
      await ctx.prompter.select({
        name: 'similarTag',
        message: `Which tag for "${sanitizeTerminal(tag)}"?`,
        choices,
        default: alike[0]!.existing,
      }),
    )
  }
  return [...new Set(tags.map((tag) => chosen.get(tag)!))]
}

/** Tags typed in one line: separated by commas, or by spaces when there is no comma (`meta learning, gnn`). */
function splitTags(line: string): string[] {
  return line
    .split(line.includes(',') ? ',' : /\s+/)
    .map((word) => word.trim())
    .filter(Boolean)
}

/**
 * Ask for tags in a terminal: the library's tags as a checkbox you can type into to filter
 * (`current` ticked), then new ones typed in (filter text that matched nothing proposed), which
 * pass the similar-tag guard. Esc in the checkbox keeps `current`.
 */
export async function chooseTags(lib: Library, current: readonly string[], ctx: Context): Promise<string[]> {
  const existing = [...tagsInUse(lib)].sort()
  const picked =
    existing.length === 0
      ? { ticked: [], typed: '' }
      : await ctx.prompter.checkbox({
          name: 'existingTags',
          message: 'Tags (type to filter, space to tick)',
          choices: existing.map((tag) => ({ name: sanitizeTerminal(tag), value: tag, checked: current.includes(tag) })),
        })
  if (picked === null) return [...current] // Esc: the picker changes nothing
  const { ticked } = picked
  const typed = await ctx.prompter.input({
    name: 'tags',
    message: `${existing.length === 0 ? 'Tags' : 'New tags'} (separated by commas, or spaces; empty for none)`,
    // Filter text that matched no tag is what the person meant to add: proposed, not retyped.
    ...(picked.typed ? { default: picked.typed } : {}),
    validate: (answer) => {
      const problems = splitTags(answer).flatMap((word) => {
        const problem = tagProblem(canonicalTag(word))
        return problem ? [`"${word}" is not a tag: ${problem}`] : []
      })
      return problems[0] ?? true
    },
  })
  const fresh = await guardNewTags(normalizeTags(splitTags(typed)), lib, ctx)
  return [...new Set([...ticked, ...fresh])]
}
