/** One line of the results table. `pass` is null for figures without a bar; `verified` false means FAIL. */
export interface Row {
  readonly scenario: string
  readonly measure: string
  readonly unit: string
  readonly value: number
  readonly baseline?: number
  readonly ratio?: number
  readonly bar?: string
  readonly pass: boolean | null
  readonly verified: boolean
  readonly runs?: readonly number[]
  readonly note?: string
}

export function verdict(row: Row): string {
  if (!row.verified) return 'FAIL (incorrect)'
  if (row.pass === null) return '-'
  return row.pass ? 'PASS' : 'MISS'
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits })

/** The results as a Markdown table (readable in a terminal and pasteable into docs). */
export function table(rows: readonly Row[]): string {
  const head = ['Scenario', 'Measure', 'Bridge', 'Baseline', 'Ratio', 'Bar', 'Result']
  const body = rows.map((r) => [
    r.scenario,
    r.measure,
    `${fmt(r.value, r.value < 10 ? 2 : 0)} ${r.unit}`,
    r.baseline === undefined ? '' : `${fmt(r.baseline, r.baseline < 10 ? 2 : 0)} ${r.unit}`,
    r.ratio === undefined ? '' : fmt(r.ratio, 2),
    r.bar ?? '',
    verdict(r),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)))
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')
}
