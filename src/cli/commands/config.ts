import { loadConfig, redactedConfig } from '../../config.js'
import { ConfigError } from '../../errors.js'
import { parse, type Command } from '../args.js'
import { EXIT, UsageError, configSummary } from '../io.js'

export const configCommand: Command = {
  name: 'config',
  summary: 'check the configuration (environment and CONFIG_FILE) and print it with secrets redacted',
  help: [
    'usage: primero-bridge config check',
    '',
    'Reads the environment and, when CONFIG_FILE names one, a KEY=VALUE file (dotenv format; the environment',
    'wins). Prints every setting (KEY=value, secrets and user names as ***) and exits 0, or prints one line',
    'saying how many problems there are, then one line per problem, and exits 2.',
  ].join('\n'),
  run(args, io) {
    const { positionals } = parse('config', args, {})
    if (positionals.length !== 1 || positionals[0] !== 'check') {
      throw new UsageError("config: expected 'config check'", "run 'primero-bridge config --help' for usage")
    }
    let loaded
    try {
      loaded = loadConfig(io.env)
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      io.err(`error: ${configSummary(err.problems)}:`)
      for (const p of err.problems) io.err(`  - ${p}`)
      io.err('hint: fix the settings above in the environment or in CONFIG_FILE, then run this again')
      return Promise.resolve(EXIT.usage)
    }
    const config = redactedConfig(loaded)
    for (const key of Object.keys(config).sort()) io.out(`${key}=${show(config[key])}`)
    io.out('configuration OK')
    return Promise.resolve(EXIT.ok)
  },
}

function show(value: unknown): string {
  if (value === undefined) return ''
  if (Array.isArray(value)) return value.join(',')
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}
