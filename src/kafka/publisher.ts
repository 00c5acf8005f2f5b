import type { IHeaders, Producer } from 'kafkajs'

export interface OutgoingRecord {
  readonly key: string | null
  readonly value: Buffer | null
  readonly headers?: IHeaders
}

/**
 * Publishes records with acks from all in-sync replicas. The calls made in the same event-loop turn (up to
 * `maxBatch`) are sent as one batch; each caller's promise resolves only when its own record is acknowledged
 * (or rejects with the error). Order within a batch is the order of the calls.
 */
export interface Publisher {
  publish(topic: string, record: OutgoingRecord): Promise<void>
}

interface Pending {
  readonly topic: string
  readonly record: OutgoingRecord
  readonly resolve: () => void
  readonly reject: (e: unknown) => void
}

export function createPublisher(producer: Producer, options: { maxBatch?: number } = {}): Publisher {
  const maxBatch = options.maxBatch ?? 500
  let pending: Pending[] = []
  let scheduled: NodeJS.Immediate | undefined

  function flush() {
    if (scheduled !== undefined) clearImmediate(scheduled)
    scheduled = undefined
    const batch = pending
    pending = []
    if (batch.length === 0) return
    const byTopic = new Map<string, OutgoingRecord[]>()
    for (const p of batch) {
      const records = byTopic.get(p.topic)
      if (records) records.push(p.record)
      else byTopic.set(p.topic, [p.record])
    }
    producer
      .sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({
          topic,
          messages: messages.map((m) => ({ key: m.key, value: m.value, ...(m.headers ? { headers: m.headers } : {}) })),
        })),
      })
      .then(
        () => {
          for (const p of batch) p.resolve()
        },
        (err: unknown) => {
          for (const p of batch) p.reject(err)
        },
      )
  }

  return {
    publish(topic, record) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ topic, record, resolve, reject })
        if (pending.length >= maxBatch) flush()
        else scheduled ??= setImmediate(flush)
      })
    },
  }
}
