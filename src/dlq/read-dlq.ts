import { randomUUID } from 'node:crypto'
import type { IHeaders, Kafka } from 'kafkajs'
import { headerText } from '../pipeline/dlq.js'
import type { DeadLetter } from './filter.js'

/**
 * Reads `dlq` from its beginning up to the end offsets taken when called (records dead-lettered meanwhile are
 * left for the next run), with a throw-away consumer group that never commits. Calls `onLetter` in the order
 * records arrive (offset order within a partition).
 */
export async function readDeadLetters(
  kafka: Kafka,
  dlq: string,
  onLetter: (letter: DeadLetter) => void,
  timeoutMs = 60_000,
): Promise<number> {
  const admin = kafka.admin()
  await admin.connect()
  const groupId = `primero-bridge.dlq-replay.${randomUUID()}`
  try {
    const offsets = await admin.fetchTopicOffsets(dlq)
    const ends = new Map(
      offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
    )
    if (ends.size === 0) return 0
    return await readUpTo(kafka, groupId, dlq, ends, onLetter, timeoutMs)
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined)
    await admin.disconnect()
  }
}

async function readUpTo(
  kafka: Kafka,
  groupId: string,
  dlq: string,
  ends: ReadonlyMap<number, bigint>,
  onLetter: (letter: DeadLetter) => void,
  timeoutMs: number,
): Promise<number> {
  let read = 0
  const pending = new Set(ends.keys())
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false })
  await consumer.connect()
  try {
    await consumer.subscribe({ topic: dlq, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${dlq} did not reach its end within ${timeoutMs / 1000} s`)),
        timeoutMs,
      )
      consumer
        .run({
          autoCommit: false,
          eachMessage: ({ partition, message }) => {
            const end = ends.get(partition)
            if (end === undefined || BigInt(message.offset) >= end) return Promise.resolve()
            read++
            onLetter({
              partition,
              offset: message.offset,
              key: message.key,
              value: message.value,
              headers: textHeaders(message.headers),
            })
            if (BigInt(message.offset) + 1n >= end) pending.delete(partition)
            if (pending.size === 0) {
              clearTimeout(timer)
              resolve()
            }
            return Promise.resolve()
          },
        })
        .catch((err: unknown) => {
          clearTimeout(timer)
          reject(err instanceof Error ? err : new Error(String(err)))
        })
    })
  } finally {
    await consumer.disconnect()
  }
  return read
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of Object.keys(headers ?? {})) {
    const text = headerText(headers, name)
    if (text !== undefined) out[name] = text
  }
  return out
}
