import type { Library } from '../../src/core/model.js'
import { libraryOf, paper, summary } from '../support/library.js'

/** Three papers, one summary each, with flat and hierarchical tags. */
export function taggedLibrary(): Library {
  return libraryOf(
    [
      paper({ key: 'alpha2020graphs', title: 'Graphs All the Way Down', year: 2020 }),
      paper({ key: 'beta2021kernels', title: 'Kernels for Everyone', year: 2021 }),
      paper({ key: 'gamma2019priors', title: 'Priors We Can Trust', year: 2019 }),
    ],
    [
      summary({ id: 'alpha2020graphs', paper: 'alpha2020graphs', tags: ['ml/gnn', 'todo'] }),
      summary({ id: 'beta2021kernels', paper: 'beta2021kernels', tags: ['ml', 'bayesian'] }),
      summary({ id: 'gamma2019priors', paper: 'gamma2019priors', tags: ['bayesian'] }),
    ],
  )
}

/** Each summary's tags, by id. */
export async function tagsById(store: { read(): Promise<Library> }): Promise<Record<string, string[]>> {
  return Object.fromEntries((await store.read()).summaries.map((s) => [s.id, s.tags]))
}
