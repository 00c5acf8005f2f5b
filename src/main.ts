import { runCli } from './cli/index.js'
import { processIo } from './cli/io.js'

// kafkajs 2.2.4 schedules a negative timeout on Node >= 24 (harmless); keep other warnings.
process.removeAllListeners('warning')
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') process.stderr.write(`${warning.name}: ${warning.message}\n`)
})

// The `primero-bridge` command line (bin/primero-bridge.js). Long-running commands keep the event loop alive
// themselves; once a command resolves, pending handles (sockets closing) get a moment, then the process ends.
const code = await runCli(process.argv.slice(2), processIo())
process.exitCode = code
setTimeout(() => process.exit(code), 2_000).unref()
