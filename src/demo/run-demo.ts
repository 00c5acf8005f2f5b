import type { Admin } from 'kafkajs'
import { TOPICS, dlqTopic } from '../kafka/topics.js'
import type { Logger } from '../logger.js'
import { phase1, phase2, type PhaseResult, type Step } from './phases.js'
import { latencyLine, sumSamples, table, type MetricSample } from './summary.js'
import { startWorld, type DemoWorld } from './world.js'

export interface DemoOptions {
  readonly env: Record<string, string | undefined>
  readonly logger: Logger
  readonly logFile: string
  readonly keepRunning: boolean
  readonly signal: AbortSignal
  /** Resolves when the user asks to stop (used with keepRunning). */
  readonly stopRequested: Promise<unknown>
  readonly print: (line: string) => void
}

const WATCHED = [TOPICS.caseEvents, TOPICS.hisLookupResults, TOPICS.riskScores, TOPICS.audit]
const ALL = [...WATCHED, ...[TOPICS.caseEvents, TOPICS.hisLookupResults, TOPICS.riskScores].map(dlqTopic)]

async function ends(admin: Admin): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const topic of ALL) {
    const offsets = await admin.fetchTopicOffsets(topic)
    out.set(
      topic,
      offsets.reduce((n, p) => n + Number(p.high), 0),
    )
  }
  return out
}

/** The one-command demo: returns true when every step saw the expected outcome. */
export async function runDemo(options: DemoOptions): Promise<boolean> {
  const started = Date.now()
  const step: Step = (line) => options.print(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`)
  step('starting the simulators and all stages in this process (Kafka and the registry must be up)')
  const world = await startWorld(options.env, options.logger, options.signal)
  let admin: Admin | undefined
  try {
    step(
      `simulators: Primero ${world.primero.url}, MoPH (HIS + Child-Shield) ${world.moph.url}/api (synthetic seed ${world.seed})`,
    )
    step(`bridge running: ingress ${world.webhookUrl}, metrics ${world.app.runtime.healthUrl}/metrics`)
    admin = world.app.runtime.kafka.admin()
    await admin.connect()
    const before = await ends(admin)
    const p1 = await attempt(() => phase1(world, step, options.signal), step, options.signal)
    const p2 = await attempt(() => phase2(world, step, options.signal), step, options.signal)
    const after = await ends(admin)
    await summary(world, options, before, after, p1, p2)
    const ok = p1.failures.length === 0 && p2.failures.length === 0
    for (const f of [...p1.failures, ...p2.failures]) options.print(`  ✗ ${f}`)
    if (options.keepRunning && !options.signal.aborted) {
      options.print('')
      options.print('still running (--keep-running); Ctrl-C to stop. Send more Sync clicks with:')
      options.print(`  curl -X POST ${world.primero.url}/__admin/webhook -H 'content-type: application/json' \\`)
      options.print(`    -d '{"recordId":"<case id>","url":"${world.webhookUrl}","apiKey":"${world.apiKey}"}'`)
      await options.stopRequested
    }
    return ok
  } finally {
    await admin?.disconnect().catch(() => undefined)
    step('stopping the bridge and the simulators')
    await world.close()
  }
}

/** A phase that times out is reported as a failure (the summary and --keep-running still follow). */
async function attempt(phase: () => Promise<PhaseResult>, step: Step, signal: AbortSignal): Promise<PhaseResult> {
  try {
    return await phase()
  } catch (err) {
    if (signal.aborted) throw err
    const message = err instanceof Error ? err.message : String(err)
    step(`✗ ${message}`)
    return { latenciesMs: [], failures: [message] }
  }
}

async function summary(
  world: DemoWorld,
  options: DemoOptions,
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  p1: PhaseResult,
  p2: PhaseResult,
) {
  const json = await world.app.runtime.metrics.registry.getMetricsAsJSON()
  const values = (name: string) => (json.find((m) => m.name === name)?.values ?? []) as MetricSample[]
  const processed = values('primero_bridge_records_processed_total')
  const print = options.print
  print('')
  print('summary')
  print('  records written during the demo, per topic:')
  for (const line of table(ALL.map((t) => [t, (after.get(t) ?? 0) - (before.get(t) ?? 0)]))) print(line)
  print(
    `  stage outcomes: ${sumSamples(processed, { outcome: 'delivered' })} delivered, ` +
      `${sumSamples(processed, { outcome: 'skipped' })} skipped, ` +
      `${sumSamples(processed, { outcome: 'dead_lettered' })} dead-lettered`,
  )
  print(`  ${latencyLine('phase 1 latency, Sync click → Primero PATCH received', p1.latenciesMs)}`)
  print(`  ${latencyLine('phase 2 latency, poll/change → target write received', p2.latenciesMs)}`)
  print(`  metrics: ${world.app.runtime.healthUrl}/metrics  (also /livez, /readyz)`)
  print(`  bridge log: ${options.logFile}`)
}
