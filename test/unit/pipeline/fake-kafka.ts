// A stand-in for kafkajs, just enough for runStage: one topic, partition logs in memory, a consumer that fetches
// from the last resolved offset after each batch (as kafkajs does), pausing a partition, commits, group-join events,
// and an admin answering high watermarks. It records every fetch, pause and commit for assertions.
import type { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs'

export interface Fetch {
  readonly partition: number
  readonly offset: bigint
  readonly at: number
}

const EVENTS = {
  GROUP_JOIN: 'consumer.group_join',
  REBALANCING: 'consumer.rebalancing',
  CRASH: 'consumer.crash',
  STOP: 'consumer.stop',
} as const

export function createFakeKafka(topic: string, partitions: number, options: { batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? 100
  const logs = Array.from({ length: partitions }, (): KafkaMessage[] => [])
  const committed = new Map<number, bigint>()
  const positions = new Map<number, bigint>()
  const commits: { partition: number; offset: bigint; at: number }[] = []
  const fetches: Fetch[] = []
  const listeners = new Map<string, ((e: { payload: unknown }) => void)[]>()
  let assigned = new Set(logs.map((_, p) => p))
  const hooks: { onFetch?: (partition: number, offset: bigint) => void } = {}
  let running = false
  const pausedUntilResumed = new Set<number>()
  const pauses: number[] = []
  let loops: Promise<void>[] = []
  const emit = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l({ payload })
  }
  const tick = () => new Promise((r) => setTimeout(r, 5))

  async function consume(partition: number, eachBatch: (p: EachBatchPayload) => Promise<void>) {
    while (running) {
      const position = positions.get(partition) ?? committed.get(partition) ?? 0n
      const log = logs[partition] as KafkaMessage[]
      const messages = log.slice(Number(position), Number(position) + batchSize)
      if (!assigned.has(partition) || pausedUntilResumed.has(partition) || messages.length === 0) {
        await tick()
        continue
      }
      fetches.push({ partition, offset: position, at: performance.now() })
      hooks.onFetch?.(partition, position)
      let resolved: bigint | undefined
      await eachBatch({
        batch: { topic, partition, messages, highWatermark: String(log.length) },
        resolveOffset: (o: string) => void (resolved = BigInt(o)),
        commitOffsetsIfNecessary: () => {
          if (resolved !== undefined) {
            committed.set(partition, resolved + 1n)
            commits.push({ partition, offset: resolved + 1n, at: performance.now() })
          }
          return Promise.resolve()
        },
        heartbeat: () => Promise.resolve(),
        isRunning: () => running,
        isStale: () => false,
        pause: () => {
          pausedUntilResumed.add(partition)
          pauses.push(partition)
          return () => pausedUntilResumed.delete(partition)
        },
      } as unknown as EachBatchPayload)
      // kafkajs fetches again from the last resolved offset, committed or not
      if (resolved !== undefined) positions.set(partition, resolved + 1n)
    }
  }

  const consumer = {
    events: EVENTS,
    on(event: string, listener: (e: { payload: unknown }) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return () => undefined
    },
    connect: () => Promise.resolve(),
    subscribe: () => Promise.resolve(),
    run(config: { eachBatch: (p: EachBatchPayload) => Promise<void> }) {
      running = true
      emit(EVENTS.GROUP_JOIN, { memberAssignment: { [topic]: [...assigned] } })
      loops = logs.map((_, p) => consume(p, config.eachBatch))
      return Promise.resolve()
    },
    async disconnect() {
      running = false
      await Promise.all(loops)
      emit(EVENTS.STOP, {})
    },
  }

  const kafka = {
    consumer: () => consumer,
    admin: () => ({
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      fetchTopicOffsets: () =>
        Promise.resolve(
          logs.map((log, partition) => ({ partition, offset: String(log.length), high: String(log.length), low: '0' })),
        ),
    }),
  } as unknown as Kafka

  return {
    kafka,
    hooks,
    fetches,
    pauses,
    commits,
    committed,
    produce(partition: number, key: string, value: unknown) {
      const log = logs[partition] as KafkaMessage[]
      log.push({
        key: Buffer.from(key),
        value: Buffer.from(JSON.stringify(value)),
        offset: String(log.length),
        timestamp: String(Date.now()),
        headers: {},
        attributes: 0,
      })
    },
    /** A rebalance: this member now consumes only `partitionsNow`. */
    rebalance(partitionsNow: readonly number[]) {
      assigned = new Set(partitionsNow)
      emit(EVENTS.GROUP_JOIN, { memberAssignment: { [topic]: [...partitionsNow] } })
    },
  }
}
