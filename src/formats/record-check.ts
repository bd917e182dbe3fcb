/**
 * The door every import format passes: each record's fields checked by the rules every way in
 * shares (src/core/records/field-rules.ts) and put in their stored form, titles, venues and names as text. A record with a field that cannot
 * be stored becomes a problem naming the field (the import refuses it, as it refuses any invalid
 * record); a key or id that cannot name a record is dropped, so the merge makes one.
 */
import { checkPaperFields, checkSummaryFields, describeFieldProblem, isUsableName } from '../core/records/field-rules.js'
import { markupToPlainText } from '../core/text/markup.js'
import type { ImportedPaper, ImportProblem, ImportRecord, ImportResult, ImportedSummary } from '../core/merge/imported-records.js'
import { pushAll } from '../core/lists.js'

/** Titles, venues and names as text: markup other programs wrote into them (`HfO<sub>2</sub>`, `&amp;`) read as what it shows. */
function withPlainText(paper: ImportedPaper): ImportedPaper {
  const venue = paper.venue === null ? null : markupToPlainText(paper.venue)
  return { ...paper, title: markupToPlainText(paper.title), authors: paper.authors.map(markupToPlainText), venue }
}

function checkRecord(record: ImportRecord): ImportRecord | ImportProblem[] {
  const paper = checkPaperFields(withPlainText(record.paper))
  const reasons = paper.problems.map((problem) => describeFieldProblem(problem))
  const summaries: ImportedSummary[] = record.summaries.map((summary) => {
    const checked = checkSummaryFields(summary)
    const named = summary.id === null ? '' : `summary ${JSON.stringify(summary.id)}: `
    for (const problem of checked.problems) reasons.push(named + describeFieldProblem(problem))
    return { ...checked.value, id: checked.value.id !== null && isUsableName(checked.value.id, 'id') ? checked.value.id : null }
  })
  if (reasons.length > 0) return reasons.map((reason) => ({ origin: record.origin, reason }))
  const key = paper.value.key !== null && isUsableName(paper.value.key, 'key') ? paper.value.key : null
  return { ...record, paper: { ...paper.value, key }, summaries }
}

/** `result` with every record checked: the records that can be stored, and problems for the rest. */
export function checkImportResult(result: ImportResult): ImportResult {
  const records: ImportRecord[] = []
  const problems = [...result.problems]
  for (const record of result.records) {
    const checked = checkRecord(record)
    if (Array.isArray(checked)) pushAll(problems, checked)
    else records.push(checked)
  }
  return { records, problems }
}
