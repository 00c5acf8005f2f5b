import { stageGroupId } from '../../src/pipeline/run-stage.js'
import { SCHEMA_NAMES } from '../../src/avro/schemas.js'
import { metricsObserver } from '../../src/clients/index.js'
import { auditRedirect, startBenchRuntime, startStage } from '../lib/bench-runtime.js'
import { benchConfig, benchName } from '../lib/config.js'
import type { BenchContext } from '../lib/context.js'
import { postAll } from '../lib/got-baseline.js'
import { committedToEnd, createTopics, produceAll, recordCount } from '../lib/kafka.js'
import { arrivalRate, checkDelivery, type DeliveryCheck } from '../lib/order.js'
import type { Row } from '../lib/report.js'
import { benchCaseEvent, keyOf, seqOf, sinkClients, sinkStage } from '../lib/sink-stage.js'
import { median } from '../lib/stats.js'
import { startRemoteTarget, type RemoteTarget } from '../lib/target-client.js'
import { waitFor } from '../lib/wait.js'

const IN_FLIGHT = 64
const KEYS = 2_000

/** Scenario 1: N Avro records through an HTTP sink stage vs the same N POSTs with got (no Kafka). */
export async function sinkScenario(ctx: BenchContext): Promise<{ rows: Row[]; stageRate: number }> {
  const count = ctx.quick ? 10_000 : 30_000
  const auditTopic = benchName('audit')
  await createTopics(ctx.admin, [auditTopic], 6)
  ctx.topics.push(auditTopic)
  const runtime = await startBenchRuntime(benchConfig(), auditRedirect(auditTopic))
  const target = await startRemoteTarget(0)
  const stageRates: number[] = []
  const baseRates: number[] = []
  let verified = true
  const notes: string[] = []
  try {
    // warm-up (JIT of client, target and got) so the first measured run is not the cold one
    await postAll(target.url, 10_000, IN_FLIGHT, (i) => ({ key: `w${i}`, seq: 0 }))
    for (let run = 0; run < ctx.repeats; run++) {
      await target.reset()
      await postAll(target.url, count, IN_FLIGHT, (i) => ({ key: keyOf(KEYS)(i), seq: seqOf(KEYS)(i) }))
      const base = await target.dump()
      const baseCheck = checkDelivery(base, count, keyOf(KEYS), seqOf(KEYS))
      baseRates.push(arrivalRate(base))

      const topic = benchName('sink')
      await createTopics(ctx.admin, [topic], 6)
      ctx.topics.push(topic)
      await ctx.codec.register(topic, SCHEMA_NAMES.caseEvent)
      await produceAll(ctx.producer, topic, count, (i) => {
        const key = keyOf(KEYS)(i)
        return { key, value: ctx.codec.encode(topic, benchCaseEvent(key, seqOf(KEYS)(i))) }
      })
      await target.reset()
      const name = benchName('sink-stage')
      const stage = await startStage(
        runtime,
        sinkStage(name, topic),
        sinkClients(target.url, metricsObserver(runtime.metrics)),
        { maxInFlight: IN_FLIGHT, target: runtime.guard(`bench-target-${name}`) },
      )
      let check: DeliveryCheck
      try {
        await waitUntilCount(target, count, 120_000)
        const got = await target.dump()
        check = checkDelivery(got, count, keyOf(KEYS), seqOf(KEYS))
        stageRates.push(arrivalRate(got))
        await waitFor(() => committedToEnd(ctx.admin, stageGroupId(name), topic), 'commit to end', 15_000, 200)
      } finally {
        await stage.stop()
      }
      const dlq = await recordCount(ctx.admin, `${topic}.dlq`)
      const ok = check.ok && baseCheck.ok && dlq === 0
      if (!ok)
        notes.push(`run ${run}: stage ${JSON.stringify(check)}, dlq ${dlq}; baseline ${JSON.stringify(baseCheck)}`)
      verified &&= ok
      ctx.log(
        `  sink run ${run + 1}: stage ${stageRates.at(-1)?.toFixed(0)} rec/s, got ${baseRates.at(-1)?.toFixed(0)} req/s`,
      )
    }
  } finally {
    await target.close()
    await runtime.close()
  }
  const value = median(stageRates)
  const baseline = median(baseRates)
  const ratio = value / baseline
  return {
    stageRate: value,
    rows: [
      {
        scenario: '1 sink stage',
        measure: `${count.toLocaleString('en-US')} records, in-flight ${IN_FLIGHT}, 0 ms target`,
        unit: 'rec/s',
        value,
        baseline,
        ratio,
        bar: '>= 0.70',
        pass: ratio >= 0.7,
        verified,
        runs: stageRates,
        ...(notes.length ? { note: notes.join('; ') } : {}),
      },
    ],
  }
}

export async function waitUntilCount(target: RemoteTarget, count: number, timeoutMs: number): Promise<void> {
  await waitFor(async () => (await target.count()) >= count, `${count} deliveries`, timeoutMs, 100)
}
