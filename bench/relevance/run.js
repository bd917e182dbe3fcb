// The relevance benchmark (issue 19): `npm run bench:relevance [-- --sweep]`. BENCHMARKS.md says
// what it measures. Each query of each collection is pasted whole into precis's default search (in
// this process, through the search core, on a library built as the store holds one) and into a
// plain BM25 (bm25.js) over the same documents; nDCG@10, recall@100 and the share of queries with
// no result are printed side by side.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importFromSources } from '../bundle.js'
import { Bm25 } from './bm25.js'
import { collections } from './collections.js'
import { mean, ndcgAt, recallAt } from './metrics.js'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const DEPTH = 100

const ENTRY = `
export { parseQuery } from './src/core/search/query.ts'
export { LibrarySearch } from './src/core/search/search.ts'
export { InMemorySearch } from './src/core/search/in-memory-search.ts'
export { buildPostings } from './src/core/search/postings.ts'
export { libraryEntries } from './src/core/records/entries.ts'
export { SEARCH_TUNING } from './src/core/search/tuning.ts'
`

/** The search core, bundled from the TypeScript sources. */
export const searchCore = () => importFromSources(root, ENTRY)

/** precis's ranking of each query (ids, best first), from the postings as `precis search` ranks; a query precis refuses ranks nothing. */
function precisRuns(core, collection) {
  const entries = core.libraryEntries(collection.library)
  const search = new core.InMemorySearch(core.buildPostings(entries), entries)
  let refused = 0
  const runs = collection.queries.map((query) => {
    try {
      return search
        .search(core.parseQuery(query.text, 'pasted'), { limit: DEPTH, lastWord: 'prefix', snippets: 0 })
        .hits.map((hit) => hit.id)
    } catch (error) {
      if (error?.name !== 'UsageError' && error?.constructor?.name !== 'UsageError') throw error
      refused++
      return []
    }
  })
  return { runs, refused }
}

function bm25Runs(collection) {
  const bm25 = new Bm25(collection.documents.map((doc) => ({ id: doc.key, text: `${doc.title} ${doc.text}` })))
  return collection.queries.map((query) => bm25.search(query.text, DEPTH))
}

function scores(collection, runs) {
  const { queries } = collection
  return {
    ndcg: mean(runs.map((run, i) => ndcgAt(10, run, queries[i].judged))),
    recall: mean(runs.map((run, i) => recallAt(DEPTH, run, queries[i].judged))),
    empty: runs.filter((run) => run.length === 0).length / Math.max(1, queries.length),
  }
}

const percent = (share) => `${(share * 100).toFixed(1)}%`

export function report(rows) {
  const header =
    '| collection | queries | nDCG@10 precis | nDCG@10 BM25 | Δ | R@100 precis | R@100 BM25 | no result precis | no result BM25 | refused |'
  const lines = rows.map(
    ({ collection, precis, bm25, refused }) =>
      `| ${collection.name} | ${collection.queries.length} | ${precis.ndcg.toFixed(3)} | ${bm25.ndcg.toFixed(3)} | ${(precis.ndcg - bm25.ndcg >= 0 ? '+' : '') + (precis.ndcg - bm25.ndcg).toFixed(3)} | ${precis.recall.toFixed(3)} | ${bm25.recall.toFixed(3)} | ${percent(precis.empty)} | ${percent(bm25.empty)} | ${refused} |`,
  )
  return [header, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...lines].join('\n')
}

export async function measure(core, list = collections()) {
  return list.map((collection) => {
    const { runs, refused } = precisRuns(core, collection)
    return { collection, precis: scores(collection, runs), bm25: scores(collection, bm25Runs(collection)), refused }
  })
}

// One setting changed at a time from the current ones (SEARCH_TUNING), for --sweep.
const SWEEP = [
  ...[0.5, 1, 2].map((coordination) => ({ coordination })),
  ...[0.25, 0.5].map((minimumShouldMatch) => ({ minimumShouldMatch })),
  ...[0.5, 1].map((stemWeight) => ({ stemWeight })),
  ...[0.1, 0.6].map((typoWeight) => ({ typoWeight })),
  ...[2, 4].map((partialFrom) => ({ partialFrom })),
  ...[1, 3, 8].map((title) => ({ fieldWeights: [title, 3, 3, 2, 2, 1] })),
  ...[1.2, 2].map((k1) => ({ k1 })),
  ...[0.6, 0.9].map((body) => ({ lengthNormalisation: [0.5, 0.3, 0.3, 0.3, 0.3, body] })),
]

/** Each SWEEP setting's nDCG@10 per collection, beside the current settings'. */
async function sweep(core) {
  const list = collections()
  const current = structuredClone(core.SEARCH_TUNING)
  const row = async (label) => `| ${label} | ${(await measure(core, list)).map(({ precis }) => precis.ndcg.toFixed(3)).join(' | ')} |`
  const lines = [
    `| setting | ${list.map((c) => c.name).join(' | ')} |`,
    `| --- |${list.map(() => ' ---: |').join('')}`,
    await row('current'),
  ]
  for (const change of SWEEP) {
    Object.assign(core.SEARCH_TUNING, structuredClone(current), change)
    lines.push(await row(JSON.stringify(change)))
  }
  Object.assign(core.SEARCH_TUNING, current)
  return lines.join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const core = await searchCore()
  console.log(report(await measure(core)))
  if (process.argv.includes('--sweep')) console.log(`\n${await sweep(core)}`)
}
