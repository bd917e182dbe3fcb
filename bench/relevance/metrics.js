// Ranking metrics as trec_eval computes them: nDCG@k with linear gain (the judged grade) and a
// log2 discount, ideal ranking from every judged document; recall@k of the documents judged
// relevant (grade > 0).

/** nDCG@k of `ranked` (document ids, best first) against `judged` (id → grade). */
export function ndcgAt(k, ranked, judged) {
  let dcg = 0
  ranked.slice(0, k).forEach((id, i) => {
    dcg += (judged.get(id) ?? 0) / Math.log2(i + 2)
  })
  const ideal = [...judged.values()]
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
  const idcg = ideal.reduce((sum, grade, i) => sum + grade / Math.log2(i + 2), 0)
  return idcg === 0 ? 0 : dcg / idcg
}

/** Share of the relevant documents found in the first k. */
export function recallAt(k, ranked, judged) {
  const relevant = [...judged].filter(([, grade]) => grade > 0).map(([id]) => id)
  if (relevant.length === 0) return 0
  const top = new Set(ranked.slice(0, k))
  return relevant.filter((id) => top.has(id)).length / relevant.length
}

export const mean = (values) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length)
