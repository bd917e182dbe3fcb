// Timing whole processes for the benchmark: wall time, and CPU time (user + system) when
// /usr/bin/time is there, since on a busy machine CPU time varies far less than wall time.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const GNU_TIME = '/usr/bin/time'
const hasGnuTime = existsSync(GNU_TIME)

/** Run `argv` once with stdout discarded; returns { wall, cpu } in milliseconds (cpu null without GNU time). */
export function timeProcess(argv) {
  const command = hasGnuTime ? [GNU_TIME, '-f', '@@time %U %S', ...argv] : argv
  const started = process.hrtime.bigint()
  const result = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  const wall = Number(process.hrtime.bigint() - started) / 1e6
  if (result.error) throw result.error
  const times = /@@time ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '')
  const failed = hasGnuTime ? /Command exited with non-zero status/.test(result.stderr) : result.status !== 0
  if (failed) throw new Error(result.stderr.replace(/@@time.*|Command exited.*/g, '').trim().split('\n').find((l) => /error|precis:/i.test(l)) ?? 'failed')
  return { wall, cpu: times ? (Number(times[1]) + Number(times[2])) * 1000 : null }
}

export function median(values) {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b)
  if (sorted.length === 0) return null
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Time every case `runs` times, interleaved (case 1, case 2, ..., then again) so that a slow
 * moment of the machine spreads over all of them instead of hitting one. Returns, by name,
 * medians, or the error of a case that fails (it is not run again).
 */
export function timeCases(cases, runs) {
  const samples = new Map(cases.map((c) => [c.name, []]))
  const errors = new Map()
  const attempt = (c) => {
    if (errors.has(c.name)) return null
    try {
      return timeProcess(c.argv)
    } catch (error) {
      errors.set(c.name, error.message)
      return null
    }
  }
  for (const c of cases) attempt(c) // warm the file cache and the disk
  for (let run = 0; run < runs; run++) for (const c of cases) samples.get(c.name).push(attempt(c))
  return new Map(
    cases.map((c) => {
      const s = samples.get(c.name).filter(Boolean)
      const error = errors.get(c.name)
      return [c.name, error ? { error } : { wall: median(s.map((t) => t.wall)), cpu: median(s.map((t) => t.cpu)) }]
    }),
  )
}
