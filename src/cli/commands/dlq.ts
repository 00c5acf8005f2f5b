import { createCodec } from '../../avro/codec.js'
import { loadSchemas } from '../../avro/schemas.js'
import { loadConfig } from '../../config.js'
import { ValidationError } from '../../errors.js'
import { parseReplayFilter } from '../../dlq/filter.js'
import { replayDeadLetters, type ReplayPlanLine } from '../../dlq/replay.js'
import { createKafka } from '../../kafka/client.js'
import { createLogger } from '../../logger.js'
import { helpHint, parse, seconds, type Command } from '../args.js'
import { EXIT, UsageError, type CliIo } from '../io.js'

export const dlqCommand: Command = {
  name: 'dlq',
  summary: 'replay dead-lettered records to their original topic (filters, dry run, audited)',
  help: [
    'usage: primero-bridge dlq replay --topic <original topic> [--key K] [--from ISO] [--to ISO]',
    '                                 [--error-class C] [--dry-run] [--actor NAME] [--timeout S]',
    '',
    'Reads <topic>.dlq from the beginning up to its current end, keeps the records matching every filter',
    '(--key: record key; --from/--to: dead-lettered time, inclusive; --error-class: e.g. DeliveryError,',
    'TransformError, DecodeError) and re-publishes them to <topic> in original offset order with their',
    'original key and value and a dlq.replayed.from header. Writes one audit event to primero-bridge.audit',
    '(actor: --actor, else $USER). --dry-run lists what would be replayed and writes nothing.',
    'Exit codes: 0 done (also when nothing matched), 1 Kafka/registry failure, 2 bad arguments/config.',
  ].join('\n'),
  async run(args, io) {
    const { positionals, values } = parse('dlq', args, {
      topic: { type: 'string' },
      key: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'error-class': { type: 'string' },
      'dry-run': { type: 'boolean' },
      actor: { type: 'string' },
      timeout: { type: 'string' },
    })
    if (positionals.length !== 1 || positionals[0] !== 'replay') {
      throw new UsageError("dlq: expected 'dlq replay --topic <topic>'", helpHint('dlq'))
    }
    if (!values.topic)
      throw new UsageError('dlq replay: --topic is required (the original topic, not the .dlq)', helpHint('dlq'))
    if (values.topic.endsWith('.dlq')) {
      throw new UsageError(
        `dlq replay: give the original topic (${values.topic.slice(0, -4)}), not the DLQ`,
        helpHint('dlq'),
      )
    }
    let filter
    try {
      filter = parseReplayFilter({
        key: values.key,
        from: values.from,
        to: values.to,
        errorClass: values['error-class'],
      })
    } catch (err) {
      if (err instanceof ValidationError) throw new UsageError(`dlq replay: ${err.message}`, helpHint('dlq'))
      throw err
    }
    const timeoutMs = seconds('dlq', 'timeout', values.timeout, 60) * 1000
    const actor = values.actor ?? io.env.USER ?? 'unknown'
    const config = loadConfig(io.env)
    const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr)
    const dryRun = values['dry-run'] === true
    const codec = createCodec(loadSchemas(), {
      url: config.SCHEMA_REGISTRY_URL,
      username: config.SCHEMA_REGISTRY_USERNAME,
      password: config.SCHEMA_REGISTRY_PASSWORD,
    })
    const summary = await replayDeadLetters(
      { kafka: createKafka(config, logger), codec, onMatch: dryRun ? (l) => io.out(planText(l)) : undefined },
      { topic: values.topic, filter, dryRun, actor, readTimeoutMs: timeoutMs },
    )
    report(io, summary)
    return EXIT.ok
  },
}

function planText(line: ReplayPlanLine): string {
  return `would replay ${line.partition}/${line.offset} key=${line.key ?? '(none)'} error=${line.errorClass ?? '?'} dead-lettered=${line.deadLetteredAt ?? '?'}`
}

function report(
  io: CliIo,
  s: { dlqTopic: string; scanned: number; matched: number; replayed: number; dryRun: boolean },
) {
  const action = s.dryRun ? 'dry run, nothing written' : `replayed ${s.replayed}, audit event written`
  io.out(`${s.dlqTopic}: scanned ${s.scanned}, matched ${s.matched}, ${action}`)
}
