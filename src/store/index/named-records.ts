import type { Paper, Summary } from '../../core/model.js'
import type { NamedRecords } from '../store.js'
import type { IndexContents } from './contents.js'
import { citingOf, nameAt, namesStartingWith, PAPER_KEY, referenceCount, referencesOf, SUMMARY_ID, type NameTable } from './names.js'
import { recordsAtPositions } from './record-reader.js'
import { pushAll } from '../../core/lists.js'

/** More records than this for one handle (a short prefix, a paper with many summaries): resolved on the outline instead. */
const MAX_RECORDS = 200

const ascending = (positions: Iterable<number>) => [...positions].sort((a, b) => a - b)

/**
 * The records a handle or a citation key names, found in the index's name table (names.ts) and read
 * whole from where the index says they lie: a few records read, no column decoded. Each record is
 * read once and then handed out as the same object. A record that does not bear the name the table
 * lists it under, or cannot be read, makes the answer null: the caller then uses the outline.
 */
export class IndexedNames implements NamedRecords {
  private readonly papers = new Map<number, Paper>()
  private readonly summaries = new Map<number, Summary>()
  private readonly readAt: ReturnType<typeof recordsAtPositions>

  constructor(
    target: string,
    private readonly contents: IndexContents,
  ) {
    this.readAt = recordsAtPositions(target, contents)
  }

  handle(handle: string): { papers: Paper[]; summaries: Summary[] } | null {
    const wanted = handle.trim().toLowerCase()
    if (wanted === '') return null // names every record
    const table = this.contents.names
    const [first, end] = namesStartingWith(table, wanted)
    if (referenceCount(table, first, end, MAX_RECORDS) > MAX_RECORDS) return null // a short prefix: before listing them all
    const hits = referencesOf(table, first, end)
    if (!this.read(hits) || !this.bear(hits, (name) => name.startsWith(wanted))) return null
    // The papers the hits reach, with every record bearing each one's key: what resolveHandle looks
    // for the paper and the summaries of the paper it names among.
    const reached = new Set(hits.map(([at, kind]) => (kind === PAPER_KEY ? this.papers.get(at)!.key : this.summaries.get(at)!.paper)))
    const records = [...hits]
    for (const key of reached) {
      const named = this.bearing(table, key)
      if (!named) return null
      pushAll(records, named)
    }
    if (records.length > MAX_RECORDS || !this.read(records)) return null
    const papers = new Set(records.flatMap(([at, kind]) => (kind === PAPER_KEY ? [at] : [])))
    const summaries = new Set(records.flatMap(([at, kind]) => (kind === PAPER_KEY ? [] : [at])))
    return {
      papers: ascending(papers).map((at) => this.papers.get(at)!),
      summaries: ascending(summaries).map((at) => this.summaries.get(at)!),
    }
  }

  cited(key: string): Paper | null | undefined {
    const table = this.contents.names
    const name = nameAt(table, key.toLowerCase())
    const at = name < 0 ? -1 : table.entry(name).cited
    if (at === -1) return null
    return this.read([[at, PAPER_KEY]]) ? this.papers.get(at)! : undefined
  }

  citing(key: string): { summary: Summary; paper: Paper }[] | null {
    const table = this.contents.names
    const papers = this.papersWithKey(table, key)
    if (!papers) return null
    if (papers.length === 0) return [] // only a paper of the library is ever cited
    const citing = citingOf(table, nameAt(table, key.toLowerCase()), papers[0]!)
    if (!citing || citing.length > MAX_RECORDS || !this.read(citing.map((at) => [at, SUMMARY_ID]))) return null
    const found: { summary: Summary; paper: Paper }[] = []
    for (const at of citing) {
      const summary = this.summaries.get(at)!
      const own = this.papersWithKey(table, summary.paper)
      if (!own) return null
      // The last paper of that key, as a map of the papers by key holds it.
      if (own.length > 0) found.push({ summary, paper: this.papers.get(own[own.length - 1]!)! })
    }
    return found
  }

  /** The positions of the papers whose key is `key` exactly, in library order; null when they cannot be read. */
  private papersWithKey(table: NameTable, key: string): number[] | null {
    const named = this.bearing(table, key)
    const papers = named?.filter(([, kind]) => kind === PAPER_KEY) ?? null
    if (!papers || !this.read(papers)) return null
    return ascending(papers.map(([at]) => at)).filter((at) => this.papers.get(at)!.key === key)
  }

  /**
   * The papers whose key and the summaries whose paper are `key` ignoring case, read and checked;
   * null when they cannot be. (Every record listed under the name is checked, those bearing it as
   * an id too: a table whose references were moved shows as records not bearing their names.)
   */
  private bearing(table: NameTable, key: string): [number, number][] | null {
    const lower = key.toLowerCase()
    const name = nameAt(table, lower)
    if (name < 0) return null // every key the library holds is among the names
    const named = referencesOf(table, name, name + 1)
    if (named.length > MAX_RECORDS || !this.read(named) || !this.bear(named, (bearing) => bearing === lower)) return null
    return named.filter(([, kind]) => kind !== SUMMARY_ID)
  }

  /** Whether each record (read) bears a name, lower-cased, that passes `fits`, as the table says. */
  private bear(refs: readonly [number, number][], fits: (name: string) => boolean): boolean {
    return refs.every(([at, kind]) => {
      const name =
        kind === PAPER_KEY ? this.papers.get(at)!.key : kind === SUMMARY_ID ? this.summaries.get(at)!.id : this.summaries.get(at)!.paper
      return fits(name.toLowerCase())
    })
  }

  /** Reads the records `refs` name that are not read yet; false when one cannot be. */
  private read(refs: readonly [number, number][]): boolean {
    const papers = new Set<number>()
    const summaries = new Set<number>()
    for (const [at, kind] of refs) {
      if (kind === PAPER_KEY) {
        if (!this.papers.has(at)) papers.add(at)
      } else if (!this.summaries.has(at)) summaries.add(at)
    }
    if (papers.size === 0 && summaries.size === 0) return true
    const found = this.readAt([...papers], [...summaries])
    if (!found) return false
    ;[...papers].forEach((at, i) => this.papers.set(at, found.papers[i]!))
    ;[...summaries].forEach((at, i) => this.summaries.set(at, found.summaries[i]!))
    return true
  }
}
