import type { Kafka, Producer } from 'kafkajs'
import { createCodec, type Codec } from './avro/codec.js'
import { SCHEMA_NAMES, loadSchemas, type SchemaSet } from './avro/schemas.js'
import type { Config } from './config.js'
import { errorClass } from './errors.js'
import { createKafka } from './kafka/client.js'
import { createPublisher, type Publisher } from './kafka/publisher.js'
import { TOPICS, bridgeTopics, ensureTopics } from './kafka/topics.js'
import type { Logger } from './logger.js'
import { createMetrics, type Metrics } from './metrics.js'
import { sleep } from './pipeline/backoff.js'
import { createTargetGuard, type TargetGuard } from './pipeline/target-guard.js'
import { startHealthServer } from './observability/health-server.js'
import { createReadiness, type Readiness } from './observability/readiness.js'

/** Which Avro schema each topic carries (registered under `<topic>-value`). */
export const TOPIC_SCHEMAS: Readonly<Record<string, string>> = {
  [TOPICS.caseEvents]: SCHEMA_NAMES.caseEvent,
  [TOPICS.hisLookupResults]: SCHEMA_NAMES.hisLookupResult,
  [TOPICS.riskScores]: SCHEMA_NAMES.riskScore,
  [TOPICS.audit]: SCHEMA_NAMES.auditEvent,
  [TOPICS.cursors]: SCHEMA_NAMES.cursor,
}

/** What every process shares: Kafka, the codec, the producer, metrics, readiness and the health server. */
export interface Runtime {
  readonly config: Config
  readonly logger: Logger
  readonly kafka: Kafka
  readonly producer: Producer
  readonly publisher: Publisher
  readonly codec: Codec
  readonly schemas: SchemaSet
  readonly metrics: Metrics
  readonly readiness: Readiness
  readonly kafkaGuard: TargetGuard
  readonly healthUrl: string
  guard(target: string, ratePerSecond?: number): TargetGuard
  /** Stops the health server and the producer; stages are stopped by their owner first. */
  close(): Promise<void>
}

export async function startRuntime(
  config: Config,
  logger: Logger,
  options: { signal?: AbortSignal; extraTopics?: readonly string[] } = {},
): Promise<Runtime> {
  const metrics = createMetrics()
  const readiness = createReadiness((ready) => metrics.ready.set(ready ? 1 : 0))
  const health = await startHealthServer({
    host: config.HTTP_HOST,
    port: config.HTTP_PORT,
    registry: metrics.registry,
    readiness,
  })
  const schemas = loadSchemas()
  const kafka = createKafka(config, logger)
  const codec = createCodec(schemas, {
    url: config.SCHEMA_REGISTRY_URL,
    username: config.SCHEMA_REGISTRY_USERNAME,
    password: config.SCHEMA_REGISTRY_PASSWORD,
  })
  const backoff = { baseMs: config.RETRY_BASE_MS, maxMs: config.RETRY_MAX_MS }
  const guards = new Map<string, TargetGuard>()
  const guard = (target: string, ratePerSecond?: number): TargetGuard => {
    let g = guards.get(target)
    if (!g) {
      g = createTargetGuard({
        name: target,
        backoff,
        ...(ratePerSecond ? { ratePerSecond } : {}),
        failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD,
        cooldownMs: config.CIRCUIT_COOLDOWN_MS,
        metrics,
        onStateChange: (down) => {
          readiness.set(`target:${target}`, !down, `${target} unavailable`)
          if (down) logger.warn({ target }, 'target unavailable; holding records and retrying')
          else logger.info({ target }, 'target available again')
        },
      })
      guards.set(target, g)
    }
    return g
  }

  readiness.set('kafka', false, 'connecting')
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 5 } })
  await untilDone('connecting to Kafka', logger, options.signal, async () => {
    await producer.connect()
    const admin = kafka.admin()
    await admin.connect()
    try {
      await ensureTopics(
        admin,
        bridgeTopics(
          { partitions: config.TOPIC_PARTITIONS, replicationFactor: config.TOPIC_REPLICATION_FACTOR },
          options.extraTopics,
        ),
      )
    } finally {
      await admin.disconnect()
    }
  })
  producer.on(producer.events.DISCONNECT, () => readiness.set('kafka', false, 'producer disconnected'))
  readiness.set('kafka', true)

  readiness.set('schema-registry', false, 'registering schemas')
  await untilDone('registering schemas', logger, options.signal, async () => {
    for (const [topic, schema] of Object.entries(TOPIC_SCHEMAS)) await codec.register(topic, schema)
  })
  readiness.set('schema-registry', true)

  return {
    config,
    logger,
    kafka,
    producer,
    publisher: createPublisher(producer),
    codec,
    schemas,
    metrics,
    readiness,
    kafkaGuard: guard('kafka'),
    healthUrl: health.url,
    guard,
    async close() {
      await producer.disconnect().catch(() => undefined)
      await health.close()
    },
  }
}

/** Start-up steps wait for Kafka and the registry instead of crashing: a pod started before them just waits. */
async function untilDone(what: string, logger: Logger, signal: AbortSignal | undefined, step: () => Promise<void>) {
  for (let attempt = 1; ; attempt++) {
    try {
      await step()
      return
    } catch (err) {
      if (signal?.aborted) throw err
      const delay = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6))
      logger.warn({ errorClass: errorClass(err), attempt, retryInMs: delay }, `${what} failed; retrying`)
      await sleep(delay, signal)
    }
  }
}
