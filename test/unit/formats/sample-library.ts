/** A small library written for these tests, with the awkward values real libraries contain. */
import type { Library, Paper, Summary } from '../../../src/core/model.js'

/** A paper with its fields in schema order, as the library file has them. */
export function paper(fields: Partial<Paper> & Pick<Paper, 'key' | 'title'>): Paper {
  const { key, title, ...rest } = fields
  const defaults = {
    authors: [],
    year: null,
    venue: null,
    arxiv: null,
    doi: null,
    url: null,
    abstract: null,
    added: '2024-01-02T03:04:05.000Z',
  }
  return { key, title, ...defaults, ...rest }
}

/** A summary with its fields in schema order. */
export function summary(fields: Partial<Summary> & Pick<Summary, 'id' | 'paper'>): Summary {
  const { id, paper: key, ...rest } = fields
  const defaults = { by: '', body: '', tags: [], created: '2024-02-03T04:05:06.000Z', updated: '2024-02-03T04:05:06.000Z' }
  return { id, paper: key, ...defaults, ...rest }
}

export function sampleLibrary(): Library {
  return {
    format: 'precis-library',
    version: 2,
    papers: [
      paper({
        key: 'lovelace2019graphs',
        title: 'Graphs, {Braces} and $\\mathcal{O}(n^2)$ Messages: a 50% & #1 Study',
        authors: ['Ada Lovelace', 'van der Berg, Jan', 'Charles de la Vallée Poussin', 'Émilie du Châtelet'],
        year: 2019,
        venue: 'Proceedings of the 36th International Conference on Machine Learning (ICML)',
        arxiv: '1901.00012',
        doi: '10.5555/ABC.0012',
        url: 'https://example.org/paper?id=1&x=_y',
        abstract: 'Two lines\nof abstract with trailing space \nand a colon: here',
      }),
      paper({ key: 'hopper1952compiler', title: '1.10', authors: ['Grace Hopper'], year: 1952, venue: 'Journal of the ACM' }),
      paper({ key: 'noether2021untitled', title: 'null', arxiv: 'math/0501234' }),
    ],
    summaries: [
      summary({
        id: 'lovelace2019graphs',
        paper: 'lovelace2019graphs',
        by: 'Ada',
        tags: ['gnn', 'ml/graphs', '0012'],
        body: '\nLeading blank line, math $\\sum_{i} x_i^2$ and *stars*.\n\n- item one\n- item two   \n\n',
      }),
      summary({
        id: 'lovelace2019graphs-2',
        paper: 'lovelace2019graphs',
        by: 'true',
        body: 'No trailing newline and a --- line:\n---\nafter it',
        created: '2024-05-06T07:08:09+02:00',
      }),
      summary({ id: 'hopper1952compiler', paper: 'hopper1952compiler', body: 'Windows\r\nline\r\nends\r\n' }),
      summary({ id: 'noether2021untitled', paper: 'noether2021untitled', body: '' }),
    ],
    trash: [],
  }
}
