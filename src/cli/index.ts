import { ConfigError, errorMessage } from '../errors.js'
import type { Command } from './args.js'
import { configCommand } from './commands/config.js'
import { demoCommand } from './commands/demo.js'
import { dlqCommand } from './commands/dlq.js'
import { mapCommand } from './commands/map.js'
import { pollCommand } from './commands/poll.js'
import { runCommand } from './commands/run.js'
import { schemasCommand } from './commands/schemas.js'
import { simCommand } from './commands/sim.js'
import { CommandFailed, EXIT, UsageError, configSummary, type CliIo } from './io.js'

export const COMMANDS: readonly Command[] = [
  runCommand,
  pollCommand,
  simCommand,
  demoCommand,
  schemasCommand,
  dlqCommand,
  configCommand,
  mapCommand,
]

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'usage: primero-bridge <command> [options]',
    '',
    'Moves Thai child-protection case data between Primero, the MoPH HIS and Child-Shield through Kafka.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'primero-bridge <command> --help' for a command's options. Configuration comes from the environment",
    "(see 'primero-bridge config check'). Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.",
  ].join('\n')
}

/** Runs one command line and resolves with the process exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ;(name === undefined ? io.err : io.out)(usage())
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.err(`error: unknown command '${name}'`)
    io.err(`hint: commands are ${COMMANDS.map((c) => c.name).join(', ')}; run 'primero-bridge --help'`)
    return EXIT.usage
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help)
    return EXIT.ok
  }
  try {
    return await command.run(rest, io)
  } catch (err) {
    return report(err, io)
  }
}

function report(err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.err(`error: ${err.message}`)
    io.err(`hint: ${err.hint}`)
    return EXIT.usage
  }
  if (err instanceof ConfigError) {
    io.err(`error: ${configSummary(err.problems)}: ${err.problems.join('; ')}`)
    io.err(
      "hint: fix these settings (environment or CONFIG_FILE); 'primero-bridge config check' lists them one per line",
    )
    return EXIT.usage
  }
  if (err instanceof CommandFailed) {
    io.err(`error: ${err.message}`)
    if (err.hint) io.err(`hint: ${err.hint}`)
    return EXIT.failure
  }
  io.err(`error: ${errorMessage(err).split('\n')[0] ?? 'unknown failure'}`)
  io.err('hint: set LOG_LEVEL=debug for details; check that Kafka and the schema registry are reachable')
  return EXIT.failure
}
