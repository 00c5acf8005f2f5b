/**
 * Case fields that change without any change a flow cares about: Primero's own bookkeeping (who/when last
 * touched the record) and the sync status the bridge itself writes back (mark_synced_* are stripped by
 * Primero before saving, listed in case a deployment keeps them). An update touching only these is a no-op
 * for every flow — and publishing it would loop: his-to-primero's write-back would come back as a change.
 * `record_state` (soft delete) is deliberately NOT ignored: enabling or disabling a case matters downstream.
 * The single place this list lives; docs/cdc.md refers to it.
 */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set([
  'last_updated_at',
  'last_updated_by',
  'last_updated_by_full_name',
  'updated_at',
  'sync_status',
  'synced_at',
  'mark_synced',
  'mark_synced_status',
  'mark_synced_url',
])

/** True when `after` differs from `before` in any field other than BOOKKEEPING_FIELDS (deep, key-order free). */
export function changesCaseFields(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    if (BOOKKEEPING_FIELDS.has(key)) continue
    if (!sameJson(before[key], after[key])) return true
  }
  return false
}

/** Structural equality of JSON values; a missing key equals an absent one, not null. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]))
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const keysA = Object.keys(ra)
  if (keysA.length !== Object.keys(rb).length) return false
  return keysA.every((k) => Object.hasOwn(rb, k) && sameJson(ra[k], rb[k]))
}
