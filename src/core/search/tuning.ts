/**
 * The numbers that rank search results, in one place: each was chosen with the relevance benchmark
 * (`npm run bench:relevance`, BENCHMARKS.md "Relevance"), which also sweeps them (`-- --sweep`).
 */
export const SEARCH_TUNING = {
  /** What a word that only shares its stem with the query word counts for (the word itself: 1). */
  stemWeight: 0.7,
  /** What a typo correction counts for, against the word as typed. */
  typoWeight: 0.3,
  /** Fewest plain words for entries with only some of them to be listed after those with all. */
  partialFrom: 3,
  /** A partial match's score is multiplied by (words matched / words) to this power. */
  coordination: 0,
  /** Share of the words (rounded up) a partial match must contain; 0: any one. */
  minimumShouldMatch: 0,
  /** Field weights, in FIELD_NAMES order (docs.ts): title, authors, tags, venue, ids, body. */
  fieldWeights: [5, 3, 3, 2, 2, 1] as number[],
  /** Length normalisation per field (BM25's b), in FIELD_NAMES order. */
  lengthNormalisation: [0.5, 0.3, 0.3, 0.3, 0.3, 0.75] as number[],
  /** BM25's k1: how fast more occurrences stop adding to a score. */
  k1: 1.6,
}
