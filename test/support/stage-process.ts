// A stage in its own process, for crash tests:
//   node --import ./scripts/ts-hooks.mjs test/support/stage-process.ts <stage> <topic> <target-url>
// It stops as `primero-bridge run` does: the product's signal handling (untilSignal) and stop-within-grace path
// (stopWithin); exit 0 when stopped within SHUTDOWN_GRACE_MS, 1 when it had to be abandoned.
import { startApp } from '../../src/app.js'
import { stopWithin } from '../../src/cli/commands/run.js'
import { processIo } from '../../src/cli/io.js'
import { untilSignal } from '../../src/cli/signals.js'
import { createLogger } from '../../src/logger.js'
import { testConfig } from './env.js'
import { httpTestClients, sinkStage } from './stage-harness.js'

const [stageName, topic, url] = process.argv.slice(2)
if (!stageName || !topic || !url) throw new Error('usage: stage-process <stage> <topic> <target-url>')
const config = testConfig({ STAGE_MAX_IN_FLIGHT: '16' })
const io = processIo()
const stop = untilSignal(io)
const app = await startApp(
  config,
  createLogger('silent'),
  [{ kind: 'stage', stage: sinkStage(stageName, topic) as never }],
  { clients: httpTestClients(url) as never, signal: stop.signal },
)
process.stdout.write('started\n')
await stop.requested
process.exit(await stopWithin(app, config.SHUTDOWN_GRACE_MS, io))
