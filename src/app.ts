import { createClients, type Clients } from './clients/index.js'
import type { Config } from './config.js'
import type { Logger } from './logger.js'
import { runStage, type RunningStage, type StageRunnerOptions } from './pipeline/run-stage.js'
import type { TargetGuard } from './pipeline/target-guard.js'
import type { Stage } from './pipeline/stage.js'
import { startRuntime, type Runtime } from './runtime.js'
import type { RunningSource, Source } from './sources/source.js'

/** A runnable unit: a processor stage (consumes a topic) or a source (publishes into Kafka). */
export type Runnable =
  | {
      readonly kind: 'stage'
      /** The stage, or a factory for stages whose input depends on configuration (e.g. the CDC topic). */
      readonly stage: Stage<unknown, unknown, Clients> | ((c: Config) => Stage<unknown, unknown, Clients>)
      readonly rps?: (c: Config) => number
    }
  | { readonly kind: 'source'; readonly source: Source }

export interface App {
  readonly runtime: Runtime
  readonly clients: Clients
  stop(): Promise<void>
}

/**
 * Starts the runtime and the named runnables in one process (one per Kubernetes Deployment in production,
 * all of them for local runs and the demo). `overrides.clients` lets tests pass fakes.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  runnables: readonly Runnable[],
  overrides: { clients?: (runtime: Runtime) => Clients; signal?: AbortSignal; extraTopics?: readonly string[] } = {},
): Promise<App> {
  const stages = new Map(runnables.flatMap((r) => (r.kind === 'stage' ? [[r, stageOf(r, config)] as const] : [])))
  const inputTopics = [...stages.values()].map((s) => s.input.topic)
  const runtime = await startRuntime(config, logger, {
    ...(overrides.signal ? { signal: overrides.signal } : {}),
    extraTopics: [...new Set([...(overrides.extraTopics ?? []), ...inputTopics])],
  })
  const clients = overrides.clients?.(runtime) ?? createClients(config, logger, runtime.metrics)
  const running: (RunningStage | RunningSource)[] = []
  try {
    for (const r of runnables) {
      if (r.kind === 'source') {
        running.push(await r.source.start({ runtime, clients }))
        continue
      }
      const stage = stages.get(r) as Stage<unknown, unknown, Clients>
      const target =
        stage.destination.kind === 'topic' ? undefined : runtime.guard(stage.destination.target, r.rps?.(config))
      running.push(await launchStage(runtime, stage, clients, target))
    }
  } catch (err) {
    await Promise.allSettled(running.map((r) => r.stop()))
    await runtime.close()
    throw err
  }
  return {
    runtime,
    clients,
    async stop() {
      await Promise.allSettled(running.map((r) => r.stop()))
      await runtime.close()
    },
  }
}

/** The stage a runnable runs (resolving factories that depend on the configuration). */
export function stageOf(r: Extract<Runnable, { kind: 'stage' }>, config: Config): Stage<unknown, unknown, Clients> {
  return typeof r.stage === 'function' ? r.stage(config) : r.stage
}

/** Runs one processor stage on a started runtime, with the runner options taken from the configuration. */
export function launchStage<Clients>(
  runtime: Runtime,
  stage: Stage<unknown, unknown, Clients>,
  clients: Clients,
  target: TargetGuard | undefined,
  overrides: Partial<StageRunnerOptions> = {},
): Promise<RunningStage> {
  const { config } = runtime
  return runStage(
    runtime.kafka,
    {
      stage,
      codec: runtime.codec,
      publisher: runtime.publisher,
      clients,
      target,
      kafka: runtime.kafkaGuard,
      metrics: runtime.metrics,
      logger: runtime.logger.child({ stage: stage.name }),
      readiness: runtime.readiness,
    },
    {
      maxInFlight: stage.destination.kind === 'topic' ? config.TOPIC_STAGE_MAX_IN_FLIGHT : config.STAGE_MAX_IN_FLIGHT,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS,
      shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
      maxBytesPerPartition: config.KAFKA_MAX_BYTES_PER_PARTITION,
      fetchMaxBytes: config.KAFKA_FETCH_MAX_BYTES,
      partitionsConcurrently: config.KAFKA_PARTITIONS_CONCURRENTLY,
      ...overrides,
    },
  )
}
