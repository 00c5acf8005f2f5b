import { loadConfig, redactedConfig } from '../../config.js'
import { parse, type Command } from '../args.js'
import { EXIT, UsageError } from '../io.js'

export const configCommand: Command = {
  name: 'config',
  summary: 'check the configuration from the environment and print it with secrets redacted',
  help: [
    'usage: primero-bridge config check',
    '',
    'Prints every setting (KEY=value, secrets and user names as ***) or every problem found (exit 2).',
  ].join('\n'),
  run(args, io) {
    const { positionals } = parse('config', args, {})
    if (positionals.length !== 1 || positionals[0] !== 'check') {
      throw new UsageError("config: expected 'config check'", "run 'primero-bridge config --help' for usage")
    }
    const config = redactedConfig(loadConfig(io.env))
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
