// The test collections of the relevance benchmark, each as a precis library (built as the store
// holds one: a paper and its summary per document) and as plain documents for the BM25 reference.
import { readFileSync } from 'node:fs'

const data = (path) => new URL(`data/${path}`, import.meta.url)
const lines = (path) =>
  readFileSync(data(path), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
const jsonLines = (path) => lines(path).map((line) => JSON.parse(line))
const STAMP = '2024-01-01T00:00:00.000Z'

/** A library with one summarised paper per document: title → paper title, text → summary body. */
function libraryOf(documents) {
  const papers = documents.map(({ key, title }) => ({
    key,
    title,
    authors: [],
    year: null,
    venue: null,
    arxiv: null,
    doi: null,
    url: null,
    abstract: null,
    added: STAMP,
  }))
  const summaries = documents.map(({ key, text }) => ({
    id: key,
    paper: key,
    by: '',
    body: text,
    tags: [],
    created: STAMP,
    updated: STAMP,
  }))
  return { format: 'precis-library', version: 2, papers, summaries, trash: [] }
}

function cranfieldJudgements() {
  const judged = new Map()
  for (const line of lines('cranfield/qrels-test.tsv').slice(1)) {
    const [query, doc, grade] = line.split('\t')
    if (!judged.has(query)) judged.set(query, new Map())
    judged.get(query).set(`cran${doc}`, Number(grade))
  }
  return judged
}

function cranfieldDocuments() {
  return jsonLines('cranfield/corpus.jsonl').map((doc) => ({ key: `cran${doc._id}`, title: doc.title, text: doc.text }))
}

/** Cranfield: 1,400 aeronautics abstracts, 225 questions written as sentences, graded judgements. */
function cranfield(documents, judged) {
  const queries = jsonLines('cranfield/queries.jsonl').map((q) => ({ id: q._id, text: q.text, judged: judged.get(q._id) }))
  return { name: 'Cranfield (questions pasted whole)', natural: true, documents, queries }
}

/**
 * Cranfield again with each text's repetition of its title taken out, so that title and text are
 * apart as in a paper's record (title, abstract): how much the title weighs shows here.
 */
function cranfieldTitleApart(documents, judged) {
  const apart = documents.map((doc) => ({
    ...doc,
    text: doc.text.startsWith(doc.title) ? doc.text.slice(doc.title.length).trim() : doc.text,
  }))
  return { ...cranfield(apart, judged), name: 'Cranfield, title apart (pasted)' }
}

/** Cranfield's documents and judgements, with keyword queries written for its first 40 questions. */
function cranfieldKeywords(documents, judged) {
  const queries = lines('keywords/cranfield-keywords.tsv')
    .slice(1)
    .map((line) => {
      const [id, text] = line.split('\t')
      return { id, text, judged: judged.get(id) }
    })
  return { name: 'Cranfield (keyword queries)', natural: false, documents, queries }
}

/** The search test library (60 entries) with the keyword queries of its relevance tests. */
function fixtureKeywords() {
  const library = JSON.parse(readFileSync(new URL('../../test/fixtures/search/library.json', import.meta.url), 'utf8'))
  const papers = new Map(library.papers.map((paper) => [paper.key, paper]))
  const summarised = new Set(library.summaries.map((summary) => summary.paper))
  const documents = [
    ...library.summaries.map((s) => ({ key: s.id, title: papers.get(s.paper).title, text: s.body })),
    ...library.papers.filter((p) => !summarised.has(p.key)).map((p) => ({ key: p.key, title: p.title, text: p.abstract ?? '' })),
  ]
  const queries = lines('keywords/fixture-keywords.tsv')
    .slice(1)
    .map((line, index) => {
      const [text, relevant] = line.split('\t')
      return { id: String(index + 1), text, judged: new Map(relevant.split(',').map((id) => [id, 1])) }
    })
  return { name: 'Search fixture (keyword queries)', natural: false, documents, library, queries }
}

export function collections() {
  const documents = cranfieldDocuments()
  const judged = cranfieldJudgements()
  return [
    cranfield(documents, judged),
    cranfieldTitleApart(documents, judged),
    cranfieldKeywords(documents, judged),
    fixtureKeywords(),
  ].map((collection) => ({
    library: libraryOf(collection.documents),
    ...collection,
  }))
}
