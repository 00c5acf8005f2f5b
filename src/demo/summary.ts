/** Pure helpers for the demo's closing summary. */

export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]
}

export function latencyLine(label: string, samples: readonly number[]): string {
  const p50 = percentile(samples, 50)
  const p99 = percentile(samples, 99)
  if (p50 === undefined || p99 === undefined) return `${label}: no samples`
  return `${label}: p50 ${Math.round(p50)} ms, p99 ${Math.round(p99)} ms (${samples.length} samples)`
}

export interface MetricSample {
  readonly labels: Readonly<Record<string, string | number>>
  readonly value: number
}

/** Sums a prom-client JSON metric's samples whose labels match `where`. */
export function sumSamples(values: readonly MetricSample[], where: Readonly<Record<string, string>> = {}): number {
  return values
    .filter((v) => Object.entries(where).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((n, v) => n + v.value, 0)
}

/** Rows of "topic  count", aligned. */
export function table(rows: readonly (readonly [string, number])[]): string[] {
  const width = Math.max(0, ...rows.map(([name]) => name.length))
  return rows.map(([name, n]) => `    ${name.padEnd(width)}  ${n}`)
}
