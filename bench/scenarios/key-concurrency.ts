import { SCHEMA_NAMES } from '../../src/avro/schemas.js'
import { metricsObserver } from '../../src/clients/index.js'
import { auditRedirect, startBenchRuntime, startStage } from '../lib/bench-runtime.js'
import { benchConfig, benchName } from '../lib/config.js'
import type { BenchContext } from '../lib/context.js'
import { createTopics, produceAll } from '../lib/kafka.js'
import { arrivalRate, checkDelivery } from '../lib/order.js'
import type { Row } from '../lib/report.js'
import { benchCaseEvent, keyOf, seqOf, sinkClients, sinkStage } from '../lib/sink-stage.js'
import { median } from '../lib/stats.js'
import { startRemoteTarget, type RemoteTarget } from '../lib/target-client.js'
import type { Runtime } from '../../src/runtime.js'
import { waitUntilCount } from './sink.js'

const KEYS = 1_000
const LATENCY_MS = 50
const IN_FLIGHT = 64
const IDEAL = IN_FLIGHT / (LATENCY_MS / 1000)

/** Scenario 3: one partition, 1,000 keys, 50 ms target: key-level concurrency vs partition-sequential. */
export async function keyConcurrencyScenario(ctx: BenchContext): Promise<Row[]> {
  const count = ctx.quick ? 5_000 : 10_000
  const sequentialCount = ctx.quick ? 60 : 200
  const auditTopic = benchName('audit')
  await createTopics(ctx.admin, [auditTopic], 1)
  ctx.topics.push(auditTopic)
  const runtime = await startBenchRuntime(benchConfig(), auditRedirect(auditTopic))
  const target = await startRemoteTarget(LATENCY_MS)
  const rates: number[] = []
  const sequential: number[] = []
  const notes: string[] = []
  let verified = true
  try {
    for (let run = 0; run < ctx.repeats; run++) {
      const parallel = await runOnce(ctx, runtime, target, count, IN_FLIGHT)
      rates.push(parallel.rate)
      const seq = run === 0 ? await runOnce(ctx, runtime, target, sequentialCount, 1) : undefined
      if (seq) sequential.push(seq.rate)
      const ok = parallel.ok && (seq?.ok ?? true)
      if (!ok) notes.push(`run ${run}: ${parallel.detail} / ${seq?.detail ?? ''}`)
      verified &&= ok
      ctx.log(
        `  keys run ${run + 1}: in-flight 64 ${parallel.rate.toFixed(0)} rec/s, in-flight 1 ${seq?.rate.toFixed(1) ?? '-'}`,
      )
    }
  } finally {
    await target.close()
    await runtime.close()
  }
  const value = median(rates)
  return [
    {
      scenario: '3 key concurrency',
      measure: `1 partition, ${KEYS} keys, ${count.toLocaleString('en-US')} records, 50 ms target; baseline in-flight 1; ratio vs ${IDEAL}/s`,
      unit: 'rec/s',
      value,
      baseline: median(sequential),
      ratio: value / IDEAL,
      bar: '>= 0.80 (1,024/s)',
      pass: value >= 0.8 * IDEAL,
      verified,
      runs: rates,
      ...(notes.length ? { note: notes.join('; ') } : {}),
    },
  ]
}

async function runOnce(ctx: BenchContext, runtime: Runtime, target: RemoteTarget, count: number, inFlight: number) {
  const topic = benchName('keys')
  await createTopics(ctx.admin, [topic], 1)
  ctx.topics.push(topic)
  await ctx.codec.register(topic, SCHEMA_NAMES.caseEvent)
  await produceAll(ctx.producer, topic, count, (i) => {
    const key = keyOf(KEYS)(i)
    return { key, value: ctx.codec.encode(topic, benchCaseEvent(key, seqOf(KEYS)(i))) }
  })
  await target.reset()
  const name = benchName('keys-stage')
  const stage = await startStage(
    runtime,
    sinkStage(name, topic),
    sinkClients(target.url, metricsObserver(runtime.metrics)),
    {
      maxInFlight: inFlight,
      target: runtime.guard(`bench-target-${name}`),
    },
  )
  try {
    await waitUntilCount(target, count, 120_000)
  } finally {
    await stage.stop()
  }
  const got = await target.dump()
  const check = checkDelivery(got, count, keyOf(KEYS), seqOf(KEYS))
  return { rate: arrivalRate(got), ok: check.ok, detail: JSON.stringify(check) }
}
