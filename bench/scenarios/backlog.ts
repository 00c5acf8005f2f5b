import { stageGroupId } from '../../src/pipeline/run-stage.js'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { SCHEMA_NAMES } from '../../src/avro/schemas.js'
import { benchName } from '../lib/config.js'
import type { BenchContext } from '../lib/context.js'
import { committedToEnd, createTopics, produceAll, recordCount } from '../lib/kafka.js'
import { checkDelivery } from '../lib/order.js'
import type { Row } from '../lib/report.js'
import { sampleRss } from '../lib/rss.js'
import { benchCaseEvent, keyOf, seqOf } from '../lib/sink-stage.js'
import { startTarget } from '../lib/target.js'
import { sleep, waitFor } from '../lib/wait.js'

/** The V8 heap bounds the container image sets (Dockerfile, k8s ConfigMap); BENCH_STAGE_NODE_OPTIONS overrides them. */
const PRODUCTION_NODE_OPTIONS = '--max-semi-space-size=32 --max-old-space-size=256'

const KEYS = 5_000
const RSS_BAR_MIB = 300
const root = fileURLToPath(new URL('../..', import.meta.url))

/** Scenario 5: a backlog queued during a target outage, then drained; the stage in its own process. */
export async function backlogScenario(ctx: BenchContext, sinkRate: number | undefined): Promise<Row[]> {
  const count = ctx.quick ? 50_000 : 200_000
  const outageMs = ctx.quick ? 5_000 : 15_000
  const [topic, auditTopic] = [benchName('backlog'), benchName('audit')]
  await createTopics(ctx.admin, [topic, auditTopic], 6)
  ctx.topics.push(topic, auditTopic)
  await ctx.codec.register(topic, SCHEMA_NAMES.caseEvent)
  const target = await startTarget(0)
  await target.down()
  const name = benchName('backlog-stage')
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_STAGE_NODE_OPTIONS ?? PRODUCTION_NODE_OPTIONS).split(' ').filter(Boolean),
      '--no-warnings',
      '--import',
      './scripts/ts-hooks.mjs',
      'bench/stage-process.ts',
      name,
      topic,
      auditTopic,
      target.url,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const rss = sampleRss(child.pid as number)
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && resolve())
      child.once('exit', (code) => reject(new Error(`stage process exited with ${code}`)))
    })
    rss.mark('outage')
    const produced = performance.now()
    await produceAll(ctx.producer, topic, count, (i) => {
      const key = keyOf(KEYS)(i)
      return { key, value: ctx.codec.encode(topic, benchCaseEvent(key, seqOf(KEYS)(i))) }
    })
    await sleep(Math.max(0, outageMs - (performance.now() - produced)))
    const attemptsDuringOutage = target.received.keys.length
    rss.mark('drain')
    const recoveredAt = Date.now()
    await target.up()
    await waitFor(() => target.received.keys.length >= count, `${count} deliveries`, 300_000, 100)
    const got = target.received
    const firstAt = got.ats[0] as number
    const drainRate = (got.ats.length - 1) / (((got.ats.at(-1) as number) - firstAt) / 1000)
    await waitFor(() => committedToEnd(ctx.admin, stageGroupId(name), topic), 'commit to end', 15_000, 200)
    const dlq = await recordCount(ctx.admin, `${topic}.dlq`)
    const check = checkDelivery(got, count, keyOf(KEYS), seqOf(KEYS))
    const peaks = rss.stop()
    const peak = Math.max(peaks.outage ?? 0, peaks.drain ?? 0)
    const verified = check.ok && dlq === 0 && attemptsDuringOutage === 0
    const drainBar = sinkRate === undefined ? undefined : 0.7 * sinkRate
    ctx.log(`  backlog: peak RSS ${JSON.stringify(peaks)} MiB, drain ${drainRate.toFixed(0)} rec/s`)
    const note = `recovery noticed after ${firstAt - recoveredAt} ms; ${JSON.stringify(check)}; dlq ${dlq}`
    return [
      {
        scenario: '5 backlog: memory',
        measure: `${count.toLocaleString('en-US')} records queued during a ${outageMs / 1000} s outage; peak RSS`,
        unit: 'MiB',
        value: peak,
        bar: `<= ${RSS_BAR_MIB} MiB`,
        pass: peak <= RSS_BAR_MIB,
        verified,
        note,
      },
      {
        scenario: '5 backlog: drain',
        measure: 'drain rate vs scenario 1 stage rate',
        unit: 'rec/s',
        value: drainRate,
        ...(sinkRate === undefined ? {} : { baseline: sinkRate, ratio: drainRate / sinkRate }),
        bar: '>= 0.70',
        pass: drainBar === undefined ? null : drainRate >= drainBar,
        verified,
      },
    ]
  } finally {
    rss.stop()
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    }
    await target.close()
  }
}
