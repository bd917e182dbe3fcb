import type { Library } from '../../../src/core/model.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/**
 * A small connected library with relations known by construction:
 * - graph papers: velickovic2018graph cites kipf2017semi and vaswani2017attention; gilmer2017neural
 *   cites kipf2017semi; all three share the tag gnn, and velickovic/kipf also ml/graphs.
 * - Bayesian papers: snoek2012practical cites rasmussen2004gaussian; both tagged bayesian.
 * - devlin2019bert has no summary (to summarise); vaswani2017attention is cited twice.
 * Word counts (126 in all) are written next to each body.
 */
export function connectedLibrary(): Library {
  const lib = libraryOf(
    [
      paper({ key: 'gilmer2017neural', title: 'Neural Message Passing for Quantum Chemistry', year: 2017, venue: 'ICML' }),
      paper({ key: 'kipf2017semi', title: 'Semi-Supervised Classification with Graph Convolutional Networks', year: 2017, venue: 'ICLR' }),
      paper({ key: 'velickovic2018graph', title: 'Graph Attention Networks', year: 2018, venue: 'iclr' }),
      paper({ key: 'vaswani2017attention', title: 'Attention Is All You Need', year: 2017, venue: 'NeurIPS' }),
      paper({ key: 'rasmussen2004gaussian', title: 'Gaussian Processes in Machine Learning', year: 2004, venue: null }),
      paper({
        key: 'snoek2012practical',
        title: 'Practical Bayesian Optimization of Machine Learning Algorithms',
        year: 2012,
        venue: 'NeurIPS ',
      }),
      paper({ key: 'devlin2019bert', title: 'BERT: Pre-training of Deep Bidirectional Transformers', year: 2019, venue: 'NAACL' }),
      paper({ key: 'anon0000notes', title: 'Untitled lecture notes', year: null }),
    ],
    [
      summary({
        id: 'gilmer2017neural',
        paper: 'gilmer2017neural',
        tags: ['gnn', 'chemistry'],
        created: '2023-05-01T00:00:00.000Z',
        // 20 words
        body: 'Message passing neural networks unify graph convolutions: nodes exchange messages along edges, then a readout predicts molecular properties. Generalises [@kipf2017semi].\n',
      }),
      summary({
        id: 'gilmer2017neural-2',
        paper: 'gilmer2017neural',
        tags: ['chemistry'],
        created: '2024-02-01T00:00:00.000Z',
        // 6 words ("-" is not a word)
        body: 'Quantum chemistry benchmarks - QM9 results, mostly.\n',
      }),
      summary({
        id: 'kipf2017semi',
        paper: 'kipf2017semi',
        tags: ['gnn', 'ml/graphs'],
        created: '2023-06-01T00:00:00.000Z',
        // 20 words
        body: 'A graph convolution from a first-order spectral approximation: each node averages neighbour features, and message passing over edges classifies nodes.\n',
      }),
      summary({
        id: 'velickovic2018graph',
        paper: 'velickovic2018graph',
        tags: ['gnn', 'ml/graphs', 'attention'],
        created: '2024-03-01T00:00:00.000Z',
        // 23 words
        body: 'Graph attention: each node weighs neighbour messages with attention, like \\citet{vaswani2017attention}, instead of the fixed averages of \\cite{kipf2017semi}. Message passing on graph edges.\n',
      }),
      summary({
        id: 'vaswani2017attention',
        paper: 'vaswani2017attention',
        tags: ['attention', 'nlp'],
        created: '2024-04-01T00:00:00.000Z',
        // 19 words
        body: 'Self-attention replaces recurrence: the transformer attends over all tokens at once, with multi-head attention and positional encodings. $O(n^2)$ cost.\n',
      }),
      summary({
        id: 'rasmussen2004gaussian',
        paper: 'rasmussen2004gaussian',
        tags: ['bayesian'],
        created: '2024-05-01T00:00:00.000Z',
        // 18 words
        body: "A Gaussian process is a distribution over functions, set by a mean and a kernel covariance. $$k(x, x')$$\n",
      }),
      summary({
        id: 'snoek2012practical',
        paper: 'snoek2012practical',
        tags: ['bayesian', 'optimisation'],
        created: '2024-06-01T00:00:00.000Z',
        // 20 words
        body: 'Bayesian optimisation of hyperparameters with a Gaussian process prior (@rasmussen2004gaussian): expected improvement picks the next kernel setting; cites @vaswani2017attention too.\n',
      }),
    ],
  )
  for (const s of lib.summaries) s.updated = s.created
  return lib
}
