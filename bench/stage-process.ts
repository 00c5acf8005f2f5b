// The sink stage in its own process (scenario 5): node --import ./scripts/ts-hooks.mjs bench/stage-process.ts
//   <stage-name> <topic> <audit-topic> <target-url> <max-in-flight>
// Prints "started" once running; stops on SIGTERM.
import { metricsObserver } from '../src/clients/index.js'
import { auditRedirect, startBenchRuntime, startStage } from './lib/bench-runtime.js'
import { benchConfig } from './lib/config.js'
import { sinkClients, sinkStage } from './lib/sink-stage.js'

const [name, topic, auditTopic, url, inFlight = '64'] = process.argv.slice(2)
if (!name || !topic || !auditTopic || !url)
  throw new Error('usage: stage-process <name> <topic> <audit> <url> [in-flight]')
const config = benchConfig({ RETRY_BASE_MS: '100', RETRY_MAX_MS: '1000', CIRCUIT_COOLDOWN_MS: '500' })
const runtime = await startBenchRuntime(config, auditRedirect(auditTopic))
const stage = await startStage(runtime, sinkStage(name, topic), sinkClients(url, metricsObserver(runtime.metrics)), {
  maxInFlight: Number(inFlight),
  target: runtime.guard('bench-target'),
})
process.stdout.write('started\n')
if (process.env.BENCH_MEMORY_TRACE) {
  setInterval(() => {
    const m = process.memoryUsage()
    const mb = (n: number) => Math.round(n / 1048576)
    process.stderr.write(
      `mem rss=${mb(m.rss)} heapUsed=${mb(m.heapUsed)} heapTotal=${mb(m.heapTotal)} external=${mb(m.external)} arrayBuffers=${mb(m.arrayBuffers)}\n`,
    )
  }, 1000).unref()
}
process.once('SIGTERM', () => {
  void stage
    .stop()
    .then(() => runtime.close())
    .then(() => process.exit(0))
})
