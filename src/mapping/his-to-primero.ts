import type { HisLookupResult } from '../domain/records.js'
import { PHYSICAL_CHECK, PREGNANCY, SYNC_FIELDS } from './field-map.js'
import { diagnosisFields, latestVisitFields, personFields } from './his-demographics.js'
import { physicalCheckRows, pregnancyRows } from './his-subforms.js'
import { riskScoreToPrimeroFields } from './risk-to-primero.js'

export { PRIMERO_SUBFORM_FIELDS, PRIMERO_WRITABLE_FIELDS } from './field-map.js'

/** Primero's `mark_synced_status` values (`sync_status` shown to the caseworker). */
export const SYNC_STATUSES = ['synced', 'not_found', 'failed'] as const
export type SyncStatus = (typeof SYNC_STATUSES)[number]

/** Whether a case's sync status is an outcome the bridge wrote (Primero's own webhook sets only sending/sent). */
export function isSyncOutcome(status: unknown): status is SyncStatus {
  return (SYNC_STATUSES as readonly unknown[]).includes(status)
}

export interface PrimeroPatch {
  /** Primero record id to PATCH (`/api/v2/cases/:recordId`). */
  readonly recordId: string
  readonly data: Record<string, unknown>
  /** PII-free notes about values that could not be mapped (field names only). */
  readonly warnings: string[]
}

export interface PatchOptions {
  /** Sent as `mark_synced_url`. */
  readonly syncUrl: string
  /** Reference time for the computed age. */
  readonly now: Date
}

/**
 * The Primero PATCH body for a HIS lookup result (reference §2.4, A3/A4). FOUND: demographics, the
 * latest visit, its diagnoses, `physical_check_2` and `new_pregnancy` rows with deterministic
 * unique_ids, Child-Shield risk fields when a risk model came along, and `mark_synced_status:
 * "synced"`. NOT_FOUND → "not_found"; INVALID_REQUEST and FAILED → "failed", with no other field.
 * Pure and deterministic: the same result and options give the same patch. Only fields in
 * PRIMERO_WRITABLE_FIELDS appear.
 */
export function hisResultToPrimeroPatch(result: HisLookupResult, opts: PatchOptions): PrimeroPatch {
  if (result.status !== 'FOUND') {
    const status: SyncStatus = result.status === 'NOT_FOUND' ? 'not_found' : 'failed'
    return { recordId: result.recordId, data: syncStatusPatch(status, opts.syncUrl), warnings: [] }
  }
  const latest = result.visits[0]
  const risk = result.riskModel ? riskScoreToPrimeroFields(result.riskModel) : { data: {}, warnings: [] }
  const data: Record<string, unknown> = {
    ...syncStatusPatch('synced', opts.syncUrl),
    ...(result.person ? personFields(result.person, opts.now) : {}),
    ...(latest ? latestVisitFields(latest, result.person) : {}),
    ...(latest ? diagnosisFields(latest) : {}),
    [PHYSICAL_CHECK.subform]: physicalCheckRows(result.visits, result.nationalId),
    [PREGNANCY.subform]: pregnancyRows(result.visits, result.nationalId),
    ...risk.data,
  }
  return { recordId: result.recordId, data, warnings: risk.warnings }
}

/** The sync-status write-back alone (A4). `mark_synced: true` is always sent with an explicit status. */
export function syncStatusPatch(status: SyncStatus, syncUrl: string): Record<string, unknown> {
  return { [SYNC_FIELDS.flag]: true, [SYNC_FIELDS.status]: status, [SYNC_FIELDS.url]: syncUrl }
}
