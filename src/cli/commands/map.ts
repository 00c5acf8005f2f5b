import { readFile } from 'node:fs/promises'
import { loadSchemas } from '../../avro/schemas.js'
import { loadConfig } from '../../config.js'
import { TransformError, errorMessage } from '../../errors.js'
import type { ChildShieldTranslations } from '../../mapping/case-to-childshield.js'
import { helpHint, parse, type Command } from '../args.js'
import { CommandFailed, EXIT, UsageError, type CliIo } from '../io.js'
import { PREVIEWERS } from '../map-preview.js'

export const mapCommand: Command = {
  name: 'map',
  summary: 'print what a stage would send for one record (no Kafka, no HTTP)',
  help: [
    'usage: primero-bridge map <stage> [record.json] [--translations file.json] [--now ISO]',
    '',
    `stages: ${Object.keys(PREVIEWERS).join(', ')}`,
    '  his-to-primero       HisLookupResult JSON  → the Primero PATCH body',
    '  risk-to-primero      RiskScore JSON        → the Primero risk fields',
    '  his-lookup           CaseEvent JSON        → what HIS would be asked',
    '  case-to-childshield  CaseEvent JSON        → the Child-Shield snapshot (labels from --translations:',
    '                       {"options": {field: {id: label}}, "locations": {code: name}})',
    '  cdc-normalizer       Debezium change event → the CaseEvent published to primero.case-events',
    '                       (JSON with or without the schema wrapper; CDC_TABLE, CDC_FILTER_NOOP apply)',
    "Reads the record from stdin when no file is given. Uses the stages' own transforms and mappings.",
    'Exit codes: 0 printed, 1 the stage would dead-letter the record, 2 bad arguments or record shape.',
  ].join('\n'),
  async run(args, io) {
    const { positionals, values } = parse('map', args, { translations: { type: 'string' }, now: { type: 'string' } })
    const [stage, file, ...extra] = positionals
    const previewer = stage === undefined ? undefined : PREVIEWERS[stage]
    if (!stage || !previewer || extra.length > 0) {
      throw new UsageError(
        stage ? `map: no preview for stage '${stage}'` : 'map: name a stage',
        `stages are ${Object.keys(PREVIEWERS).join(', ')}; ${helpHint('map')}`,
      )
    }
    const now = values.now === undefined ? Date.now() : Date.parse(values.now)
    if (Number.isNaN(now)) throw new UsageError('map: --now must be an ISO-8601 time', helpHint('map'))
    const record = parseJson(file ?? 'stdin', file ? await readText(file) : await io.readStdin())
    if (previewer.schema) checkShape(record, previewer.schema)
    const config = loadConfig(io.env)
    const translations = values.translations
      ? readTranslations(parseJson(values.translations, await readText(values.translations)))
      : EMPTY
    const meta = { topic: '(map)', partition: 0, offset: '0', key: null, timestamp: now, now }
    try {
      print(io, previewer.preview(record, { config, meta, syncUrl: config.SYNC_STATUS_URL, translations }))
    } catch (err) {
      const why = err instanceof TransformError ? err.message : `transform failed: ${errorMessage(err)}`
      throw new CommandFailed(`the stage would dead-letter this record: ${why}`)
    }
    return EXIT.ok
  },
}

/** The record must be valid for the stage's input schema, as the runner's decoder would require. */
function checkShape(record: unknown, schema: string): void {
  const problems: string[] = []
  loadSchemas()
    .type(schema)
    .isValid(record, { errorHook: (path) => problems.push(path.join('.') || '(record)') })
  if (problems.length > 0) {
    throw new UsageError(
      `map: the record is not a valid ${schema.split('.').pop() ?? ''} (check: ${problems.slice(0, 5).join(', ')})`,
      'timestamps are epoch milliseconds; nullable fields must be present (null)',
    )
  }
}

const EMPTY: ChildShieldTranslations = { options: {}, locations: {} }

function print(io: CliIo, value: unknown) {
  io.out(JSON.stringify(value, null, 2))
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    throw new UsageError(`map: cannot read ${file}`, 'give a readable JSON file, or pipe the record on stdin')
  }
}

function parseJson(from: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new UsageError(`map: ${from} is not valid JSON`, 'give one JSON object')
  }
}

function readTranslations(value: unknown): ChildShieldTranslations {
  const t = value as Partial<ChildShieldTranslations> | null
  if (typeof t !== 'object' || t === null || typeof t.options !== 'object' || typeof t.locations !== 'object') {
    throw new UsageError('map: --translations must be {"options": {...}, "locations": {...}}', helpHint('map'))
  }
  return { options: t.options, locations: t.locations }
}
