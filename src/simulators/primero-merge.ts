import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { isObject } from '../http/error-detail.js'
import type { FieldDef } from './primero-form.js'

type Row = Record<string, unknown>

/**
 * Primero's PATCH merge (RecordMergeDataHashService): plain fields are replaced; subform arrays are merged by
 * `unique_id` (same id → row fields merged, new id → appended, `_destroy: true` → removed; a row without
 * `unique_id` gets a new one). Returns the merged record and the fields whose value actually changed.
 */
export function mergeCase(
  existing: Readonly<Row>,
  patch: Readonly<Row>,
  form: Readonly<Record<string, FieldDef>>,
): { merged: Row; changed: Row } {
  const merged: Row = { ...existing }
  const changed: Row = {}
  for (const [name, value] of Object.entries(patch)) {
    const next = form[name]?.type === 'subform' && Array.isArray(value) ? mergeRows(existing[name], value) : value
    if (!isDeepStrictEqual(existing[name], next)) {
      merged[name] = next
      changed[name] = next
    }
  }
  return { merged, changed }
}

function mergeRows(current: unknown, patchRows: readonly unknown[]): Row[] {
  const rows: Row[] = Array.isArray(current) ? current.filter(isObject).map((r) => ({ ...r })) : []
  for (const patchRow of patchRows.filter(isObject)) {
    const { _destroy: destroy, ...fields } = patchRow
    const id = typeof fields.unique_id === 'string' ? fields.unique_id : undefined
    const at = id === undefined ? -1 : rows.findIndex((r) => r.unique_id === id)
    if (destroy === true) {
      if (at >= 0) rows.splice(at, 1)
    } else if (at >= 0) {
      rows[at] = { ...rows[at], ...fields }
    } else {
      rows.push({ ...fields, unique_id: id ?? randomUUID() })
    }
  }
  return rows
}
