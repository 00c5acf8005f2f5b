import type { Admin, Kafka } from 'kafkajs'

/**
 * Fresh high watermarks for lag while a batch waits: a held-back batch keeps the high watermark it was fetched
 * with, but records keep arriving, and the lag must grow with them (that is when the lag alert has to fire).
 * `refresh` asks Kafka at most every `minIntervalMs` per topic, in the background, one request at a time;
 * failures (Kafka down) keep the last known values.
 */
export interface HighWatermarks {
  /** The newest high watermark known for a partition: the batch's, or a fresher one fetched since. */
  latest(topic: string, partition: number, batchHighWatermark: string): bigint
  refresh(topic: string): void
  close(): Promise<void>
}

export function createHighWatermarks(kafka: Pick<Kafka, 'admin'>, minIntervalMs: number): HighWatermarks {
  const known = new Map<string, bigint>()
  const lastAsked = new Map<string, number>()
  let admin: Promise<Admin> | undefined
  let inFlight = false
  let closed = false
  const connected = () => {
    admin ??= (async () => {
      const a = kafka.admin()
      await a.connect()
      return a
    })()
    admin.catch(() => (admin = undefined))
    return admin
  }
  return {
    latest(topic, partition, batchHighWatermark) {
      const fetched = known.get(`${topic}/${partition}`) ?? -1n
      const batch = BigInt(batchHighWatermark)
      return fetched > batch ? fetched : batch
    },
    refresh(topic) {
      const now = Date.now()
      if (closed || inFlight || now - (lastAsked.get(topic) ?? 0) < minIntervalMs) return
      lastAsked.set(topic, now)
      inFlight = true
      void connected()
        .then((a) => a.fetchTopicOffsets(topic))
        .then((offsets) => {
          for (const p of offsets) known.set(`${topic}/${p.partition}`, BigInt(p.high))
        })
        .catch(() => undefined)
        .finally(() => (inFlight = false))
    },
    async close() {
      closed = true
      const a = await admin?.catch(() => undefined)
      await a?.disconnect().catch(() => undefined)
    },
  }
}
