import { SCHEMA_NAMES } from '../../src/avro/schemas.js'
import { createClients } from '../../src/clients/index.js'
import { hisLookup } from '../../src/flows/his-lookup.js'
import { hisToPrimero } from '../../src/flows/his-to-primero.js'
import { TOPICS } from '../../src/kafka/topics.js'
import type { Stage } from '../../src/pipeline/stage.js'
import { startMophSimulator } from '../../src/simulators/moph.js'
import { startPrimeroSimulator } from '../../src/simulators/primero.js'
import { WEBHOOK_PATH, createIngressSource, type RunningIngress } from '../../src/sources/ingress.js'
import { generateChildren } from '../../src/synthetic/children.js'
import { startBenchRuntime, startStage } from '../lib/bench-runtime.js'
import { benchConfig, benchName } from '../lib/config.js'
import type { BenchContext } from '../lib/context.js'
import { createTopics, recordCount } from '../lib/kafka.js'
import type { Row } from '../lib/report.js'
import { percentile, round } from '../lib/stats.js'
import { startTimingProxy } from '../lib/timing-proxy.js'
import { sleep, waitFor } from '../lib/wait.js'

const RATE = 50
const WARM_UP = 50
const SEED = 4242
const API_KEY = 'bench-ingress-api-key-0001'

/** Scenario 4: webhook → ingress → his-lookup → his-to-primero → Primero PATCH, at a steady 50 requests/s. */
export async function phase1Scenario(ctx: BenchContext): Promise<Row[]> {
  const seconds = ctx.quick ? 15 : 60
  const measured = RATE * seconds
  const total = WARM_UP + measured
  const [caseTopic, resultTopic, auditTopic] = [benchName('cases'), benchName('results'), benchName('audit')]
  await createTopics(ctx.admin, [caseTopic, resultTopic, auditTopic], 6)
  ctx.topics.push(caseTopic, resultTopic, auditTopic)
  const primero = await startPrimeroSimulator({ cases: total, seed: SEED, username: 'bench', password: 'bench-pass' })
  const moph = await startMophSimulator({ children: total, seed: SEED, email: 'bench@example.org', password: 'bench' })
  const proxy = await startTimingProxy(primero.url)
  const config = benchConfig({
    PRIMERO_URL: proxy.url,
    PRIMERO_USERNAME: 'bench',
    PRIMERO_PASSWORD: 'bench-pass',
    MOPH_URL: moph.url,
    MOPH_EMAIL: 'bench@example.org',
    MOPH_PASSWORD: 'bench',
    INGRESS_HOST: '127.0.0.1',
    INGRESS_PORT: '0',
    INGRESS_API_KEY: API_KEY,
  })
  const runtime = await startBenchRuntime(config, {
    [TOPICS.audit]: auditTopic,
    [TOPICS.caseEvents]: caseTopic,
    [TOPICS.hisLookupResults]: resultTopic,
  })
  await runtime.codec.register(caseTopic, SCHEMA_NAMES.caseEvent)
  await runtime.codec.register(resultTopic, SCHEMA_NAMES.hisLookupResult)
  const clients = createClients(config, runtime.logger, runtime.metrics)
  const lookup = { ...hisLookup, name: benchName('his-lookup'), input: { ...hisLookup.input, topic: caseTopic } }
  const lookupStage = { ...lookup, destination: { ...hisLookup.destination, topic: resultTopic } }
  const writeStage = {
    ...hisToPrimero,
    name: benchName('his-to-primero'),
    input: { ...hisToPrimero.input, topic: resultTopic },
  }
  const ingress = (await createIngressSource().start({ runtime, clients })) as RunningIngress
  // rate limits sized for the offered load (the defaults, 20/s, are below 50/s by design of the operator)
  const stages = [
    await startStage(runtime, lookupStage as unknown as Stage<unknown, unknown, typeof clients>, clients, {
      maxInFlight: 64,
      target: runtime.guard('his', 500),
    }),
    await startStage(runtime, writeStage as unknown as Stage<unknown, unknown, typeof clients>, clients, {
      maxInFlight: 64,
      target: runtime.guard('primero', 500),
    }),
  ]
  try {
    const ids = [...generateChildren(total, SEED)].map((c) => c.primeroCase.id)
    const sentAt = new Map<string, number>()
    const statuses: number[] = []
    const t0 = performance.now()
    for (const [i, recordId] of ids.entries()) {
      const wait = t0 + (i * 1000) / RATE - performance.now()
      if (wait > 0) await sleep(wait)
      sentAt.set(recordId, Date.now())
      void primero
        .sendWebhook({ recordId, event: 'case.post', url: `${ingress.url}${WEBHOOK_PATH}`, apiKey: API_KEY })
        .then((s) => statuses.push(s))
    }
    const offered = (total - 1) / ((performance.now() - t0) / 1000)
    await waitFor(() => ids.every((id) => proxy.patchedAt.has(id)), 'every case patched', 60_000, 100).catch(
      () => false,
    )
    const latencies = ids.slice(WARM_UP).flatMap((id) => {
      const at = proxy.patchedAt.get(id)
      return at === undefined ? [] : [at - (sentAt.get(id) as number)]
    })
    const outcomes = new Map<string, number>()
    for (const id of ids) {
      const s = primero.state.sync.get(id)?.sync_status ?? 'none'
      outcomes.set(s, (outcomes.get(s) ?? 0) + 1)
    }
    const dlq =
      (await recordCount(ctx.admin, `${caseTopic}.dlq`)) + (await recordCount(ctx.admin, `${resultTopic}.dlq`))
    const accepted = statuses.filter((s) => s === 202).length
    const settled = ['synced', 'not_found', 'failed'].reduce((n, s) => n + (outcomes.get(s) ?? 0), 0)
    const verified = latencies.length === measured && accepted === total && settled === total && dlq === 0
    const [p50, p95, p99, max] = [50, 95, 99, 100].map((p) => percentile(latencies, p)) as [
      number,
      number,
      number,
      number,
    ]
    ctx.log(`  phase 1: p50 ${p50} p95 ${p95} p99 ${p99} max ${max} ms, offered ${offered.toFixed(1)}/s`)
    return [
      {
        scenario: '4 phase 1 latency',
        measure: `${RATE}/s for ${seconds} s: p50 ${p50} / p95 ${p95} / max ${max} ms; value = p99`,
        unit: 'ms',
        value: p99,
        bar: '<= 250 ms',
        pass: p99 <= 250,
        verified,
        note: `offered ${round(offered, 1)}/s; ${latencies.length}/${measured} measured (after ${WARM_UP} warm-up); webhooks 202: ${accepted}/${total}; sync status ${JSON.stringify(Object.fromEntries(outcomes))}; dlq ${dlq}`,
      },
    ]
  } finally {
    await Promise.allSettled(stages.map((s) => s.stop()))
    await ingress.stop()
    await runtime.close()
    await Promise.all([proxy.close(), primero.close(), moph.close()])
  }
}
