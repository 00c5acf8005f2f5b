import type { Kafka } from 'kafkajs'
import { readToEnd } from '../../src/kafka/read-to-end.js'

export interface TopicRecord {
  readonly key: string | null
  readonly value: Buffer | null
  readonly headers: Record<string, string>
  readonly partition: number
  readonly offset: string
}

/** Every record currently in `topic` of the cluster behind `kafka` (from the beginning to the current end). */
export async function readTopic(kafka: Kafka, topic: string): Promise<TopicRecord[]> {
  const out: TopicRecord[] = []
  await readToEnd(
    kafka,
    topic,
    (partition, message) => {
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v)
      const key = message.key?.toString() ?? null
      out.push({ key, value: message.value, headers, partition, offset: message.offset })
    },
    { groupPrefix: 'test-read' },
  )
  return out
}
