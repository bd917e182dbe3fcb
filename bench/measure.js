// Timing whole processes for the benchmark: wall time, and CPU time (user + system) and peak memory
// (maximum resident set) when /usr/bin/time is there, since on a busy machine CPU time varies far
// less than wall time.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const GNU_TIME = '/usr/bin/time'
const hasGnuTime = existsSync(GNU_TIME)

/**
 * Run `argv` once with stdout discarded; returns { wall, cpu, peak }: milliseconds, and the peak
 * resident memory in KiB (cpu and peak null without GNU time). A failure throws an Error saying
 * why, with the process's `peak` (running out of memory is a likely failure at 100k).
 */
export function timeProcess(argv) {
  const command = hasGnuTime ? [GNU_TIME, '-f', '@@time %U %S %M', ...argv] : argv
  const started = process.hrtime.bigint()
  // stderr is kept for the error and GNU time's line; a big maxBuffer, since a child whose stderr
  // outgrows it is killed (an import of 100k files may report a lot).
  const result = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
  const wall = Number(process.hrtime.bigint() - started) / 1e6
  if (result.error) throw result.error
  const times = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? '')
  const peak = times ? Number(times[3]) : null
  const failed = hasGnuTime ? /Command (exited with non-zero status|terminated by signal)/.test(result.stderr) : result.status !== 0
  if (failed) throw Object.assign(new Error(failure(result.stderr)), { peak })
  return { wall, cpu: times ? (Number(times[1]) + Number(times[2])) * 1000 : null, peak }
}

/** The line of a failed process's stderr that says why: its error, else how GNU time saw it end. */
function failure(stderr) {
  const lines = stderr.split('\n').filter((line) => line && !line.startsWith('@@time'))
  return lines.find((l) => /error|precis:/i.test(l)) ?? lines.find((l) => /^Command /.test(l)) ?? 'failed'
}

export function median(values) {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b)
  if (sorted.length === 0) return null
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * One timed run of a case. A case that changes files has `fresh()`, which prepares its own copy of
 * the files outside the timed interval and returns { argv, cleanup }.
 */
function runCase(c) {
  const { argv, cleanup } = c.fresh ? c.fresh() : { argv: c.argv }
  try {
    return timeProcess(argv)
  } finally {
    cleanup?.()
  }
}

/**
 * Time every case `runs` times, interleaved (case 1, case 2, ..., then again) so that a slow
 * moment of the machine spreads over all of them instead of hitting one. Returns, by name,
 * medians of wall and CPU time and the highest peak memory, or { error, peak } of a case that
 * fails (it is not run again). `warmUp`: run each case once, untimed, first.
 */
export function timeCases(cases, runs, { warmUp = true } = {}) {
  const samples = new Map(cases.map((c) => [c.name, []]))
  const errors = new Map()
  const attempt = (c) => {
    if (errors.has(c.name)) return null
    try {
      return runCase(c)
    } catch (error) {
      errors.set(c.name, { error: error.message, peak: error.peak ?? null })
      return null
    }
  }
  if (warmUp) for (const c of cases) attempt(c) // warm the file cache and the disk
  for (let run = 0; run < runs; run++) for (const c of cases) samples.get(c.name).push(attempt(c))
  return new Map(
    cases.map((c) => {
      const s = samples.get(c.name).filter(Boolean)
      const error = errors.get(c.name)
      const peaks = s.map((t) => t.peak).filter((p) => p !== null)
      return [
        c.name,
        error ?? { wall: median(s.map((t) => t.wall)), cpu: median(s.map((t) => t.cpu)), peak: peaks.length ? Math.max(...peaks) : null },
      ]
    }),
  )
}
