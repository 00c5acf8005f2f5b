import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs'
import { KAFKA_BROKER } from './config.js'

export const benchKafka = new Kafka({ clientId: 'bench', brokers: [KAFKA_BROKER], logLevel: logLevel.NOTHING })

/** Creates `topic` and its `.dlq` with `partitions` partitions. */
export async function createTopics(admin: Admin, topics: readonly string[], partitions: number): Promise<void> {
  await admin.createTopics({
    topics: topics.flatMap((topic) => [
      { topic, numPartitions: partitions },
      { topic: `${topic}.dlq`, numPartitions: partitions },
    ]),
    waitForLeaders: true,
  })
}

/** Deletes benchmark topics (best effort: they are unique per run). */
export async function deleteTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  await admin.deleteTopics({ topics: topics.flatMap((t) => [t, `${t}.dlq`]) }).catch(() => undefined)
}

/** Writes pre-encoded records (acks=all) in order: one batch at a time, so per-key order in the log is `i` order. */
export async function produceAll(
  producer: Producer,
  topic: string,
  count: number,
  record: (i: number) => { key: string; value: Buffer },
  batch = 5000,
): Promise<void> {
  for (let start = 0; start < count; start += batch) {
    const messages = []
    for (let i = start; i < Math.min(count, start + batch); i++) messages.push(record(i))
    await producer.send({ topic, acks: -1, messages })
  }
}

export async function recordCount(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic)
  return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0)
}

export async function committedToEnd(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
  const ends = await admin.fetchTopicOffsets(topic)
  return ends.every((p) => committed?.partitions.find((c) => c.partition === p.partition)?.offset === p.high)
}

/** Reads every record of `topic` (from the beginning to the current end), grouped by partition in offset order. */
export async function readAll(
  admin: Admin,
  topic: string,
): Promise<{ key: string | null; value: Buffer | null; partition: number }[]> {
  const total = await recordCount(admin, topic)
  const byPartition = new Map<number, { key: string | null; value: Buffer | null; partition: number }[]>()
  if (total === 0) return []
  const consumer = benchKafka.consumer({ groupId: `bench-read-${Date.now()}-${Math.random()}` })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  let seen = 0
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: ({ batch }) => {
        const list = byPartition.get(batch.partition) ?? []
        for (const m of batch.messages)
          list.push({ key: m.key?.toString() ?? null, value: m.value, partition: batch.partition })
        byPartition.set(batch.partition, list)
        seen += batch.messages.length
        if (seen >= total) resolve()
        return Promise.resolve()
      },
    })
  })
  await consumer.disconnect()
  return [...byPartition.values()].flat()
}
