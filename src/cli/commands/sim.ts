import { ValidationError, errorMessage } from '../../errors.js'
import { simOptionsFromEnv, type SimulatorsOptions } from '../../simulators/sim-options.js'
import { startSimulators } from '../../simulators/start-simulators.js'
import { helpHint, parse, type Command } from '../args.js'
import { CommandFailed, EXIT, UsageError, type CliIo } from '../io.js'
import { untilSignal } from '../signals.js'

/** Command-line flag → the environment key it overrides. */
const FLAGS = {
  host: 'SIM_HOST',
  'primero-port': 'SIM_PRIMERO_PORT',
  'moph-port': 'SIM_MOPH_PORT',
  cases: 'SIM_CASES',
  seed: 'SIM_SEED',
  faults: 'SIM_FAULTS',
  'primero-faults': 'SIM_PRIMERO_FAULTS',
  'moph-faults': 'SIM_MOPH_FAULTS',
} as const

export const simCommand: Command = {
  name: 'sim',
  summary: 'start the Primero and MoPH (HIS + Child-Shield) simulators with synthetic children',
  help: [
    'usage: primero-bridge sim [--host H] [--primero-port N] [--moph-port N] [--cases N] [--seed N]',
    '                          [--faults JSON] [--primero-faults JSON] [--moph-faults JSON]',
    '',
    'Starts both simulators until SIGTERM/SIGINT. Options override the environment:',
    '  SIM_HOST (127.0.0.1; 0.0.0.0 in a container), SIM_PRIMERO_PORT (3001), SIM_MOPH_PORT (3002),',
    '  SIM_CASES (200), SIM_SEED (1),',
    '  SIM_PRIMERO_USERNAME / SIM_PRIMERO_PASSWORD (primero/primero): the Basic auth Primero expects,',
    '  SIM_MOPH_EMAIL / SIM_MOPH_PASSWORD (bridge@example.org/secret): the MoPH login,',
    '  SIM_FAULTS (both), SIM_PRIMERO_FAULTS, SIM_MOPH_FAULTS: faults from the start, the JSON that',
    '  POST /__admin/faults takes, e.g. \'{"latencyMs":[0,20],"errorRate":0.05}\' (keys: latencyMs, slowMs,',
    '  errorRate, status429 {rate, retryAfterS}, outage refuse|hang, outageForMs). Change them at run time',
    '  with POST /__admin/faults on either simulator.',
    'Exit codes: 0 stopped by a signal, 1 could not listen, 2 bad option or SIM_* value.',
  ].join('\n'),
  async run(args, io) {
    const options = simOptions(args, io.env)
    const stop = untilSignal(io)
    try {
      return await runSimulators(options, io, stop.requested)
    } finally {
      stop.dispose()
    }
  },
}

/** The validated settings: flags over SIM_* variables over defaults; a bad value is a UsageError (exit 2). */
export function simOptions(args: readonly string[], env: CliIo['env']): SimulatorsOptions {
  const options = Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }]))
  const { values } = parse('sim', args, options, false)
  const merged: Record<string, string | undefined> = { ...env }
  const given = new Map<string, string>()
  for (const [flag, key] of Object.entries(FLAGS)) {
    const value = values[flag]
    if (typeof value !== 'string') continue
    merged[key] = value
    given.set(key, `--${flag}`)
  }
  try {
    return simOptionsFromEnv(merged, (key) => given.get(key) ?? key)
  } catch (err) {
    if (err instanceof ValidationError) throw new UsageError(`sim: ${err.message}`, helpHint('sim'))
    throw err
  }
}

/** Serves until `stopRequested` resolves, then closes both simulators. */
export async function runSimulators(
  options: SimulatorsOptions,
  io: CliIo,
  stopRequested: Promise<unknown>,
): Promise<number> {
  const sims = await startSimulators(options).catch((err: unknown) => {
    throw new CommandFailed(
      `sim: the simulators could not start: ${errorMessage(err)}`,
      'is the port in use or the host not local? choose others with --host, --primero-port, --moph-port',
    )
  })
  for (const line of sims.banner) io.out(line)
  await stopRequested
  await sims.close()
  return EXIT.ok
}
