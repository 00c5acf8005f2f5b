import { randomUUID } from 'node:crypto'
import type { Kafka } from 'kafkajs'
import type { Codec } from '../avro/codec.js'
import { SCHEMA_NAMES } from '../avro/schemas.js'
import type { Cursor } from '../domain/records.js'
import { DeliveryError } from '../errors.js'
import type { Publisher } from '../kafka/publisher.js'
import { TOPICS } from '../kafka/topics.js'

const READ_TIMEOUT_MS = 60_000

/** Where pollers keep their position: the compacted topic primero-bridge.cursors, key = source name. */
export interface CursorStore {
  /** The latest cursor written for `source`, or null when there is none (or it was deleted by a tombstone). */
  read(source: string): Promise<Cursor | null>
  /** Resolves once Kafka acknowledged the write. */
  write(cursor: Cursor): Promise<void>
}

export interface CursorStoreDeps {
  readonly kafka: Kafka
  readonly codec: Codec
  readonly publisher: Publisher
}

/**
 * Reads by consuming the cursors topic from the beginning to its current end with a throw-away group that
 * never commits (the topic is compacted and small), keeping the last value for the key.
 */
export function createCursorStore(deps: CursorStoreDeps): CursorStore {
  return {
    async read(source) {
      const admin = deps.kafka.admin()
      await admin.connect()
      let ends: { partition: number; high: string; low: string }[]
      try {
        ends = await admin.fetchTopicOffsets(TOPICS.cursors)
      } finally {
        await admin.disconnect()
      }
      const pending = new Map(ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high) - 1n]))
      if (pending.size === 0) return null
      const latest: { value: Buffer | null } = { value: null }
      const consumer = deps.kafka.consumer({ groupId: `primero-bridge.cursor-reader.${randomUUID()}` })
      await consumer.connect()
      try {
        await consumer.subscribe({ topic: TOPICS.cursors, fromBeginning: true })
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('timed out reading the cursors topic')), READ_TIMEOUT_MS)
          const done = () => {
            clearTimeout(timer)
            resolve()
          }
          consumer
            .run({
              autoCommit: false,
              eachMessage: async ({ partition, message }) => {
                if (message.key?.toString() === source) latest.value = message.value
                const last = pending.get(partition)
                if (last !== undefined && BigInt(message.offset) >= last) pending.delete(partition)
                if (pending.size === 0) done()
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
      return latest.value === null ? null : deps.codec.decode<Cursor>(latest.value, SCHEMA_NAMES.cursor)
    },
    async write(cursor) {
      const value = deps.codec.encode(TOPICS.cursors, cursor)
      try {
        await deps.publisher.publish(TOPICS.cursors, { key: cursor.source, value })
      } catch (err) {
        throw new DeliveryError('kafka', `writing to ${TOPICS.cursors} failed`, { cause: err, retryable: true })
      }
    },
  }
}
