import type { IHeaders, Producer } from 'kafkajs'

export interface OutgoingRecord {
  readonly key: string | null
  readonly value: Buffer | null
  readonly headers?: IHeaders
}

/**
 * Publishes records with acks from all in-sync replicas. Concurrent calls within `lingerMs` are sent as one
 * batch; each caller's promise resolves only when its own record is acknowledged (or rejects with the error).
 */
export interface Publisher {
  publish(topic: string, record: OutgoingRecord): Promise<void>
}

export function createPublisher(producer: Producer, options: { lingerMs?: number; maxBatch?: number } = {}): Publisher {
  const lingerMs = options.lingerMs ?? 2
  const maxBatch = options.maxBatch ?? 500
  let pending: { topic: string; record: OutgoingRecord; resolve: () => void; reject: (e: unknown) => void }[] = []
  let timer: NodeJS.Timeout | undefined

  function flush() {
    timer = undefined
    const batch = pending
    pending = []
    if (batch.length === 0) return
    const byTopic = new Map<string, OutgoingRecord[]>()
    for (const p of batch) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.record])
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
        if (pending.length >= maxBatch) {
          clearTimeout(timer)
          flush()
        } else {
          timer ??= setTimeout(flush, lingerMs)
        }
      })
    },
  }
}
