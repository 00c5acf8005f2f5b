import type { Kafka } from 'kafkajs'
import type { Codec } from '../avro/codec.js'
import { SCHEMA_NAMES } from '../avro/schemas.js'
import type { Cursor } from '../domain/records.js'
import { DeliveryError } from '../errors.js'
import type { Publisher } from '../kafka/publisher.js'
import { readToEnd } from '../kafka/read-to-end.js'
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
      const latest: { value: Buffer | null } = { value: null }
      await readToEnd(
        deps.kafka,
        TOPICS.cursors,
        (_partition, message) => {
          if (message.key?.toString() === source) latest.value = message.value
        },
        { groupPrefix: 'primero-bridge.cursor-reader', timeoutMs: READ_TIMEOUT_MS },
      )
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
