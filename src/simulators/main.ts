import { errorMessage } from '../errors.js'
import { simOptionsFromEnv } from './sim-options.js'
import { startSimulators } from './start-simulators.js'

/**
 * Stand-alone entry point of both simulators (`node dist/simulators/main.js`; `primero-bridge sim` is the same
 * with command-line flags). Settings from the environment, see sim-options.ts: SIM_HOST (127.0.0.1),
 * SIM_PRIMERO_PORT (3001), SIM_MOPH_PORT (3002), SIM_SEED (1), SIM_CASES (200), SIM_PRIMERO_USERNAME /
 * SIM_PRIMERO_PASSWORD (primero/primero), SIM_MOPH_EMAIL / SIM_MOPH_PASSWORD (bridge@example.org/secret),
 * SIM_FAULTS, SIM_PRIMERO_FAULTS, SIM_MOPH_FAULTS (JSON, as POST /__admin/faults).
 */
async function main(env: NodeJS.ProcessEnv): Promise<void> {
  let options
  try {
    options = simOptionsFromEnv(env)
  } catch (err) {
    process.stderr.write(`error: ${errorMessage(err)}\nhint: fix the SIM_* environment variable named above\n`)
    process.exit(2)
  }
  const sims = await startSimulators(options)
  process.stdout.write(`${sims.banner.join('\n')}\n`)
  const stop = () => void sims.close().then(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main(process.env).catch((err: unknown) => {
  process.stderr.write(`simulators failed to start: ${errorMessage(err)}\n`)
  process.exit(1)
})
