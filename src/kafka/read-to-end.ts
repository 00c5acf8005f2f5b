import { randomUUID } from 'node:crypto'
import type { Kafka, KafkaMessage } from 'kafkajs'

/**
 * Reads `topic` from its beginning up to the end offsets taken when called (records written meanwhile are left
 * out), with a throw-away consumer group that never commits and is deleted afterwards. Calls `onMessage` in
 * offset order within each partition. Resolves with the number of records read.
 */
export async function readToEnd(
  kafka: Kafka,
  topic: string,
  onMessage: (partition: number, message: KafkaMessage) => void,
  options: { groupPrefix: string; timeoutMs?: number },
): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 60_000
  const admin = kafka.admin()
  await admin.connect()
  const groupId = `${options.groupPrefix}.${randomUUID()}`
  try {
    const offsets = await admin.fetchTopicOffsets(topic)
    // the last offset to read per partition (compaction may leave gaps before it, never remove it)
    const last = new Map(offsets.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high) - 1n]))
    if (last.size === 0) return 0
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false })
    await consumer.connect()
    let read = 0
    try {
      await consumer.subscribe({ topic, fromBeginning: true })
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`reading ${topic} did not reach its end within ${timeoutMs / 1000} s`)),
          timeoutMs,
        )
        consumer
          .run({
            autoCommit: false,
            eachMessage: ({ partition, message }) => {
              const end = last.get(partition)
              if (end === undefined || BigInt(message.offset) > end) return Promise.resolve()
              read++
              onMessage(partition, message)
              if (BigInt(message.offset) >= end) last.delete(partition)
              if (last.size === 0) {
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
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined)
    await admin.disconnect()
  }
}
