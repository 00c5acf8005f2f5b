import { TransformError } from '../errors.js'
import { asRecord } from '../mapping/normalise.js'
import { unwrapUnion } from './avro-union.js'
import { describe } from './envelope.js'

/**
 * Debezium's stand-in for a TOASTed column left unchanged by an update when the table's REPLICA IDENTITY
 * is not FULL (connector option `unavailable.value.placeholder`, default kept).
 */
export const UNAVAILABLE_PLACEHOLDER = '__debezium_unavailable_value'

/** The `data` column was not sent (TOAST placeholder): the case fields did not change in this update. */
export const DATA_UNAVAILABLE = Symbol('data-unavailable')

export type CaseData = Record<string, unknown> | typeof DATA_UNAVAILABLE

/**
 * The `data` jsonb column of a `cases` row image. Debezium sends jsonb as a JSON string
 * (`io.debezium.data.Json`) in both JSON and Avro; an object is accepted too. Throws TransformError when the
 * column is missing, null, not JSON, or not a JSON object.
 */
export function readCaseData(row: Record<string, unknown>, side: 'before' | 'after'): CaseData {
  const raw = unwrapUnion(row.data)
  if (raw === UNAVAILABLE_PLACEHOLDER) return DATA_UNAVAILABLE
  if (raw === null || raw === undefined) throw new TransformError(`${side}.data is missing`)
  let parsed: unknown = raw
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw) as unknown
    } catch {
      throw new TransformError(`${side}.data is not valid JSON`)
    }
  }
  const fields = asRecord(parsed)
  if (!fields) throw new TransformError(`${side}.data is not a JSON object (got ${describe(parsed)})`)
  return fields
}

/** The Primero record id (`id` uuid column) of a row image; TransformError when absent or empty. */
export function readRecordId(row: Record<string, unknown>, side: 'before' | 'after'): string {
  const id = unwrapUnion(row.id)
  if (typeof id !== 'string' || id.trim() === '') throw new TransformError(`${side}.id is missing`)
  return id.trim()
}
