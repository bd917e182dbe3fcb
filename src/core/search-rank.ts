/**
 * BM25F (Robertson & Zaragoza): term frequencies of each field, weighted and length-normalised,
 * are added up before saturation, so a word in the title counts like several in the body.
 * Lengths are in characters (free to know, and proportional to words for prose).
 */
import { FIELD_NAMES, type SearchDoc } from './search-docs.js'

/** Field weights, in FIELD_NAMES order: title > authors, tags > venue, ids > body. */
export const FIELD_WEIGHTS: readonly number[] = [5, 3, 3, 2, 2, 1]
// Length normalisation per field: strong for the body, mild for short fields.
const LENGTH_NORMALISATION: readonly number[] = [0.5, 0.3, 0.3, 0.3, 0.3, 0.75]
const K1 = 1.2
/** Occurrences counted per field; more add almost nothing after saturation. */
export const TF_CAP = 10

const FIELD_COUNT = FIELD_NAMES.length

/** Average length of each field over the library. */
export function averageFieldLengths(docs: readonly SearchDoc[]): Float64Array {
  const sums = new Float64Array(FIELD_COUNT)
  for (const doc of docs) for (let f = 0; f < FIELD_COUNT; f++) sums[f]! += doc.fields[f]!.text.length
  return sums.map((sum) => Math.max(1, sum / Math.max(1, docs.length)))
}

/** Inverse document frequency, never negative (BM25+ style: log(1 + ...)). */
export function inverseDocumentFrequency(df: number, total: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5))
}

/**
 * The BM25F score of one term in one document: `tf` holds its per-field counts from `offset`
 * (FIELD_NAMES order), `idf` its inverse document frequency.
 */
export function termScore(doc: SearchDoc, tf: Float64Array, offset: number, idf: number, averages: Float64Array): number {
  let weighted = 0
  for (let f = 0; f < FIELD_COUNT; f++) {
    const count = tf[offset + f]!
    if (count === 0) continue
    const b = LENGTH_NORMALISATION[f]!
    weighted += (FIELD_WEIGHTS[f]! * count) / (1 - b + (b * doc.fields[f]!.text.length) / averages[f]!)
  }
  return (idf * weighted * (K1 + 1)) / (K1 + weighted)
}
