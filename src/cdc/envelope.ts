import { TransformError } from '../errors.js'
import { asRecord } from '../mapping/normalise.js'
import { unwrapUnion } from './avro-union.js'

/**
 * Debezium change-event envelopes, as the stage receives them:
 *  - JSON, `value.converter.schemas.enable=false`: the envelope itself `{before, after, source, op, ts_ms}`;
 *  - JSON, `schemas.enable=true`: `{schema, payload}` with the envelope in `payload`;
 *  - Avro, decoded with Debezium's own writer schema (`<prefix>.<schema>.<table>.Envelope`): the same fields,
 *    unions unwrapped by avsc (or wrapped as `{type: value}` when a registry client wraps them; both accepted).
 * A tombstone (null value, written after a delete for log compaction) arrives as null.
 */

/** c = insert, u = update, r = snapshot read, d = delete, t = truncate, m = logical decoding message. */
export type CdcOp = 'c' | 'u' | 'r' | 'd' | 't' | 'm'

const OPS: ReadonlySet<string> = new Set(['c', 'u', 'r', 'd', 't', 'm'])

export interface CdcSource {
  /** PostgreSQL log sequence number of the change (snapshot reads carry the snapshot's LSN), as text. */
  readonly lsn: string | null
  /** When the change was committed in the database (ms since epoch). */
  readonly tsMs: number | null
  readonly schema: string | null
  readonly table: string | null
}

export interface CdcEnvelope {
  readonly op: CdcOp
  /** Row image before the change: null for inserts, reads, and updates under REPLICA IDENTITY DEFAULT. */
  readonly before: Record<string, unknown> | null
  /** Row image after the change: null for deletes. */
  readonly after: Record<string, unknown> | null
  readonly source: CdcSource
  /** When Debezium processed the change (ms since epoch). */
  readonly tsMs: number | null
}

/** Reads a change event in any of the shapes above; null for a tombstone. Throws TransformError when malformed. */
export function readEnvelope(value: unknown): CdcEnvelope | null {
  if (value === null || value === undefined) return null
  const outer = asRecord(value)
  if (!outer) throw new TransformError(`CDC envelope is not an object (got ${describe(value)})`)
  const payload = 'payload' in outer && 'schema' in outer ? outer.payload : outer
  if (payload === null || payload === undefined) return null
  const envelope = asRecord(payload)
  if (!envelope) throw new TransformError(`CDC envelope payload is not an object (got ${describe(payload)})`)

  const op = unwrapUnion(envelope.op)
  if (typeof op !== 'string' || op === '') throw new TransformError('CDC envelope has no op')
  if (!OPS.has(op)) throw new TransformError(`CDC envelope has an unknown op "${op.slice(0, 8)}"`)
  return {
    op: op as CdcOp,
    before: rowImage(envelope.before, 'before'),
    after: rowImage(envelope.after, 'after'),
    source: readSource(unwrapUnion(envelope.source)),
    tsMs: millis(unwrapUnion(envelope.ts_ms)),
  }
}

function rowImage(value: unknown, side: 'before' | 'after'): Record<string, unknown> | null {
  const row = unwrapUnion(value)
  if (row === null || row === undefined) return null
  const record = asRecord(row)
  if (!record) throw new TransformError(`CDC envelope ${side} is not a row (got ${describe(row)})`)
  return record
}

function readSource(value: unknown): CdcSource {
  const source = asRecord(value) ?? {}
  const lsn = unwrapUnion(source.lsn)
  return {
    lsn: typeof lsn === 'number' || typeof lsn === 'bigint' || typeof lsn === 'string' ? String(lsn) : null,
    tsMs: millis(unwrapUnion(source.ts_ms)),
    schema: typeof source.schema === 'string' ? source.schema : null,
    table: typeof source.table === 'string' ? source.table : null,
  }
}

function millis(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'bigint') return Number(value)
  return null
}

/** The JSON type of a value, never the value itself (it may hold a child's data). */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}
