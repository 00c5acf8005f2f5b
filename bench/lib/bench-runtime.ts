import type { Codec } from '../../src/avro/codec.js'
import type { Config } from '../../src/config.js'
import type { Publisher } from '../../src/kafka/publisher.js'
import { TOPICS } from '../../src/kafka/topics.js'
import { createLogger } from '../../src/logger.js'
import { launchStage } from '../../src/app.js'
import type { RunningStage } from '../../src/pipeline/run-stage.js'
import type { Stage } from '../../src/pipeline/stage.js'
import type { TargetGuard } from '../../src/pipeline/target-guard.js'
import { startRuntime, type Runtime } from '../../src/runtime.js'

/**
 * The production runtime with the bridge's fixed topics (audit, case events, lookup results) redirected to
 * topics of this benchmark run, so a benchmark never writes into topics other developers' tests read.
 */
export async function startBenchRuntime(config: Config, redirect: Readonly<Record<string, string>>): Promise<Runtime> {
  const runtime = await startRuntime(config, createLogger(config.LOG_LEVEL))
  const to = (topic: string) => redirect[topic] ?? topic
  const publisher: Publisher = { publish: (topic, record) => runtime.publisher.publish(to(topic), record) }
  const codec: Codec = {
    register: (topic, schema) => runtime.codec.register(topic, schema),
    encode: (topic, value) => runtime.codec.encode(topic, value),
    decode: (bytes, expected) => runtime.codec.decode(bytes, expected),
  }
  return { ...runtime, publisher, codec }
}

export const auditRedirect = (auditTopic: string) => ({ [TOPICS.audit]: auditTopic })

/** Runs `stage` like app.ts does, with the in-flight bound and group id of the benchmark. */
export function startStage<Clients>(
  runtime: Runtime,
  stage: Stage<unknown, unknown, Clients>,
  clients: Clients,
  options: { maxInFlight: number; target?: TargetGuard; groupId?: string },
): Promise<RunningStage> {
  return launchStage(runtime, stage, clients, options.target, {
    maxInFlight: options.maxInFlight,
    ...(options.groupId ? { groupId: options.groupId } : {}),
  })
}
