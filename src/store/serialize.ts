import type { Library } from '../core/model.js'

function indentRecord(record: unknown): string {
  // String values never hold a raw newline in JSON, so indenting at newlines only touches structure.
  return '    ' + JSON.stringify(record, null, 2).replace(/\n/g, '\n    ')
}

function* recordList(name: string, records: readonly unknown[], last: boolean): Generator<string> {
  yield `  ${JSON.stringify(name)}: [`
  for (let i = 0; i < records.length; i++) yield (i === 0 ? '\n' : ',\n') + indentRecord(records[i])
  yield records.length > 0 ? '\n  ]' : ']'
  yield last ? '\n' : ',\n'
}

/**
 * The library as JSON text, in pieces: the same text as `JSON.stringify(lib, null, 2)` (one field
 * per line, so `git diff` shows what changed) without building one giant string.
 */
export function* serializeLibrary(lib: Library): Generator<string> {
  yield `{\n  "format": ${JSON.stringify(lib.format)},\n  "version": ${JSON.stringify(lib.version)},\n`
  yield* recordList('papers', lib.papers, false)
  yield* recordList('summaries', lib.summaries, false)
  yield* recordList('trash', lib.trash, true)
  yield '}\n'
}
