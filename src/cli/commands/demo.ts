import { createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runDemo } from '../../demo/run-demo.js'
import { createLogger } from '../../logger.js'
import { parse, type Command } from '../args.js'
import { EXIT } from '../io.js'
import { untilSignal } from '../signals.js'

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run Phase 1 and Phase 2 end to end with simulators and synthetic children',
  help: [
    'usage: primero-bridge demo [--keep-running]',
    '',
    'Starts the simulators and every stage in this process against the Kafka and schema registry of',
    'KAFKA_BROKERS / SCHEMA_REGISTRY_URL (start them with scripts/stack.sh up, or use npm run demo),',
    'drives Phase 1 (Sync clicks) and Phase 2 (pollers, a risk change) and prints a summary.',
    'Ports: HTTP_PORT, INGRESS_PORT, SIM_PRIMERO_PORT, SIM_MOPH_PORT (default: free ports).',
    '--keep-running  leave everything running after the summary until Ctrl-C.',
    'Exit codes: 0 every step as expected, 1 a step failed or timed out, 2 bad arguments/config.',
  ].join('\n'),
  async run(args, io) {
    const { values } = parse('demo', args, { 'keep-running': { type: 'boolean' } }, false)
    const logFile = join(tmpdir(), `primero-bridge-demo-${process.pid}.log`)
    const stop = untilSignal(io)
    const logger = createLogger(io.env.LOG_LEVEL ?? 'info', createWriteStream(logFile))
    try {
      const ok = await runDemo({
        env: io.env,
        logger,
        logFile,
        keepRunning: values['keep-running'] === true,
        signal: stop.signal,
        stopRequested: stop.requested,
        print: io.out,
      })
      if (stop.signal.aborted) return EXIT.ok
      io.out(ok ? 'demo finished: every step as expected' : 'demo finished with failures (see ✗ above)')
      return ok ? EXIT.ok : EXIT.failure
    } catch (err) {
      if (stop.signal.aborted) {
        io.err('demo interrupted; everything it started was stopped')
        return EXIT.failure
      }
      throw err
    } finally {
      stop.dispose()
    }
  },
}
