import type { IHeaders, KafkaMessage } from 'kafkajs'
import { DecodeError, DeliveryError, errorClass, errorMessage, type BridgeError } from '../errors.js'
import type { AttemptStats } from './target-guard.js'

/**
 * Dead-letter record headers (Kafka Connect's `__connect.errors.*` idea). The value and key are the original
 * bytes, unchanged; headers carry context but never payload text.
 */
export const DLQ_HEADERS = {
  topic: 'dlq.original.topic',
  partition: 'dlq.original.partition',
  offset: 'dlq.original.offset',
  timestamp: 'dlq.original.timestamp',
  stage: 'dlq.stage',
  errorClass: 'dlq.error.class',
  errorCode: 'dlq.error.code',
  errorMessage: 'dlq.error.message',
  httpStatus: 'dlq.http.status',
  attempts: 'dlq.attempts',
  firstFailure: 'dlq.first.failure.at',
  lastFailure: 'dlq.last.failure.at',
  deadLetteredAt: 'dlq.dead.lettered.at',
  replayedFrom: 'dlq.replayed.from',
} as const

export interface DeadLetterContext {
  readonly stage: string
  readonly topic: string
  readonly partition: number
  readonly message: KafkaMessage
  readonly error: unknown
  readonly stats: AttemptStats
  readonly now: number
}

const MAX_MESSAGE = 300

export function deadLetterHeaders(ctx: DeadLetterContext): IHeaders {
  const err = ctx.error
  const status = err instanceof DeliveryError ? err.status : undefined
  const code = (err as Partial<BridgeError> | undefined)?.code
  const reason = err instanceof DecodeError ? ` (${err.reason})` : ''
  const detail = err instanceof DeliveryError && err.detail ? ` — ${err.detail}` : ''
  const headers: IHeaders = {
    [DLQ_HEADERS.topic]: ctx.topic,
    [DLQ_HEADERS.partition]: String(ctx.partition),
    [DLQ_HEADERS.offset]: ctx.message.offset,
    [DLQ_HEADERS.timestamp]: ctx.message.timestamp,
    [DLQ_HEADERS.stage]: ctx.stage,
    [DLQ_HEADERS.errorClass]: errorClass(err),
    [DLQ_HEADERS.errorMessage]: `${errorMessage(err)}${reason}${detail}`.slice(0, MAX_MESSAGE),
    [DLQ_HEADERS.attempts]: String(Math.max(1, ctx.stats.attempts)),
    [DLQ_HEADERS.firstFailure]: new Date(ctx.stats.firstFailureAt ?? ctx.now).toISOString(),
    [DLQ_HEADERS.lastFailure]: new Date(ctx.stats.lastFailureAt ?? ctx.now).toISOString(),
    [DLQ_HEADERS.deadLetteredAt]: new Date(ctx.now).toISOString(),
  }
  if (typeof code === 'string') headers[DLQ_HEADERS.errorCode] = code
  if (status !== undefined) headers[DLQ_HEADERS.httpStatus] = String(status)
  return headers
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name]
  if (v === undefined) return undefined
  const first = Array.isArray(v) ? v[0] : v
  return first === undefined ? undefined : first.toString()
}
