import { ConfigError } from '../errors.js'
import { CHILD_SHIELD_CASE_FIELDS } from '../mapping/childshield-sections.js'
import { HIS_SOURCED_SUBFORMS, PRIMERO_WRITABLE_FIELDS, withoutHisRows } from '../mapping/field-map.js'

/**
 * Primero's own bookkeeping: who/when last touched the record and the sync status it derives from the bridge's
 * write-back. `record_state` (soft delete) is deliberately NOT here: enabling or disabling a case matters downstream.
 */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set([
  'last_updated_at',
  'last_updated_by',
  'last_updated_by_full_name',
  'updated_at',
  'sync_status',
  'synced_at',
])

/**
 * Case fields the bridge itself writes (PRIMERO_WRITABLE_FIELDS: HIS-mapped fields, risk fields, mark_synced*) that
 * no flow reads back from a case event. Derived from the mapping configuration, so it cannot drift from it. A
 * bridge-written field a flow does read (the HIS subforms case-to-childshield sends) is compared without the
 * bridge's own rows instead (see changesCaseFields).
 */
export const BRIDGE_WRITTEN_FIELDS: ReadonlySet<string> = new Set(
  [...PRIMERO_WRITABLE_FIELDS].filter((field) => !CHILD_SHIELD_CASE_FIELDS.has(field)),
)

/**
 * What an update may change and still be a no-op for every flow: bookkeeping and the bridge's own write-backs.
 * Publishing such an update would loop: his-to-primero's or risk-to-primero's PATCH would come back through CDC
 * as a change and be sent to Child-Shield again. The single place this set is built; docs/cdc.md refers to it.
 */
export const DEFAULT_NOOP_IGNORED_FIELDS: ReadonlySet<string> = new Set([
  ...BOOKKEEPING_FIELDS,
  ...BRIDGE_WRITTEN_FIELDS,
])

/**
 * The default set plus deployment-specific fields (config CDC_NOOP_IGNORE_FIELDS). A field Child-Shield receives is
 * refused: ignoring it would silently stop its changes from reaching Child-Shield.
 */
export function noopIgnoredFields(extra: readonly string[] = []): ReadonlySet<string> {
  const used = extra.filter((field) => CHILD_SHIELD_CASE_FIELDS.has(field))
  if (used.length > 0) {
    throw new ConfigError([
      `CDC_NOOP_IGNORE_FIELDS: ${used.join(', ')} ${used.length === 1 ? 'is' : 'are'} sent to Child-Shield; a change to ${used.length === 1 ? 'it' : 'them'} must not be filtered out`,
    ])
  }
  return new Set([...DEFAULT_NOOP_IGNORED_FIELDS, ...extra])
}

/**
 * True when `after` differs from `before` in a field a flow uses: any field outside `ignored` (deep, key-order
 * free), where the rows the bridge wrote into a HIS subform (`source_of_information_* === "his"`) do not count.
 */
export function changesCaseFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignored: ReadonlySet<string> = DEFAULT_NOOP_IGNORED_FIELDS,
): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    if (ignored.has(key)) continue
    if (!sameJson(withoutBridgeRows(key, before[key]), withoutBridgeRows(key, after[key]))) return true
  }
  return false
}

/**
 * A HIS subform's value without the rows the bridge wrote from HIS, with "no rows left", [] and absent read alike
 * (the first sync creates the subform); any other field's value as it is.
 */
function withoutBridgeRows(field: string, value: unknown): unknown {
  if (!(field in HIS_SOURCED_SUBFORMS)) return value
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) return value
  const rows = withoutHisRows(field, value as readonly unknown[])
  return rows.length === 0 ? undefined : rows
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
