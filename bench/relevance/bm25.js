// The plain BM25 reference: what a textbook engine does with the same documents, run in the same
// process. Tokens are runs of [a-z0-9] after lowercasing, Lucene's 33 English stop words are
// dropped, the rest go through the Porter2 (Snowball English) stemmer; one field (title and text
// together), k1 = 1.2, b = 0.75, every query term once. The settings of the Cranfield README's
// reference scores.
import stem from 'wink-porter2-stemmer'

const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
)

export function terms(text) {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((word) => !STOP_WORDS.has(word)).map((word) => stem(word))
}

export class Bm25 {
  constructor(docs, { k1 = 1.2, b = 0.75 } = {}) {
    this.k1 = k1
    this.b = b
    this.ids = docs.map((doc) => doc.id)
    this.postings = new Map() // term → [doc index, tf] pairs
    this.lengths = docs.map((doc, index) => {
      const counts = new Map()
      const words = terms(doc.text)
      for (const term of words) counts.set(term, (counts.get(term) ?? 0) + 1)
      for (const [term, tf] of counts) {
        if (!this.postings.has(term)) this.postings.set(term, [])
        this.postings.get(term).push([index, tf])
      }
      return words.length
    })
    this.average = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length)
  }

  /** Document ids by score, best first (documents sharing no term with the query are left out). */
  search(query, limit) {
    const scores = new Map()
    const total = this.ids.length
    for (const term of new Set(terms(query))) {
      const postings = this.postings.get(term) ?? []
      const idf = Math.log(1 + (total - postings.length + 0.5) / (postings.length + 0.5))
      for (const [index, tf] of postings) {
        const norm = 1 - this.b + (this.b * this.lengths[index]) / this.average
        scores.set(index, (scores.get(index) ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + this.k1 * norm))
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, limit)
      .map(([index]) => this.ids[index])
  }
}
