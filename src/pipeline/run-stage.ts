import type { EachBatchPayload, Consumer, Kafka } from 'kafkajs'
import type { Logger } from '../logger.js'
import { ShutdownError, errorClass } from '../errors.js'
import { observeConsumer } from './consumer-observer.js'
import { createHighWatermarks } from './high-watermarks.js'
import { runKeyOrdered } from './key-scheduler.js'
import { OffsetTracker } from './offset-tracker.js'
import { createPartitionLag } from './partition-lag.js'
import { createRecordHandler, type HandlerDeps } from './record-handler.js'
import { createRedeliveryBackoff, DEFAULT_REDELIVERY_POLICY, type RedeliveryPolicy } from './redelivery-backoff.js'
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
  /** Wait before a partition fetches again a record that failed unexpectedly (default 1 s doubling to 60 s). */
  readonly redelivery?: RedeliveryPolicy
  /** How often, at most, the high watermarks of a waiting batch's topic are asked for (lag). Default 10 s. */
  readonly lagRefreshMs?: number
}

export interface RunningStage {
  readonly name: string
  readonly consumer: Consumer
  stop(): Promise<void>
}

/** The consumer group of a stage: `primero-bridge.<stage>`, shared by all its replicas. */
export const stageGroupId = (stage: string): string => `primero-bridge.${stage}`

/**
 * Runs a stage: consumes its input topic in a consumer group `primero-bridge.<stage>`, processes each batch
 * with key-ordered concurrency, and commits an offset only when it and every earlier offset of its partition
 * reached a durable outcome. While a record waits for a target outage, the batch does not return, so its
 * partition fetches nothing more (bounded memory); heartbeats keep the group membership alive meanwhile, and the
 * partition's lag keeps being reported. A record that fails unexpectedly is fetched again after a backoff.
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
  const draining = new AbortController()
  const blocked = new Set<string>()
  const resumeTimers = new Set<NodeJS.Timeout>()
  const resumeLater = (resume: () => void, delayMs: number) => {
    const timer = setTimeout(() => {
      resumeTimers.delete(timer)
      resume()
    }, delayMs)
    resumeTimers.add(timer)
  }
  const lag = createPartitionLag(metrics, stage.name)
  const highWatermarks = createHighWatermarks(kafka, options.lagRefreshMs ?? 10_000)
  const redelivery = createRedeliveryBackoff(readiness, stage.name, options.redelivery ?? DEFAULT_REDELIVERY_POLICY)

  const consumer = kafka.consumer({
    groupId: options.groupId ?? stageGroupId(stage.name),
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    rebalanceTimeout: Math.max(60_000, options.sessionTimeoutMs * 2),
    maxBytesPerPartition: options.maxBytesPerPartition,
    maxBytes: options.fetchMaxBytes,
    maxWaitTimeInMs: 500,
    retry: { retries: 10 },
  })
  observeConsumer(consumer, {
    metrics,
    readiness,
    stage: stage.name,
    log,
    onAssignment: (assignment) => {
      lag.assign(assignment)
      const mine = new Set(Object.entries(assignment).flatMap(([t, ps]) => ps.map((p) => `${t}/${p}`)))
      redelivery.retain((partitionKey) => mine.has(partitionKey))
    },
  })

  const setBlocked = (partitionKey: string, isBlocked: boolean) => {
    if (isBlocked) blocked.add(partitionKey)
    else blocked.delete(partitionKey)
    metrics.pausedPartitions.set(labels, blocked.size)
  }

  async function eachBatch(payload: EachBatchPayload) {
    const { batch } = payload
    const { topic, partition, messages } = batch
    const first = messages[0]
    if (first === undefined) return
    metrics.recordsConsumed.inc({ ...labels, topic }, messages.length)
    const partitionKey = `${topic}/${partition}`
    const tracker = new OffsetTracker(messages.map((m) => m.offset))
    const batchAbort = new AbortController()
    const signal = AbortSignal.any([stopping.signal, batchAbort.signal])
    let resolved: string | null = null
    let unexpectedFailures = 0

    const nextOffset = () => {
      const done = tracker.committable()
      return done === null ? BigInt(first.offset) : BigInt(done) + 1n
    }
    const reportLag = () =>
      lag.update(topic, partition, highWatermarks.latest(topic, partition, batch.highWatermark), nextOffset())
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
        highWatermarks.refresh(topic)
        reportLag()
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
      await runKeyOrdered(
        messages,
        async (m) => {
          const startedAt = performance.now()
          await handle(topic, partition, m, signal)
          metrics.processingDuration.observe(labels, (performance.now() - startedAt) / 1000)
        },
        {
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
          shouldStart: () => !draining.signal.aborted && !signal.aborted && payload.isRunning() && !payload.isStale(),
          onSettled: (m, err) => {
            if (err === undefined) {
              tracker.done(m.offset)
              const age = (Date.now() - Number(m.timestamp)) / 1000
              metrics.eventAge.observe(labels, Math.max(0, age))
            } else if (!(err instanceof ShutdownError)) {
              unexpectedFailures++
              metrics.handlerErrors.inc({ ...labels, reason: errorClass(err) })
              log.error(
                { topic, partition, offset: m.offset, errorClass: errorClass(err) },
                'record handler failed unexpectedly; not committed, fetched again after a backoff',
              )
            }
          },
        },
      )
      await progress()
      if (tracker.complete) redelivery.completed(partitionKey)
      else if (unexpectedFailures > 0) {
        const delayMs = redelivery.failed(partitionKey)
        log.warn(
          { topic, partition, offset: String(nextOffset()), delayMs },
          'pausing the partition before fetching it again',
        )
        // pause only this partition (sleeping here would hold up every partition of the same fetch)
        resumeLater(payload.pause(), delayMs)
      }
    } finally {
      clearInterval(ticker)
      setBlocked(partitionKey, false)
    }
    await progress()
    reportLag()
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
      draining.abort()
      for (const timer of resumeTimers) clearTimeout(timer)
      const grace = setTimeout(() => stopping.abort(new ShutdownError()), options.shutdownGraceMs)
      try {
        await consumer.disconnect()
      } finally {
        clearTimeout(grace)
        await highWatermarks.close()
      }
      log.info('stage stopped')
    },
  }
}
