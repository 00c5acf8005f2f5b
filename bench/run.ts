// Benchmarks of primero-bridge (issue 7). `npm run bench` (full) or `npm run bench --quick` (< 2 min).
// Options: --quick, --only=1,3,6 (scenario numbers; --scenarios= without `--`, npm keeps --only), --repeats=N.
// See bench/lib/options.ts and docs/performance.md.
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { loadSchemas } from '../src/avro/schemas.js'
import { createCodec } from '../src/avro/codec.js'
import { REGISTRY_URL } from './lib/config.js'
import type { BenchContext } from './lib/context.js'
import { benchKafka, deleteTopics } from './lib/kafka.js'
import { benchOptions } from './lib/options.js'
import { table, type Row } from './lib/report.js'
import { ensureStack } from './lib/stack.js'
import { avroJsonScenario } from './scenarios/avro-json.js'
import { backlogScenario } from './scenarios/backlog.js'
import { keyConcurrencyScenario } from './scenarios/key-concurrency.js'
import { phase1Scenario } from './scenarios/phase1.js'
import { sinkScenario } from './scenarios/sink.js'
import { topicScenario } from './scenarios/topic.js'

const { quick, only, repeats } = benchOptions(process.argv.slice(2), process.env)
const wanted = (n: number) => only === undefined || only.includes(n)
const log = (m: string) => process.stderr.write(`${m}\n`)

await ensureStack(log)
const admin = benchKafka.admin()
const producer = benchKafka.producer()
await Promise.all([admin.connect(), producer.connect()])
const ctx: BenchContext = {
  quick,
  repeats,
  admin,
  producer,
  codec: createCodec(loadSchemas(), { url: REGISTRY_URL }),
  topics: [],
  log,
}

const started = Date.now()
const rows: Row[] = []
const errors: string[] = []
const attempt = async (n: number, name: string, run: () => Promise<Row[]>) => {
  if (!wanted(n)) return
  log(`scenario ${n}: ${name}`)
  const t0 = Date.now()
  try {
    rows.push(...(await run()))
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    errors.push(`scenario ${n}: ${message}`)
    rows.push({
      scenario: `${n} ${name}`,
      measure: `error: ${message}`,
      unit: '',
      value: NaN,
      pass: false,
      verified: false,
    })
  }
  log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
}

let sinkRate: number | undefined
await attempt(6, 'Avro vs JSON', () => Promise.resolve(avroJsonScenario(ctx)))
await attempt(1, 'sink stage', async () => {
  const result = await sinkScenario(ctx)
  sinkRate = result.stageRate
  return result.rows
})
await attempt(2, 'topic-to-topic', () => topicScenario(ctx))
await attempt(3, 'key concurrency', () => keyConcurrencyScenario(ctx))
await attempt(5, 'backlog and memory', () => backlogScenario(ctx, sinkRate))
await attempt(4, 'phase 1 latency', () => phase1Scenario(ctx))

await deleteTopics(admin, ctx.topics)
await Promise.all([admin.disconnect(), producer.disconnect()])

const machine = {
  cores: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
}
const mode = quick ? 'quick' : 'full'
console.log(
  `\nprimero-bridge benchmarks (${mode}, median of ${repeats} run${repeats > 1 ? 's' : ''}) on ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
)
console.log(table(rows))
for (const r of rows.filter((r) => r.note)) console.log(`\n${r.scenario}: ${r.note}`)
if (errors.length) console.log(`\nerrors:\n${errors.join('\n')}`)

const dir = fileURLToPath(new URL('./results/', import.meta.url))
mkdirSync(dir, { recursive: true })
const file = `${dir}bench-${mode}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
writeFileSync(
  file,
  JSON.stringify({ mode, repeats, machine, startedAt: new Date(started).toISOString(), rows }, null, 2),
)
writeFileSync(`${dir}latest-${mode}.json`, JSON.stringify({ mode, repeats, machine, rows }, null, 2))
console.log(`\nresults: ${file}`)
process.exitCode = rows.every((r) => r.verified) ? 0 : 1
