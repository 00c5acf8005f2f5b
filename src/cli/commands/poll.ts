import { startApp } from '../../app.js'
import { MOPH_KEYS, PRIMERO_KEYS } from '../../clients/index.js'
import { loadConfig, requireKeys, type Config } from '../../config.js'
import { ConfigError, errorMessage } from '../../errors.js'
import { createLogger } from '../../logger.js'
import { childShieldPoller } from '../../sources/childshield-poller.js'
import type { Poller } from '../../sources/poller-source.js'
import { primeroPoller } from '../../sources/primero-poller.js'
import { helpHint, parse, seconds, type Command } from '../args.js'
import { CommandFailed, EXIT, UsageError } from '../io.js'
import { untilSignal } from '../signals.js'

/** What `poll <name>` may run (the scheduled pollers of `run primero-poller` / `run childshield-poller`). */
export const POLLERS: Readonly<Record<string, { readonly poller: Poller; readonly needs: readonly (keyof Config)[] }>> =
  {
    primero: { poller: primeroPoller, needs: PRIMERO_KEYS },
    childshield: { poller: childShieldPoller, needs: MOPH_KEYS },
  }

export const pollCommand: Command = {
  name: 'poll',
  summary: 'run one pass of a poller now (on demand, besides its schedule)',
  help: [
    'usage: primero-bridge poll <primero|childshield> [--timeout S]',
    '',
    'primero      Primero cases updated since the cursor → UPDATED CaseEvents on primero.case-events',
    'childshield  Child-Shield risk models updated since the cursor → childshield.risk-scores',
    '',
    'Runs the same pass as the scheduled poller (PRIMERO_POLL_CRON / CHILDSHIELD_POLL_CRON) once, now: reads',
    'the cursor from primero-bridge.cursors, publishes every change, and advances the cursor only after Kafka',
    'acknowledged every record. Runs even when PRIMERO_POLLER_ENABLED=false. Safe beside the scheduled',
    'poller: a change published twice is an idempotent update downstream. Its health server takes a free port.',
    '--timeout  give up after S seconds (default 600); the cursor then stays where it was.',
    'Exit codes: 0 polled, 1 the poll failed or timed out (cursor unchanged), 2 bad arguments/config.',
  ].join('\n'),
  async run(args, io) {
    const { name, timeoutS } = pollArgs(args)
    const { poller, needs } = POLLERS[name] as (typeof POLLERS)[string]
    // A one-off next to a running poller pod: its own health server must not collide with HTTP_PORT.
    const config = loadConfig({ ...io.env, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1' })
    requireKeys(config, needs, `poll ${name}`)
    const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr)
    const stop = untilSignal(io)
    const timeout = AbortSignal.timeout(timeoutS * 1000)
    const signal = AbortSignal.any([stop.signal, timeout])
    try {
      const app = await startApp(config, logger, [], { signal })
      try {
        const result = await poller.pollOnce({ runtime: app.runtime, clients: app.clients }, signal)
        io.out(
          `${poller.name}: published ${result.published}, skipped ${result.skipped} (changes since ${result.since}); cursor now ${result.cursor.value}`,
        )
        return EXIT.ok
      } finally {
        await app.stop()
      }
    } catch (err) {
      if (err instanceof ConfigError) throw err
      const why = timeout.aborted
        ? `timed out after ${timeoutS} s`
        : stop.signal.aborted
          ? 'interrupted'
          : errorMessage(err).split('\n')[0]
      throw new CommandFailed(
        `${poller.name}: the poll did not finish (${why}); the cursor was not advanced`,
        'check that Kafka, the schema registry and the source API are reachable (LOG_LEVEL=debug for details)',
      )
    } finally {
      stop.dispose()
    }
  },
}

/** The poller named on the command line and the time limit; a UsageError (exit 2) for anything else. */
export function pollArgs(args: readonly string[]): { name: string; timeoutS: number } {
  const { positionals, values } = parse('poll', args, { timeout: { type: 'string' } })
  const names = Object.keys(POLLERS).join(' or ')
  const [name, ...extra] = positionals
  if (name === undefined) throw new UsageError(`poll: name a poller (${names})`, helpHint('poll'))
  if (!(name in POLLERS)) throw new UsageError(`poll: unknown poller '${name}'; expected ${names}`, helpHint('poll'))
  if (extra.length > 0) {
    throw new UsageError(`poll: one poller at a time (got ${positionals.join(' ')})`, helpHint('poll'))
  }
  return { name, timeoutS: seconds('poll', 'timeout', values.timeout, 600) }
}
