import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs'
import type { Logger } from '../logger.js'
import type { Metrics } from '../metrics.js'
import { ShutdownError, errorClass } from '../errors.js'
import { runKeyOrdered } from './key-scheduler.js'
import { OffsetTracker } from './offset-tracker.js'
import { createRecordHandler, type HandlerDeps } from './record-handler.js'
import { createSemaphore } from './semaphore.js'
import type { Readiness } from '../observability/readiness.js'

export interface StageRunnerOptions {
  readonly maxInFlight: number
  readonly sessionTimeoutMs: number
  readonly heartbeatIntervalMs: number
  /** How long in-flight records may finish after stop() before they are abandoned (not committed). */
  readonly shutdownGraceMs: number
  readonly maxBytesPerPartition: number
  readonly fetchMaxBytes: number
  readonly partitionsConcurrently: number
  readonly groupId?: string
}

export interface RunningStage {
  readonly name: string
  readonly consumer: Consumer
  stop(): Promise<void>
}

/**
 * Runs a stage: consumes its input topic in a consumer group `primero-bridge.<stage>`, processes each batch
 * with key-ordered concurrency, and commits an offset only when it and every earlier offset of its partition
 * reached a durable outcome. While a record waits for a target outage, the batch does not return, so its
 * partition fetches nothing more (bounded memory); heartbeats keep the group membership alive meanwhile.
 */
export async function runStage<Clients>(
  kafka: Kafka,
  deps: HandlerDeps<Clients> & { readonly readiness: Readiness },
  options: StageRunnerOptions,
): Promise<RunningStage> {
  const { stage, metrics, readiness } = deps
  const log: Logger = deps.logger
  const labels = { stage: stage.name }
  const handle = createRecordHandler(deps)
  const semaphore = createSemaphore(options.maxInFlight)
  const stopping = new AbortController()
  let draining = false
  const blocked = new Set<string>()

  const consumer = kafka.consumer({
    groupId: options.groupId ?? `primero-bridge.${stage.name}`,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    rebalanceTimeout: Math.max(60_000, options.sessionTimeoutMs * 2),
    maxBytesPerPartition: options.maxBytesPerPartition,
    maxBytes: options.fetchMaxBytes,
    maxWaitTimeInMs: 500,
    retry: { retries: 10 },
  })
  observeConsumer(consumer, metrics, readiness, stage.name, log)

  const setBlocked = (partitionKey: string, isBlocked: boolean) => {
    if (isBlocked) blocked.add(partitionKey)
    else blocked.delete(partitionKey)
    metrics.pausedPartitions.set(labels, blocked.size)
  }

  async function eachBatch(payload: EachBatchPayload) {
    const { batch } = payload
    const { topic, partition, messages } = batch
    if (messages.length === 0) return
    metrics.recordsConsumed.inc({ ...labels, topic }, messages.length)
    const partitionKey = `${topic}/${partition}`
    const tracker = new OffsetTracker(messages.map((m) => m.offset))
    const batchAbort = new AbortController()
    const signal = AbortSignal.any([stopping.signal, batchAbort.signal])
    let resolved: string | null = null

    const progress = async () => {
      const done = tracker.committable()
      if (done !== null && done !== resolved) {
        payload.resolveOffset(done)
        resolved = done
        await payload.commitOffsetsIfNecessary()
      }
    }
    const ticker = setInterval(
      () => {
        const anyTargetDown = deps.target?.down === true || deps.kafka.down
        setBlocked(partitionKey, anyTargetDown && !tracker.complete)
        payload
          .heartbeat()
          .then(progress)
          .catch((err: unknown) => {
            log.warn(
              { topic, partition, errorClass: errorClass(err) },
              'heartbeat failed; abandoning the rest of the batch',
            )
            batchAbort.abort(new ShutdownError())
          })
      },
      Math.max(200, Math.floor(options.heartbeatIntervalMs / 2)),
    )

    try {
      await runKeyOrdered(messages, (m) => handle(topic, partition, m, signal), {
        semaphore: {
          acquire: () => semaphore.acquire().then(() => metrics.inFlight.set(labels, semaphore.inUse)),
          release: () => {
            semaphore.release()
            metrics.inFlight.set(labels, semaphore.inUse)
          },
          get inUse() {
            return semaphore.inUse
          },
        },
        shouldStart: () => !draining && !signal.aborted && payload.isRunning() && !payload.isStale(),
        onSettled: (m, err) => {
          if (err === undefined) {
            tracker.done(m.offset)
            const age = (Date.now() - Number(m.timestamp)) / 1000
            metrics.eventAge.observe(labels, Math.max(0, age))
          } else if (!(err instanceof ShutdownError)) {
            log.error(
              { topic, partition, offset: m.offset, errorClass: errorClass(err) },
              'record handler failed unexpectedly',
            )
          }
        },
      })
    } finally {
      clearInterval(ticker)
      setBlocked(partitionKey, false)
    }
    await progress()
    const next = tracker.committable()
    const lag = Number(batch.highWatermark) - Number(next === null ? messages[0]?.offset : BigInt(next) + 1n)
    metrics.consumerLag.set({ ...labels, topic, partition: String(partition) }, Math.max(0, lag))
  }

  await consumer.connect()
  await consumer.subscribe({ topic: stage.input.topic, fromBeginning: true })
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 1000,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConcurrently,
    eachBatch,
  })
  log.info({ topic: stage.input.topic }, 'stage started')

  return {
    name: stage.name,
    consumer,
    async stop() {
      draining = true
      const grace = setTimeout(() => stopping.abort(new ShutdownError()), options.shutdownGraceMs)
      try {
        await consumer.disconnect()
      } finally {
        clearTimeout(grace)
      }
      log.info('stage stopped')
    },
  }
}

function observeConsumer(consumer: Consumer, metrics: Metrics, readiness: Readiness, stage: string, log: Logger) {
  const key = `consumer:${stage}`
  readiness.set(key, false, 'not joined')
  consumer.on(consumer.events.GROUP_JOIN, () => {
    readiness.set(key, true)
    metrics.rebalances.inc({ stage })
  })
  consumer.on(consumer.events.REBALANCING, () => log.info('consumer group rebalancing'))
  consumer.on(consumer.events.CRASH, (e) => {
    metrics.consumerCrashes.inc({ stage })
    const restart = e.payload.restart
    readiness.set(key, false, restart ? 'consumer restarting after a crash' : 'consumer crashed')
    log.error({ errorClass: errorClass(e.payload.error), restart }, 'consumer crashed')
  })
  consumer.on(consumer.events.STOP, () => readiness.set(key, false, 'stopped'))
}
