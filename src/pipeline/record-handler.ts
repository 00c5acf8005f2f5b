import { randomUUID } from 'node:crypto'
import type { KafkaMessage } from 'kafkajs'
import type { Codec } from '../avro/codec.js'
import { DecodeError, DeliveryError, ShutdownError, TransformError, errorClass } from '../errors.js'
import type { Publisher } from '../kafka/publisher.js'
import { TOPICS, dlqTopic } from '../kafka/topics.js'
import type { Logger } from '../logger.js'
import type { Metrics } from '../metrics.js'
import { deadLetterHeaders } from './dlq.js'
import type { AuditNote, RecordMeta, SendContext, Stage } from './stage.js'
import { isRetryable, type AttemptStats, type TargetGuard } from './target-guard.js'

export interface HandlerDeps<Clients> {
  readonly stage: Stage<unknown, unknown, Clients>
  readonly codec: Codec
  readonly publisher: Publisher
  readonly clients: Clients
  /** Outage handling for the stage's HTTP target (absent for topic-to-topic stages). */
  readonly target: TargetGuard | undefined
  /** Outage handling for Kafka writes (outputs, DLQ, audit) and registry look-ups. */
  readonly kafka: TargetGuard
  readonly metrics: Metrics
  readonly logger: Logger
}

/**
 * Takes one record to a durable outcome — delivered, skipped or dead-lettered — or throws ShutdownError when
 * the stage stops first (the record is then not committed and is redelivered).
 */
export function createRecordHandler<Clients>(deps: HandlerDeps<Clients>) {
  const { stage, codec, publisher, metrics } = deps
  const labels = { stage: stage.name }

  const publish = (
    topic: string,
    key: string | null,
    value: Buffer | null,
    headers: Record<string, string> | undefined,
    signal: AbortSignal,
  ) =>
    deps.kafka.run(async () => {
      try {
        await publisher.publish(topic, { key, value, ...(headers ? { headers } : {}) })
      } catch (err) {
        throw new DeliveryError('kafka', `writing to ${topic} failed: ${errorClass(err)}`, {
          cause: err,
          retryable: true,
        })
      }
      metrics.published.inc({ source: stage.name, topic })
    }, signal)

  async function deadLetter(
    meta: RecordMeta,
    message: KafkaMessage,
    error: unknown,
    stats: AttemptStats,
    signal: AbortSignal,
  ) {
    const headers = deadLetterHeaders({
      stage: stage.name,
      topic: meta.topic,
      partition: meta.partition,
      message,
      error,
      stats,
      now: Date.now(),
    })
    const log = deps.logger.child({ topic: meta.topic, partition: meta.partition, offset: meta.offset })
    log.warn({ errorClass: errorClass(error), reason: headers['dlq.error.message'] }, 'record dead-lettered')
    await deps.kafka.run(async () => {
      try {
        await publisher.publish(dlqTopic(meta.topic), {
          key: message.key?.toString() ?? null,
          value: message.value,
          headers,
        })
      } catch (err) {
        metrics.dlqWriteFailures.inc(labels)
        throw new DeliveryError('kafka', `writing to ${dlqTopic(meta.topic)} failed: ${errorClass(err)}`, {
          cause: err,
          retryable: true,
        })
      }
    }, signal)
    metrics.deadLettered.inc({ ...labels, reason: errorClass(error) })
    metrics.recordsProcessed.inc({ ...labels, outcome: 'dead_lettered' })
  }

  function auditRecord(note: AuditNote): Buffer {
    return codec.encode(TOPICS.audit, {
      auditId: randomUUID(),
      occurredAt: Date.now(),
      stage: stage.name,
      actor: note.actor ?? null,
      system: note.system,
      action: note.action,
      resource: note.resource,
      recordId: note.recordId,
      fields: [...note.fields],
      outcome: note.outcome,
      httpStatus: note.httpStatus ?? null,
      correlationId: note.correlationId ?? null,
      detail: null,
    })
  }

  async function flushAudits(notes: AuditNote[], signal: AbortSignal) {
    for (const note of notes.splice(0)) {
      await publish(TOPICS.audit, note.recordId, auditRecord(note), undefined, signal)
      metrics.auditEvents.inc({ stage: stage.name, system: note.system, outcome: note.outcome })
    }
  }

  return async function handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    signal: AbortSignal,
  ): Promise<void> {
    const meta: RecordMeta = {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
      timestamp: Number(message.timestamp),
      now: Date.now(),
    }
    const stats: AttemptStats = { attempts: 0 }
    const audits: AuditNote[] = []
    const ctx: SendContext = {
      meta,
      signal,
      audit: (n) => audits.push(n),
      warn: (field) => metrics.mappingWarnings.inc({ stage: stage.name, field }),
    }
    const fail = (error: unknown) => deadLetter(meta, message, error, stats, signal)

    let record: unknown
    try {
      record =
        message.value === null && stage.input.schema === undefined
          ? null
          : stage.input.format === 'json'
            ? decodeJson(message.value)
            : await deps.kafka.run(() => codec.decode(message.value, stage.input.schema), signal)
    } catch (err) {
      if (err instanceof ShutdownError) throw err
      if (err instanceof DecodeError) metrics.decodeErrors.inc({ ...labels, reason: err.reason })
      return fail(err)
    }

    let out: unknown
    try {
      out = stage.transform(record, meta)
    } catch (err) {
      return fail(
        err instanceof TransformError
          ? err
          : new TransformError(`transform failed: ${errorClass(err)}`, { cause: err }),
      )
    }
    if (out === null || out === undefined) {
      metrics.recordsProcessed.inc({ ...labels, outcome: 'skipped' })
      return
    }

    const dest = stage.destination
    let output: { topic: string; schema: string; key: string | null; value: unknown } | undefined
    if (dest.kind === 'topic') {
      output = { topic: dest.topic, schema: dest.schema, key: dest.key ? dest.key(out, meta) : meta.key, value: out }
    } else {
      const guard = deps.target as TargetGuard
      let response: unknown
      try {
        response = await guard.run(
          () => {
            audits.length = 0 // a retried attempt redoes (idempotently) and re-audits what the failed one did
            return dest.kind === 'http' ? dest.send(deps.clients, out, ctx) : dest.call(deps.clients, out, ctx)
          },
          signal,
          stats,
        )
      } catch (err) {
        if (err instanceof ShutdownError || isRetryable(err)) throw err
        await flushAudits(audits, signal)
        await fail(err)
        if (dest.kind === 'http' && dest.onRejected) {
          await guard
            .run(() => dest.onRejected?.(deps.clients, out, err, ctx) ?? Promise.resolve(), signal)
            .catch((e: unknown) => {
              if (e instanceof ShutdownError) throw e
              deps.logger.warn({ errorClass: errorClass(e) }, 'follow-up after a rejected record failed')
            })
          await flushAudits(audits, signal)
        }
        return
      }
      await flushAudits(audits, signal)
      if (dest.kind === 'enrich') {
        let result: unknown
        try {
          result = dest.result(response, out, meta)
        } catch (err) {
          return fail(new TransformError(`result mapping failed: ${errorClass(err)}`, { cause: err }))
        }
        output = {
          topic: dest.topic,
          schema: dest.schema,
          key: dest.key ? dest.key(result, meta) : meta.key,
          value: result,
        }
      }
    }

    if (output) {
      let bytes: Buffer
      try {
        bytes = codec.encode(output.topic, output.value)
      } catch (err) {
        return fail(new TransformError(`output does not match ${output.schema}: ${errorClass(err)}`, { cause: err }))
      }
      await publish(output.topic, output.key, bytes, undefined, signal)
    }
    metrics.recordsProcessed.inc({ ...labels, outcome: 'delivered' })
  }
}

function decodeJson(bytes: Buffer | null): unknown {
  if (bytes === null) return null
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch (err) {
    throw new DecodeError('corrupt', 'record value is not valid JSON', { cause: err })
  }
}
