// A stage in its own process, for crash tests: node --import ./scripts/ts-hooks.mjs test/support/stage-process.ts <stage> <topic> <target-url>
import { startApp } from '../../src/app.js'
import { createLogger } from '../../src/logger.js'
import { testConfig } from './env.js'
import { httpTestClients, sinkStage } from './stage-harness.js'

const [stageName, topic, url] = process.argv.slice(2)
if (!stageName || !topic || !url) throw new Error('usage: stage-process <stage> <topic> <target-url>')
const config = testConfig({ STAGE_MAX_IN_FLIGHT: '16' })
const app = await startApp(
  config,
  createLogger('silent'),
  [{ kind: 'stage', stage: sinkStage(stageName, topic) as never }],
  {
    clients: httpTestClients(url) as never,
  },
)
process.stdout.write('started\n')
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0))
})
