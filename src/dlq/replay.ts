import { randomUUID } from 'node:crypto'
import type { Kafka, Producer } from 'kafkajs'
import type { Codec } from '../avro/codec.js'
import { SCHEMA_NAMES } from '../avro/schemas.js'
import type { AuditEvent } from '../domain/records.js'
import { TOPICS, dlqTopic } from '../kafka/topics.js'
import { DLQ_HEADERS } from '../pipeline/dlq.js'
import {
  describeFilter,
  matchesFilter,
  replayOrder,
  replayedFrom,
  type DeadLetter,
  type ReplayFilter,
} from './filter.js'
import { readDeadLetters } from './read-dlq.js'

export interface ReplayRequest {
  /** The original topic; dead letters are read from `<topic>.dlq`. */
  readonly topic: string
  readonly filter: ReplayFilter
  readonly dryRun: boolean
  readonly actor: string
  readonly readTimeoutMs?: number
}

export interface ReplaySummary {
  readonly dlqTopic: string
  readonly scanned: number
  readonly matched: number
  readonly replayed: number
  readonly dryRun: boolean
}

/** What a replay is told about each matching dead letter (position, key, error class — never the value). */
export interface ReplayPlanLine {
  readonly partition: number
  readonly offset: string
  readonly key: string | null
  readonly errorClass: string | undefined
  readonly deadLetteredAt: string | undefined
}

export interface ReplayDeps {
  readonly kafka: Kafka
  /** Encodes the audit event (its schema is registered on first use). */
  readonly codec: Codec
  readonly onMatch?: (line: ReplayPlanLine) => void
  readonly now?: () => number
}

const CHUNK = 500

/**
 * Re-publishes matching dead letters of `<topic>.dlq` to `topic` — original key and value bytes, plus
 * `dlq.replayed.from` — in original offset order per partition, waiting for every acknowledgement, and writes
 * one AuditEvent for the run (also when it fails part-way). A dry run only reports and writes nothing.
 */
export async function replayDeadLetters(deps: ReplayDeps, request: ReplayRequest): Promise<ReplaySummary> {
  const dlq = dlqTopic(request.topic)
  const matching: DeadLetter[] = []
  const scanned = await readDeadLetters(
    deps.kafka,
    dlq,
    (letter) => {
      if (matchesFilter(letter, request.filter)) matching.push(letter)
    },
    request.readTimeoutMs,
  )
  const ordered = replayOrder(matching)
  for (const letter of ordered) deps.onMatch?.(planLine(letter))
  if (request.dryRun) return { dlqTopic: dlq, scanned, matched: ordered.length, replayed: 0, dryRun: true }

  const producer = deps.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
  await producer.connect()
  const summary = { dlqTopic: dlq, scanned, matched: ordered.length, replayed: 0, dryRun: false }
  try {
    for (let i = 0; i < ordered.length; i += CHUNK) {
      const chunk = ordered.slice(i, i + CHUNK)
      await producer.send({
        topic: request.topic,
        acks: -1,
        messages: chunk.map((l) => ({ key: l.key, value: l.value, headers: replayedFrom(dlq, l) })),
      })
      summary.replayed += chunk.length
    }
  } catch (err) {
    await writeAudit(producer, deps, request, summary, 'failed').catch(() => undefined)
    await producer.disconnect().catch(() => undefined)
    throw err
  }
  try {
    await writeAudit(producer, deps, request, summary, 'success')
  } finally {
    await producer.disconnect().catch(() => undefined)
  }
  return summary
}

function planLine(letter: DeadLetter): ReplayPlanLine {
  return {
    partition: letter.partition,
    offset: letter.offset,
    key: letter.key?.toString('utf8') ?? null,
    errorClass: letter.headers[DLQ_HEADERS.errorClass],
    deadLetteredAt: letter.headers[DLQ_HEADERS.deadLetteredAt],
  }
}

/** The one audit event of a replay run: who, which DLQ, the filter used and the counts — no record ids. */
export function replayAuditEvent(
  request: ReplayRequest,
  summary: ReplaySummary,
  outcome: 'success' | 'failed',
  now: number,
  auditId: string = randomUUID(),
): AuditEvent {
  return {
    auditId,
    occurredAt: now,
    stage: 'dlq-replay',
    actor: request.actor,
    system: 'kafka',
    action: 'replay',
    resource: summary.dlqTopic,
    recordId: null,
    fields: [],
    outcome,
    httpStatus: null,
    correlationId: null,
    detail: JSON.stringify({
      to: request.topic,
      filter: describeFilter(request.filter),
      scanned: summary.scanned,
      matched: summary.matched,
      replayed: summary.replayed,
    }),
  }
}

async function writeAudit(
  producer: Producer,
  deps: ReplayDeps,
  request: ReplayRequest,
  summary: ReplaySummary,
  outcome: 'success' | 'failed',
): Promise<void> {
  await deps.codec.register(TOPICS.audit, SCHEMA_NAMES.auditEvent)
  const event = replayAuditEvent(request, summary, outcome, (deps.now ?? Date.now)())
  await producer.send({
    topic: TOPICS.audit,
    acks: -1,
    messages: [{ key: null, value: deps.codec.encode(TOPICS.audit, event) }],
  })
}
