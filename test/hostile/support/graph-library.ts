import type { Library } from '../../../src/core/model.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/**
 * Four papers on graphs and attention, three summarised, one with only an abstract: what the search
 * and browse hostile tests search. `gilmerEnd` ends the first summary's body (after "Schrödinger").
 */
export function graphLibrary(gilmerEnd = '.'): Library {
  return libraryOf(
    [
      paper({ key: 'gilmer2017neural', title: 'Neural Message Passing for Quantum Chemistry', abstract: 'Graph networks for molecules.' }),
      paper({ key: 'kipf2017semi', title: 'Semi-Supervised Classification with Graph Convolutional Networks', year: 2017 }),
      paper({ key: 'vaswani2017attention', title: 'Attention Is All You Need', venue: 'NeurIPS' }),
      paper({ key: 'unread', title: 'A Paper Not Yet Summarised', abstract: 'Transformers on graphs, spectral and spatial.' }),
    ],
    [
      summary({
        id: 'gilmer2017neural',
        paper: 'gilmer2017neural',
        tags: ['gnn'],
        body: `Message passing on graphs; quantum chemistry with $\\theta$ and Schrödinger${gilmerEnd}\n`,
      }),
      summary({
        id: 'kipf2017semi',
        paper: 'kipf2017semi',
        tags: ['gnn'],
        body: 'Spectral graph convolutions, message passing networks.\n',
      }),
      summary({ id: 'vaswani2017attention', paper: 'vaswani2017attention', body: 'The transformer: attention over a graph of tokens.\n' }),
    ],
  )
}
