// Soak (not in CI): Phase 1 and Phase 2 together at a steady rate, random simulator faults, on a private broker and
// registry (nothing shared is needed or touched).
//   node --import ./scripts/ts-hooks.mjs scripts/soak.ts --minutes 30 [--rate 5] [--children 2000]
// Prints per stage the records in, those never committed (lost: must be 0), those in the DLQ, and RSS over time.
import { randomInt } from 'node:crypto'
import { parseArgs } from 'node:util'
import { startApp } from '../src/app.js'
import type { PrimeroCase } from '../src/clients/primero-types.js'
import { loadConfig } from '../src/config.js'
import { TOPICS } from '../src/kafka/topics.js'
import { createLogger } from '../src/logger.js'
import type { Faults } from '../src/simulators/faults.js'
import { startMophSimulator } from '../src/simulators/moph.js'
import { startPrimeroSimulator } from '../src/simulators/primero.js'
import { createChildShieldPoller } from '../src/sources/childshield-poller.js'
import { createIngressSource, WEBHOOK_PATH } from '../src/sources/ingress.js'
import { createPrimeroPoller } from '../src/sources/primero-poller.js'
import { stageGroupId } from '../src/pipeline/run-stage.js'
import { RUNNABLES } from '../src/stages.js'
import { generateChildren } from '../src/synthetic/children.js'
import { startPrivateStack } from '../test/support/private-stack.js'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '5' },
    children: { type: 'string', default: '2000' },
  },
})
const minutes = Number(values.minutes)
const rate = Number(values.rate)
const out = (line: string) => process.stdout.write(`${line}\n`)
const STAGES = {
  'his-lookup': TOPICS.caseEvents,
  'his-to-primero': TOPICS.hisLookupResults,
  'case-to-childshield': TOPICS.caseEvents,
  'risk-to-primero': TOPICS.riskScores,
} as const
const FAULTS: Faults[] = [
  { errorRate: 0.2 },
  { status429: { rate: 0.3, retryAfterS: 1 } },
  { latencyMs: [50, 400] },
  { outage: 'refuse', outageForMs: 4_000 },
  { slowMs: 3_000 },
]
const API_KEY = 'soak-ingress-key-0123456789'

out(`soak: ${minutes} min, ${rate} Sync/s, starting a private broker and registry…`)
const stack = await startPrivateStack({ registry: true })
const children = [...generateChildren(Number(values.children), randomInt(1, 2 ** 31))]
const primero = await startPrimeroSimulator({
  cases: children.map((c) => structuredClone<PrimeroCase>(c.primeroCase)),
  username: 'soak',
  password: 'soak-password',
})
const moph = await startMophSimulator({ children, email: 'soak@example.org', password: 'soak-moph-password' })
const config = loadConfig({
  ...stack.overrides,
  HTTP_HOST: '127.0.0.1',
  HTTP_PORT: '0',
  LOG_LEVEL: 'warn',
  INGRESS_HOST: '127.0.0.1',
  INGRESS_PORT: '0',
  INGRESS_API_KEY: API_KEY,
  PRIMERO_URL: primero.url,
  PRIMERO_USERNAME: 'soak',
  PRIMERO_PASSWORD: 'soak-password',
  PRIMERO_TIMEOUT_MS: '2000',
  MOPH_URL: moph.url,
  MOPH_EMAIL: 'soak@example.org',
  MOPH_PASSWORD: 'soak-moph-password',
  MOPH_TIMEOUT_MS: '2000',
  RETRY_BASE_MS: '100',
  RETRY_MAX_MS: '5000',
  CIRCUIT_COOLDOWN_MS: '1000',
  PRIMERO_RATE_LIMIT_RPS: '200',
  MOPH_RATE_LIMIT_RPS: '200',
})
let ingressUrl = ''
const app = await startApp(config, createLogger('error'), [
  { kind: 'source', source: createIngressSource({ onListening: (u) => (ingressUrl = u) }) },
  ...Object.keys(STAGES).map((s) => RUNNABLES[s]!),
])
const ctx = { runtime: app.runtime, clients: app.clients }
const pollers = [createPrimeroPoller(), createChildShieldPoller()]

let accepted = 0
let refused = 0
const end = Date.now() + minutes * 60_000
const rss: string[] = []
let tick = 0
while (Date.now() < end) {
  tick++
  const started = Date.now()
  await Promise.all(
    Array.from({ length: rate }, async () => {
      const child = children[randomInt(children.length)]!
      const status = await primero.sendWebhook({
        recordId: child.primeroCase.id,
        event: 'case.post',
        url: `${ingressUrl}${WEBHOOK_PATH}`,
        apiKey: API_KEY,
      })
      if (status === 202) accepted++
      else refused++
    }),
  )
  if (tick % 10 === 0) {
    for (let i = 0; i < rate * 2; i++) {
      const child = children[randomInt(children.length)]!
      const stored = primero.state.cases.get(child.primeroCase.id)
      if (stored) primero.state.cases.set(stored.id, { ...stored, last_updated_at: new Date().toISOString() })
      if (child.riskmodel) moph.setRiskModel(child.nationalId, { improvement: randomInt(2) ? 'Better' : 'Worse' })
    }
    for (const poller of pollers) await poller.pollOnce(ctx).catch(() => undefined)
  }
  if (tick % 15 === 0) {
    const sim = randomInt(2) ? primero : moph
    await sim.setFaults(FAULTS[randomInt(FAULTS.length)]!)
    setTimeout(() => void sim.setFaults({}).catch(() => undefined), 5_000).unref()
  }
  if (tick % 30 === 0) {
    const line = `${Math.round((Date.now() - (end - minutes * 60_000)) / 1000)}s rss=${Math.round(process.memoryUsage().rss / 2 ** 20)}MiB accepted=${accepted} refused=${refused}`
    rss.push(line)
    out(line)
  }
  await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))))
}
await Promise.all([primero.setFaults({}), moph.setFaults({})])
out('load stopped; draining…')

const admin = stack.kafka.admin()
await admin.connect()
const drained = async () => {
  for (const [stage, topic] of Object.entries(STAGES)) {
    const [committed] = await admin.fetchOffsets({ groupId: stageGroupId(stage), topics: [topic] })
    const ends = await admin.fetchTopicOffsets(topic)
    if (!ends.every((p) => committed?.partitions.find((c) => c.partition === p.partition)?.offset === p.high))
      return false
  }
  return true
}
const drainDeadline = Date.now() + 180_000
while (!(await drained()) && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 1000))

const metrics = await (await fetch(`${app.runtime.healthUrl}/metrics`)).text()
const sum = (name: string, ...parts: string[]) =>
  metrics
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && parts.every((p) => l.includes(p)))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0)
// Lost = input records whose offset was never committed (a commit happens only after a durable outcome:
// delivered, skipped or written to the DLQ). Counters are shown beside it, but a redelivery counts twice there.
const logSize = async (topic: string) =>
  (await admin.fetchTopicOffsets(topic).catch(() => [])).reduce((n, p) => n + Number(p.high) - Number(p.low), 0)
let lostTotal = 0
out('\nstage                 in  uncommitted  topic DLQ   (counters: delivered  skipped  dead-lettered)')
for (const [stage, topic] of Object.entries(STAGES)) {
  const ends = await admin.fetchTopicOffsets(topic)
  const [committed] = await admin.fetchOffsets({ groupId: stageGroupId(stage), topics: [topic] })
  const uncommitted = ends.reduce((n, p) => {
    const done = Number(committed?.partitions.find((c) => c.partition === p.partition)?.offset ?? p.low)
    return n + Number(p.high) - Math.max(done, Number(p.low))
  }, 0)
  const input = ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0)
  const outcome = (o: string) => sum('primero_bridge_records_processed_total', `stage="${stage}"`, `outcome="${o}"`)
  lostTotal += uncommitted
  out(
    `${stage.padEnd(20)} ${String(input).padStart(6)} ${String(uncommitted).padStart(12)} ${String(await logSize(`${topic}.dlq`)).padStart(10)}   ${String(outcome('delivered')).padStart(20)} ${String(outcome('skipped')).padStart(8)} ${String(outcome('dead_lettered')).padStart(14)}`,
  )
}
const reasons = metrics
  .split('\n')
  .filter((l) => l.startsWith('primero_bridge_dead_lettered_total{'))
  .map((l) => `${/stage="([^"]+)"/.exec(l)?.[1]}/${/reason="([^"]+)"/.exec(l)?.[1]}=${l.split(' ').pop()}`)
out('(stages reading the same topic share its DLQ)')
out(`dead-letter reasons: ${reasons.join(' ') || 'none'}`)
const pending = [...primero.state.sync.values()].filter(
  (s) => s.sync_status === 'sending' || s.sync_status === 'sent',
).length
out(`\nwebhooks accepted ${accepted}, refused ${refused}; cases still waiting for their sync result: ${pending}`)
out(
  `retries by target: ${['primero', 'his', 'child-shield'].map((t) => `${t}=${sum('primero_bridge_retries_total', `target="${t}"`)}`).join(' ')}`,
)
out(`RSS over time:\n  ${rss.join('\n  ')}`)
out(lostTotal === 0 && pending === 0 ? 'RESULT: lost 0' : `RESULT: LOST ${lostTotal}, pending ${pending}`)
await admin.disconnect()
await app.stop()
await Promise.all([primero.close(), moph.close()])
await stack.close()
process.exit(lostTotal === 0 && pending === 0 ? 0 : 1)
