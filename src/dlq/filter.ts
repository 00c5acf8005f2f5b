import { ValidationError } from '../errors.js'
import { DLQ_HEADERS } from '../pipeline/dlq.js'

/** Which dead letters to replay; every given condition must hold. Times are epoch ms, both ends inclusive. */
export interface ReplayFilter {
  readonly key?: string
  readonly from?: number
  readonly to?: number
  readonly errorClass?: string
}

/** A dead letter as read from `<topic>.dlq`: position, original key/value bytes, headers as text. */
export interface DeadLetter {
  readonly partition: number
  readonly offset: string
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers: Readonly<Record<string, string>>
}

/** Builds a filter from command-line text; a bad time or an empty range is a ValidationError. */
export function parseReplayFilter(input: {
  key?: string | undefined
  from?: string | undefined
  to?: string | undefined
  errorClass?: string | undefined
}): ReplayFilter {
  const time = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined
    const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN
    if (Number.isNaN(ms)) throw new ValidationError(`--${name} must be an ISO-8601 time such as 2026-01-31T08:00:00Z`)
    return ms
  }
  const from = time('from', input.from)
  const to = time('to', input.to)
  if (from !== undefined && to !== undefined && from > to) throw new ValidationError('--from must not be after --to')
  return {
    ...(input.key !== undefined ? { key: input.key } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(input.errorClass !== undefined ? { errorClass: input.errorClass } : {}),
  }
}

export function matchesFilter(letter: Pick<DeadLetter, 'key' | 'headers'>, filter: ReplayFilter): boolean {
  if (filter.key !== undefined && letter.key?.toString('utf8') !== filter.key) return false
  if (filter.errorClass !== undefined && letter.headers[DLQ_HEADERS.errorClass] !== filter.errorClass) return false
  if (filter.from !== undefined || filter.to !== undefined) {
    const at = Date.parse(letter.headers[DLQ_HEADERS.deadLetteredAt] ?? '')
    if (Number.isNaN(at)) return false
    if (filter.from !== undefined && at < filter.from) return false
    if (filter.to !== undefined && at > filter.to) return false
  }
  return true
}

/** Original offset order per partition (which keeps per-key order: a key lives in one partition). */
export function replayOrder<T extends Pick<DeadLetter, 'partition' | 'offset'>>(letters: readonly T[]): T[] {
  return [...letters].sort((a, b) => a.partition - b.partition || compareOffsets(a.offset, b.offset))
}

function compareOffsets(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b)
  return d < 0n ? -1 : d > 0n ? 1 : 0
}

/** `dlq.replayed.from=<dlq topic>/<partition>/<offset>` on every replayed record. */
export function replayedFrom(dlq: string, letter: Pick<DeadLetter, 'partition' | 'offset'>): Record<string, string> {
  return { [DLQ_HEADERS.replayedFrom]: `${dlq}/${letter.partition}/${letter.offset}` }
}

/** The filter as audit text: which conditions were used, never the key itself (a record id). */
export function describeFilter(filter: ReplayFilter): Record<string, string | boolean> {
  return {
    key: filter.key !== undefined,
    ...(filter.from !== undefined ? { from: new Date(filter.from).toISOString() } : {}),
    ...(filter.to !== undefined ? { to: new Date(filter.to).toISOString() } : {}),
    ...(filter.errorClass !== undefined ? { errorClass: filter.errorClass } : {}),
  }
}
