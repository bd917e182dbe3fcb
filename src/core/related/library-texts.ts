import { CitationResolver, rewriteCitations } from '../citations/citations.js'
import type { Library, PaperOutline, Summary } from '../model.js'
import { similarityTerms, textOccurrences } from './text.js'
import { PaperTable } from './paper-table.js'
import type { PaperDoc, RelatedTexts } from './related-source.js'

/** A paper's prose: its title and summaries without citation markup, or its abstract (`abstract()`) when it has none. */
export function paperProse(
  paper: Pick<PaperOutline, 'title'>,
  summaries: readonly Pick<Summary, 'body'>[],
  abstract: () => string,
  resolver: Pick<CitationResolver, 'resolve'>,
): string {
  const bodies = summaries.map((s) => rewriteCitations(s.body, resolver, () => ' '))
  return [paper.title, ...(bodies.length > 0 ? bodies : [abstract()])].join('\n')
}

/** The texts of `lib`, read whole: the reference every other way of reading them is held to. */
export function libraryTexts(lib: Pick<Library, 'papers' | 'summaries'>, resolver = new CitationResolver(lib)): RelatedTexts {
  const whole = (doc: PaperDoc) => ({ paper: lib.papers[doc.at]!, summaries: doc.summaryAt.map((at) => lib.summaries[at]!) })
  const prose = (doc: PaperDoc) => {
    const { paper, summaries } = whole(doc)
    return paperProse(paper, summaries, () => paper.abstract ?? '', resolver)
  }
  return {
    prose,
    termsIn: (docs, terms) => docs.map((doc) => new Set(similarityTerms(prose(doc)).filter((term) => terms.has(term)))),
    occurrences: (keys) => {
      const texts = new Map<number, string>()
      const table = new PaperTable({ ...lib, citedKeys: [] })
      for (let p = 0; p < table.count; p++) {
        const { paper, summaries } = whole(table.doc(p))
        texts.set(p, [paper.title, ...summaries.map((s) => s.body), summaries.length === 0 ? (paper.abstract ?? '') : ''].join('\n'))
      }
      return textOccurrences(texts, keys)
    },
  }
}
