import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/** Whether process `pid` catches SIGINT now (its SigCgt mask in /proc), or null once it is gone. */
function catchesSigint(pid: number): boolean | null {
  try {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!
    return (BigInt(`0x${mask}`) & (1n << 1n)) !== 0n // SIGINT is signal 2: bit 1
  } catch {
    return null
  }
}

/** What `signalAtDefault` saw of the child's handlers. */
export interface SignalWatch {
  /** precis's handlers were installed. */
  seenHandler: boolean
  /** Then stood aside (the signals' default action, as during a long parse): the signal was sent then. */
  seenDefault: boolean
}

/**
 * For precisOn's onSpawn: once the child has installed its signal handlers and then stood them
 * aside, send it `signal`; SIGKILL if that never happens. Polled by count, not by time: the states
 * decide.
 */
export function signalAtDefault(signal: NodeJS.Signals): { watch: SignalWatch; onSpawn: (child: ChildProcess) => void } {
  const watch: SignalWatch = { seenHandler: false, seenDefault: false }
  const onSpawn = (child: ChildProcess) => {
    void (async () => {
      for (let poll = 0; poll < 20_000 && child.exitCode === null; poll++) {
        const catches = catchesSigint(child.pid!)
        watch.seenHandler ||= catches === true
        if (catches === false && watch.seenHandler) {
          watch.seenDefault = true
          child.kill(signal)
          return
        }
        await sleep(5)
      }
      child.kill('SIGKILL')
    })()
  }
  return { watch, onSpawn }
}
