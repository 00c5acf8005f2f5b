import { createCodec } from '../../avro/codec.js'
import { loadSchemas } from '../../avro/schemas.js'
import { loadConfig } from '../../config.js'
import { errorMessage } from '../../errors.js'
import { TOPIC_SCHEMAS } from '../../runtime.js'
import { helpHint, parse, seconds, type Command } from '../args.js'
import { CommandFailed, EXIT, UsageError } from '../io.js'
import { checkSubject } from '../registry-check.js'

export const schemasCommand: Command = {
  name: 'schemas',
  summary: 'register the Avro schemas, or check them against the schema registry',
  help: [
    'usage: primero-bridge schemas register [--timeout S]',
    '       primero-bridge schemas check [--timeout S]',
    '',
    'register  registers every schema under <topic>-value (BACKWARD), retrying until the registry answers',
    '          or --timeout seconds (default 60) pass.',
    'check     parses every schemas/*.avsc and asks the registry whether each is compatible with the latest',
    '          registered version; exit 1 naming each incompatible subject.',
    '',
    'The registry is SCHEMA_REGISTRY_URL (with SCHEMA_REGISTRY_USERNAME/PASSWORD when set).',
  ].join('\n'),
  async run(args, io) {
    const { positionals, values } = parse('schemas', args, { timeout: { type: 'string' } })
    const action = positionals[0]
    if (positionals.length !== 1 || (action !== 'register' && action !== 'check')) {
      throw new UsageError("schemas: expected 'register' or 'check'", helpHint('schemas'))
    }
    const timeoutMs = seconds('schemas', 'timeout', values.timeout, 60) * 1000
    const config = loadConfig(io.env)
    let schemas
    try {
      schemas = loadSchemas()
    } catch (err) {
      throw new CommandFailed(errorMessage(err), 'fix the .avsc file named above')
    }
    const deadline = Date.now() + timeoutMs
    const entries = Object.entries(TOPIC_SCHEMAS)
    if (action === 'register') {
      const codec = createCodec(schemas, {
        url: config.SCHEMA_REGISTRY_URL,
        username: config.SCHEMA_REGISTRY_USERNAME,
        password: config.SCHEMA_REGISTRY_PASSWORD,
      })
      for (const [topic, name] of entries) {
        const id = await retryUntil(deadline, () => codec.register(topic, name), `registering ${topic}-value`)
        io.out(`registered ${topic}-value  ${name}  id ${id}`)
      }
      return EXIT.ok
    }
    io.out(`parsed ${schemas.raw.size} schemas from schemas/*.avsc`)
    const incompatible: string[] = []
    for (const [topic, name] of entries) {
      const raw = schemas.raw.get(name)
      if (!raw) throw new CommandFailed(`schema ${name} for ${topic} is missing from schemas/`)
      const result = await retryUntil(deadline, () => checkSubject(config, topic, raw), `checking ${topic}-value`)
      if (result.outcome === 'incompatible') {
        incompatible.push(result.subject)
        io.out(`INCOMPATIBLE ${result.subject}: ${result.reason}`)
      } else io.out(`${result.outcome === 'compatible' ? 'compatible  ' : 'not registered yet'} ${result.subject}`)
    }
    if (incompatible.length > 0) {
      throw new CommandFailed(
        `incompatible with the registered schema: ${incompatible.join(', ')}`,
        'make the change BACKWARD compatible (e.g. new fields need defaults) or use a new topic',
      )
    }
    return EXIT.ok
  },
}

async function retryUntil<T>(deadline: number, step: () => Promise<T>, what: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step()
    } catch (err) {
      if (Date.now() >= deadline) {
        throw new CommandFailed(
          `${what} failed: ${errorMessage(err)}`,
          'is the schema registry running at SCHEMA_REGISTRY_URL? (local: scripts/stack.sh up)',
        )
      }
      await new Promise((r) => setTimeout(r, Math.min(2_000, 200 * attempt)))
    }
  }
}
