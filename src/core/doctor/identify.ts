/**
 * Papers to identify, as `doctor` lists them: not problems (nothing is wrong with a summary whose
 * paper is unknown) but work left to do, each with the command that does it.
 */
import type { Library } from '../model.js'
import { lacksMetadata } from '../papers/placeholders.js'

/** A paper without real metadata, with the command that finds it. */
export interface ToIdentify {
  key: string
  title: string
  /** `precis identify <key>`. */
  hint: string
}

/** The library's papers without real metadata, by key. */
export function papersToIdentify(lib: Pick<Library, 'papers'>): ToIdentify[] {
  return lib.papers
    .filter((paper) => lacksMetadata(paper))
    .map((paper) => ({ key: paper.key, title: paper.title, hint: `precis identify ${paper.key}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
