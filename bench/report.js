// The benchmark's report: one table per library size, rows grouped by floor, each group's floor first.
import { cpus, release, totalmem } from 'node:os'
import { GROUPS, READ_BUDGET } from './cases.js'

/** The budget for peak memory, at every size (it matters at 100k). */
export const PEAK_BUDGET_MB = 2.5 * 1024
/** Peak memory of a read from the index (issue 20), at every size (it matters at 100k). */
export const READ_PEAK_BUDGET_MB = 400

const fmt = (ms) => (ms == null ? '–' : `${Math.round(ms)}`)
const mb = (kib) => (kib == null ? '–' : `${Math.round(kib / 1024)}`)
const ratio = (a, b) => (a == null || b == null ? null : a / b)
const fixed = (r) => (r === null ? '–' : r.toFixed(2))

function row(c, t, floor, start, size) {
  const group = GROUPS[c.group]
  const name = c.floor ? `**${c.name}**` : c.name
  if (t.error)
    return `| ${name} | fails: ${t.error.replaceAll('|', '\\|')} | | ${mb(t.peak)} | ${c.floor ? 'is the floor' : group.floor} | | | | | |`
  const wall = ratio(t.wall, floor?.wall)
  const cpu = ratio(t.cpu, floor?.cpu)
  const fromStart = ratio(t.wall, start?.wall)
  // A warm read is held to its budget against node -e 0 (issue 20); anything else to its group's floor.
  const limit = c.fromStart ? (size >= READ_BUDGET.LARGE ? READ_BUDGET.large : READ_BUDGET.small) : (c.budget ?? group.budget)
  const budget = c.floor || c.reference ? '' : c.fromStart ? `≤ ${limit}× node -e 0` : `≤ ${limit}×`
  const measured = c.fromStart ? fromStart : wall
  const met = budget === '' ? '' : measured === null ? '–' : measured <= limit ? 'yes' : 'no'
  return `| ${name} | ${fmt(t.wall)} | ${fmt(t.cpu)} | ${mb(t.peak)} | ${c.floor ? 'is the floor' : group.floor} | ${fixed(wall)} | ${fixed(cpu)} | ${fixed(fromStart)} | ${budget} | ${met} |`
}

/** The table of one size's results (`results`: by case name, as timeCases returns them). */
export function table(cases, results, size) {
  const floors = new Map(cases.filter((c) => c.floor).map((c) => [c.group, results.get(c.name)]))
  const start = floors.get('start')
  return [
    '| process | wall ms | cpu ms | peak MB | floor | wall / floor | cpu / floor | wall / node -e 0 | budget | met (wall) |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|:---:|',
    ...cases.map((c) => row(c, results.get(c.name), floors.get(c.group), start, size)),
  ].join('\n')
}

/** The highest peak memory of the reads that answer from the index, against their budget. */
export function readPeakLine(cases, results) {
  const reads = cases.filter((c) => c.fromStart).map((c) => [c.name, results.get(c.name)])
  const [name, top] = reads.filter(([, t]) => t.peak != null).sort(([, a], [, b]) => b.peak - a.peak)[0] ?? []
  if (!top) return ''
  const verdict = top.peak / 1024 <= READ_PEAK_BUDGET_MB ? 'within' : 'over'
  return `Peak memory of a read from the index: at most ${mb(top.peak)} MB (${name}), ${verdict} the budget of ${READ_PEAK_BUDGET_MB} MB.`
}

/** The highest peak memory of precis' own processes, against the budget. */
export function peakLine(cases, results) {
  const own = cases.filter((c) => !c.floor && !c.reference).map((c) => [c.name, results.get(c.name)])
  const failed = own.filter(([, t]) => t.error).map(([name]) => name)
  const [name, top] = own.filter(([, t]) => t.peak != null).sort(([, a], [, b]) => b.peak - a.peak)[0] ?? []
  if (!top) return 'Peak memory: not measured (no /usr/bin/time).'
  const verdict = top.peak / 1024 <= PEAK_BUDGET_MB ? 'within' : 'over'
  const failures = failed.length ? ` Failed: ${failed.join(', ')}.` : ''
  return `Peak memory of precis: at most ${mb(top.peak)} MB (${name}), ${verdict} the budget of ${PEAK_BUDGET_MB / 1024} GB.${failures}`
}

export function machine() {
  const cpu = cpus()
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, node ${process.version}`
}
