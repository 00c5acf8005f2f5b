import { SCHEMA_NAMES } from '../avro/schemas.js'
import { noopIgnoredFields } from '../cdc/noop-filter.js'
import { cdcChangeToCaseEvent } from '../cdc/to-case-event.js'
import type { Config } from '../config.js'
import type { CaseEvent } from '../domain/records.js'
import { TOPICS } from '../kafka/topics.js'
import { defineStage, type Stage } from '../pipeline/stage.js'

export type CdcNormalizerConfig = Pick<
  Config,
  'CDC_TOPIC' | 'CDC_TABLE' | 'CDC_FORMAT' | 'CDC_FILTER_NOOP' | 'CDC_NOOP_IGNORE_FIELDS'
>

/**
 * `cdc-normalizer`: Debezium change events of Primero's `cases` table (topic CDC_TOPIC, JSON with or without
 * the schema wrapper, or Avro with Debezium's registered Envelope schema, per CDC_FORMAT) → CaseEvents
 * (source CDC) on primero.case-events, keyed by the record id. Deletes, tombstones and no-op updates (only
 * bookkeeping, the bridge's own write-backs or CDC_NOOP_IGNORE_FIELDS changed) are skipped (counted as outcome
 * "skipped"); malformed envelopes go to `<CDC_TOPIC>.dlq`. See docs/cdc.md.
 */
export function cdcNormalizerStage(config: CdcNormalizerConfig): Stage<unknown, CaseEvent> {
  const options = {
    table: config.CDC_TABLE,
    filterNoop: config.CDC_FILTER_NOOP,
    ignoredFields: noopIgnoredFields(config.CDC_NOOP_IGNORE_FIELDS),
  }
  return defineStage<unknown, CaseEvent>({
    name: 'cdc-normalizer',
    input: { topic: config.CDC_TOPIC, format: config.CDC_FORMAT },
    transform: (value, meta) => cdcChangeToCaseEvent(value, meta, options),
    destination: {
      kind: 'topic',
      topic: TOPICS.caseEvents,
      schema: SCHEMA_NAMES.caseEvent,
      key: (event) => event.recordId,
    },
  })
}
