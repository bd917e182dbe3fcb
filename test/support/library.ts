import { emptyLibrary, type Library, type Paper, type Summary } from '../../src/core/model.js'

/** A paper with plausible defaults; override what the test is about. */
export function paper(fields: Partial<Paper> & Pick<Paper, 'key'>): Paper {
  return {
    title: `A study of ${fields.key}`,
    authors: ['Ada Lovelace'],
    year: 2020,
    venue: null,
    arxiv: null,
    doi: null,
    url: null,
    abstract: null,
    added: '2024-01-01T00:00:00.000Z',
    ...fields,
  }
}

/** A summary with plausible defaults. */
export function summary(fields: Partial<Summary> & Pick<Summary, 'id' | 'paper'>): Summary {
  return {
    by: 'Reader',
    body: `Notes on ${fields.paper}.\n`,
    tags: [],
    created: '2024-02-01T00:00:00.000Z',
    updated: '2024-02-01T00:00:00.000Z',
    ...fields,
  }
}

/** A library holding these records. */
export function libraryOf(papers: Paper[], summaries: Summary[] = []): Library {
  return { ...emptyLibrary(), papers, summaries }
}

/** Two papers, one with two summaries: enough for handles, lists and trash. */
export function smallLibrary(): Library {
  return libraryOf(
    [
      paper({
        key: 'gilmer2017neural',
        title: 'Neural Message Passing for Quantum Chemistry',
        authors: ['Justin Gilmer', 'Samuel S. Schoenholz'],
        year: 2017,
        arxiv: '1704.01212',
        added: '2024-03-01T00:00:00.000Z',
      }),
      paper({
        key: 'rasmussen2004gaussian',
        title: 'Gaussian Processes in Machine Learning',
        authors: ['Carl Edward Rasmussen'],
        year: 2004,
        doi: '10.1007/978-3-540-28650-9_4',
        added: '2024-01-01T00:00:00.000Z',
      }),
    ],
    [
      summary({
        id: 'gilmer2017neural',
        paper: 'gilmer2017neural',
        tags: ['gnn', 'chemistry'],
        created: '2024-03-01T00:00:00.000Z',
        updated: '2024-03-01T00:00:00.000Z',
      }),
      summary({
        id: 'gilmer2017neural-2',
        paper: 'gilmer2017neural',
        by: 'Second Reader',
        body: 'A second reading of gilmer2017neural.\n',
        created: '2024-04-01T00:00:00.000Z',
        updated: '2024-04-01T00:00:00.000Z',
      }),
      summary({
        id: 'rasmussen2004gaussian',
        paper: 'rasmussen2004gaussian',
        tags: ['bayesian'],
        body: 'A GP is $\\mathcal{GP}(m, k)$.\n',
      }),
    ],
  )
}
