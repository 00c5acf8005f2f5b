import { readFileSync } from 'node:fs'

/** Samples VmRSS of `pid` from /proc every `intervalMs`; `mark(phase)` labels later samples. */
export function sampleRss(pid: number, intervalMs = 200) {
  const peaks = new Map<string, number>()
  let phase = 'start'
  const sample = () => {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
      if (kb) peaks.set(phase, Math.max(peaks.get(phase) ?? 0, Number(kb) / 1024))
    } catch {
      // process gone
    }
  }
  const timer = setInterval(sample, intervalMs)
  return {
    mark(next: string) {
      sample()
      phase = next
    },
    stop(): Record<string, number> {
      clearInterval(timer)
      sample()
      return Object.fromEntries(peaks)
    },
  }
}
