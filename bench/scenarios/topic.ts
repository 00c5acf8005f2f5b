import { stageGroupId } from '../../src/pipeline/run-stage.js'
import { SCHEMA_NAMES } from '../../src/avro/schemas.js'
import { loadConfig } from '../../src/config.js'
import type { CaseEvent } from '../../src/domain/records.js'
import { defineStage, type Stage } from '../../src/pipeline/stage.js'
import { auditRedirect, startBenchRuntime, startStage } from '../lib/bench-runtime.js'
import { benchConfig, benchName } from '../lib/config.js'
import type { BenchContext } from '../lib/context.js'
import { benchKafka, committedToEnd, createTopics, produceAll, readAll, recordCount } from '../lib/kafka.js'
import { checkDelivery, type Received } from '../lib/order.js'
import type { Row } from '../lib/report.js'
import { benchCaseEvent, keyOf, seqOf } from '../lib/sink-stage.js'
import { median } from '../lib/stats.js'
import { sleep, waitFor } from '../lib/wait.js'

const KEYS = 2_000
const PARTITIONS = 6
// the product's default bound for topic-to-topic stages (TOPIC_STAGE_MAX_IN_FLIGHT)
const IN_FLIGHT = Number(process.env.BENCH_STAGE_MAX_IN_FLIGHT ?? loadConfig({}).TOPIC_STAGE_MAX_IN_FLIGHT)

/** Scenario 2: decode → transform → encode → produce, vs raw kafkajs consume-and-produce of the same bytes. */
export async function topicScenario(ctx: BenchContext): Promise<Row[]> {
  const count = ctx.quick ? 50_000 : 100_000
  const auditTopic = benchName('audit')
  await createTopics(ctx.admin, [auditTopic], PARTITIONS)
  ctx.topics.push(auditTopic)
  const runtime = await startBenchRuntime(benchConfig(), auditRedirect(auditTopic))
  const stageRates: number[] = []
  const baseRates: number[] = []
  const notes: string[] = []
  let verified = true
  try {
    for (let run = 0; run < ctx.repeats; run++) {
      const [input, out, rawOut] = [benchName('t2t-in'), benchName('t2t-out'), benchName('t2t-raw')]
      await createTopics(ctx.admin, [input, out, rawOut], PARTITIONS)
      ctx.topics.push(input, out, rawOut)
      await ctx.codec.register(input, SCHEMA_NAMES.caseEvent)
      await runtime.codec.register(out, SCHEMA_NAMES.caseEvent)
      await produceAll(ctx.producer, input, count, (i) => {
        const key = keyOf(KEYS)(i)
        return { key, value: ctx.codec.encode(input, benchCaseEvent(key, seqOf(KEYS)(i))) }
      })

      const rawGroup = benchName('t2t-raw-group')
      const raw = await rawConsumeProduce(input, rawOut, rawGroup)
      try {
        baseRates.push(await outputRate(ctx, rawOut, count, performance.now()))
      } finally {
        await raw()
      }

      const name = benchName('t2t-stage')
      const stage = await startStage(runtime, upperCaseStage(name, input, out), {}, { maxInFlight: IN_FLIGHT })
      try {
        stageRates.push(await outputRate(ctx, out, count, performance.now()))
        await waitFor(() => committedToEnd(ctx.admin, stageGroupId(name), input), 'commit to end', 15_000, 200)
      } finally {
        await stage.stop()
      }
      const received: Received = { keys: [], seqs: [], ats: [] }
      for (const r of await readAll(ctx.admin, out)) {
        const e = await ctx.codec.decode<CaseEvent>(r.value, SCHEMA_NAMES.caseEvent)
        if (e.status !== 'OPEN' || r.key !== e.recordId) continue
        received.keys.push(e.recordId)
        received.seqs.push(e.occurredAt)
      }
      const check = checkDelivery(received, count, keyOf(KEYS), seqOf(KEYS))
      const rawCount = await recordCount(ctx.admin, rawOut)
      const ok = check.ok && check.duplicates === 0 && rawCount === count
      if (!ok) notes.push(`run ${run}: stage ${JSON.stringify(check)}, raw ${rawCount}/${count}`)
      verified &&= ok
      ctx.log(`  t2t run ${run + 1}: stage ${stageRates.at(-1)?.toFixed(0)} rec/s, raw ${baseRates.at(-1)?.toFixed(0)}`)
    }
  } finally {
    await runtime.close()
  }
  const value = median(stageRates)
  const baseline = median(baseRates)
  const ratio = value / baseline
  return [
    {
      scenario: '2 topic-to-topic',
      measure: `${count.toLocaleString('en-US')} CaseEvents, ${PARTITIONS} partitions, in-flight ${IN_FLIGHT}`,
      unit: 'rec/s',
      value,
      baseline,
      ratio,
      bar: '>= 0.60',
      pass: ratio >= 0.6,
      verified,
      runs: stageRates,
      ...(notes.length ? { note: notes.join('; ') } : {}),
    },
  ]
}

function upperCaseStage(name: string, input: string, out: string): Stage<unknown, unknown> {
  const stage = defineStage<CaseEvent, CaseEvent>({
    name,
    input: { topic: input, schema: SCHEMA_NAMES.caseEvent },
    transform: (e) => ({ ...e, status: e.status?.toUpperCase() ?? null }),
    destination: { kind: 'topic', topic: out, schema: SCHEMA_NAMES.caseEvent },
  })
  return stage
}

/** Raw kafkajs: each fetched batch is produced as-is (acks=all), then its offsets are committed. */
async function rawConsumeProduce(input: string, out: string, groupId: string): Promise<() => Promise<void>> {
  const producer = benchKafka.producer()
  const consumer = benchKafka.consumer({ groupId, maxBytesPerPartition: 1024 * 1024, maxWaitTimeInMs: 500 })
  await Promise.all([producer.connect(), consumer.connect()])
  await consumer.subscribe({ topic: input, fromBeginning: true })
  await consumer.run({
    partitionsConsumedConcurrently: 8,
    eachBatch: async ({ batch }) => {
      await producer.send({
        topic: out,
        acks: -1,
        messages: batch.messages.map((m) => ({ key: m.key, value: m.value })),
      })
    },
  })
  return async () => {
    await consumer.disconnect()
    await producer.disconnect()
  }
}

/**
 * Output records per second from `joinedAt` (the consumer's run() resolved: the group is joined) to the poll
 * that sees all `count` records in the output topic.
 */
async function outputRate(ctx: BenchContext, topic: string, count: number, joinedAt: number): Promise<number> {
  const deadline = Date.now() + 180_000
  for (;;) {
    const n = await recordCount(ctx.admin, topic)
    if (n >= count) return n / ((performance.now() - joinedAt) / 1000)
    if (Date.now() > deadline) throw new Error(`only ${n} of ${count} records reached ${topic}`)
    await sleep(5)
  }
}
