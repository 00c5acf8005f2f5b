import type { CaseEvent } from '../domain/records.js'
import { TransformError } from '../errors.js'
import { BRIDGE_UUID_NAMESPACE, uuidV5 } from '../mapping/subform-ids.js'
import type { RecordMeta } from '../pipeline/stage.js'
import { toCaseEvent } from '../sources/case-event.js'
import { DATA_UNAVAILABLE, readCaseData, readRecordId } from './case-row.js'
import { readEnvelope, type CdcEnvelope } from './envelope.js'
import { changesCaseFields } from './noop-filter.js'

export interface CdcNormaliseOptions {
  /** The captured table (`cases` or `public.cases`); a change of another table is rejected. */
  readonly table: string
  /** Skip updates that change only ignored fields (needs REPLICA IDENTITY FULL to see `before`). */
  readonly filterNoop: boolean
  /** Fields an update may change and still be skipped; default DEFAULT_NOOP_IGNORED_FIELDS (see noop-filter.ts). */
  readonly ignoredFields?: ReadonlySet<string>
}

/**
 * Maps one Debezium change of the `cases` table to a CaseEvent, or null to skip it:
 *  - c → CREATED; u and r (snapshot read) → UPDATED; key and recordId = after.id; fields from after.data;
 *  - skipped: tombstones, d (delete), t (truncate), m (message); updates whose `data` column was not sent
 *    (TOAST placeholder: unchanged); with filterNoop, updates whose `before.data` differs from `after.data`
 *    only in bookkeeping fields and the bridge's own write-backs (no `before` → cannot tell → published);
 *  - occurredAt = source.ts_ms, else the envelope ts_ms, else the Kafka timestamp;
 *  - eventId = UUIDv5 of (record id, op, LSN — else source ts), so a re-delivered change keeps its id.
 * Throws TransformError for a malformed envelope (the runner dead-letters it with the reason).
 */
export function cdcChangeToCaseEvent(value: unknown, meta: RecordMeta, options: CdcNormaliseOptions): CaseEvent | null {
  const envelope = readEnvelope(value)
  if (envelope === null) return null
  checkTable(envelope, options.table)
  if (envelope.op !== 'c' && envelope.op !== 'u' && envelope.op !== 'r') return null
  if (envelope.after === null) throw new TransformError(`CDC envelope with op "${envelope.op}" has no after`)

  const recordId = readRecordId(envelope.after, 'after')
  const fields = readCaseData(envelope.after, 'after')
  if (fields === DATA_UNAVAILABLE) return null
  if (options.filterNoop && envelope.op === 'u') {
    const before = readableBefore(envelope)
    if (before !== null && !changesCaseFields(before, fields, options.ignoredFields)) return null
  }

  return toCaseEvent(
    { recordId, fields },
    {
      type: envelope.op === 'c' ? 'CREATED' : 'UPDATED',
      source: 'CDC',
      eventId: uuidV5(`cdc|${recordId}|${envelope.op}|${position(envelope, meta)}`, BRIDGE_UUID_NAMESPACE),
      now: envelope.source.tsMs ?? envelope.tsMs ?? meta.timestamp,
    },
  )
}

/** `before.data` when it can be compared; null (cannot tell → publish) when absent, unsent or unreadable. */
function readableBefore(envelope: CdcEnvelope): Record<string, unknown> | null {
  if (envelope.before === null) return null
  try {
    const before = readCaseData(envelope.before, 'before')
    return before === DATA_UNAVAILABLE ? null : before
  } catch {
    return null
  }
}

/** Where the change sits in the database's history; the Kafka coordinates only as a last resort. */
function position(envelope: CdcEnvelope, meta: RecordMeta): string {
  if (envelope.source.lsn !== null) return `lsn:${envelope.source.lsn}`
  if (envelope.source.tsMs !== null) return `ts:${envelope.source.tsMs}`
  if (envelope.tsMs !== null) return `ts:${envelope.tsMs}`
  return `kafka:${meta.topic}/${meta.partition}/${meta.offset}`
}

function checkTable(envelope: CdcEnvelope, expected: string): void {
  const { schema, table } = envelope.source
  if (table === null) return
  if (table === expected || `${schema ?? ''}.${table}` === expected) return
  throw new TransformError(`CDC change of table "${table.slice(0, 64)}", expected "${expected}"`)
}
