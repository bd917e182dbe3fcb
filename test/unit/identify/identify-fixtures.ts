import { readFileSync } from 'node:fs'
import { comparableBody } from '../../../src/core/papers/summary-bodies.js'
import { untitledKey } from '../../../src/core/keys/unidentified.js'
import { readShortScienceDump } from '../../../src/formats/shortscience.js'

const read = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')

/** The five summaries of the real ShortScience page, in page order. */
export const PAGE_SUMMARIES = readShortScienceDump(read('identify/shortscience-page.txt'), 'page').records.map((r) => r.summaries[0]!.body)

/** For each summary: its key after import (`untitled`), its answers, a word its query must hold (answers are chosen by it), and the paper it is about. */
export const IDENTIFY_CASES = [
  { name: 'gilmer', marker: 'molecule', expected: { arxiv: '1704.01212', key: 'gilmer2017neural' } },
  { name: 'neyshabur', marker: 'imagenet', expected: { arxiv: '2008.11687', key: 'neyshabur2020transferred' } },
  { name: 'oh', marker: 'lstm', expected: { arxiv: '2007.08794', key: 'oh2020discovering' } },
  { name: 'clark', marker: 'electra', expected: { arxiv: '2003.10555', key: 'clark2020electra' } },
  { name: 'rasmussen', marker: 'gaussian', expected: { doi: '10.1007/978-3-540-28650-9_4', key: 'rasmussen2004gaussian' } },
].map((c, index) => ({
  ...c,
  summary: PAGE_SUMMARIES[index]!,
  untitled: untitledKey(comparableBody(PAGE_SUMMARIES[index]!)),
  arxivXml: read(`sources/identify/${c.name}.arxiv.xml`),
  crossrefJson: read(`sources/identify/${c.name}.crossref.json`),
}))
