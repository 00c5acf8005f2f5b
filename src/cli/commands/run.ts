import { startApp, type App } from '../../app.js'
import { loadConfig } from '../../config.js'
import { createLogger } from '../../logger.js'
import { RUNNABLES, runnablesFor } from '../../stages.js'
import { helpHint, parse, type Command } from '../args.js'
import { EXIT, UsageError, type CliIo } from '../io.js'
import { untilSignal } from '../signals.js'

export const runCommand: Command = {
  name: 'run',
  summary: 'run one or more stages/sources in this process (one Kubernetes Deployment each)',
  help: [
    'usage: primero-bridge run <stage...>',
    '',
    `stages: ${Object.keys(RUNNABLES).join(', ') || '(none registered)'}`,
    '',
    'Validates the configuration (exit 2 listing every problem), starts the runtime (Kafka, schema registry,',
    'health server on HTTP_PORT: /metrics /livez /readyz) and the named stages. SIGTERM or SIGINT stops',
    'gracefully within SHUTDOWN_GRACE_MS (exit 0); a second signal exits at once (exit 1).',
  ].join('\n'),
  async run(args, io) {
    const { positionals } = parse('run', args, {})
    if (positionals.length === 0) throw new UsageError('run: name at least one stage', helpHint('run'))
    const config = loadConfig(io.env)
    let runnables
    try {
      runnables = runnablesFor([...new Set(positionals)])
    } catch (err) {
      throw new UsageError(`run: ${(err as Error).message}`, helpHint('run'))
    }
    const logger = createLogger(config.LOG_LEVEL)
    const stop = untilSignal(io)
    let app: App
    try {
      app = await startApp(config, logger, runnables, { signal: stop.signal })
    } catch (err) {
      if (stop.signal.aborted) return EXIT.ok
      throw err
    }
    logger.info({ stages: positionals, health: app.runtime.healthUrl }, 'primero-bridge running')
    await stop.requested
    return stopWithin(app, config.SHUTDOWN_GRACE_MS, io)
  },
}

/** Stops the app; exit 0 when it stopped within the grace period, 1 when it had to be abandoned. */
export async function stopWithin(app: App, graceMs: number, io: CliIo): Promise<number> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs + 1_000)))
  const outcome = await Promise.race([app.stop().then(() => 'stopped' as const), late])
  clearTimeout(timer)
  if (outcome === 'late') {
    io.err(`error: did not stop within SHUTDOWN_GRACE_MS (${graceMs} ms); exiting anyway`)
    return EXIT.failure
  }
  return EXIT.ok
}
