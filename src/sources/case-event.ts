import { normaliseNationalId } from '../domain/national-id.js'
import type { CaseEvent, CaseEventSource, CaseEventType } from '../domain/records.js'

/** Fields of a Primero case (or webhook `data`) that a CaseEvent lifts out; everything else stays in caseData. */
export interface CaseFields {
  readonly recordId: string
  readonly fields: Readonly<Record<string, unknown>>
}

export interface CaseEventStamp {
  readonly type: CaseEventType
  readonly source: CaseEventSource
  readonly eventId: string
  readonly now: number
}

/**
 * Builds the CaseEvent for a case as Primero gave it. The national id is normalised (dashes stripped, JSON
 * numbers accepted, 13 digits) or null with the reason. `requestedBy` is `last_updated_by`, else `owned_by`
 * (Primero's webhook does not name the user who clicked Sync). `caseData` is every field given, as JSON.
 */
export function toCaseEvent({ recordId, fields }: CaseFields, stamp: CaseEventStamp): CaseEvent {
  const nationalId = normaliseNationalId(fields.national_id_no)
  const lastUpdated = typeof fields.last_updated_at === 'string' ? Date.parse(fields.last_updated_at) : Number.NaN
  return {
    eventId: stamp.eventId,
    type: stamp.type,
    source: stamp.source,
    occurredAt: stamp.now,
    recordId,
    caseId: text(fields.case_id),
    caseIdDisplay: text(fields.case_id_display) ?? text(fields.short_id),
    nationalId: nationalId.ok ? nationalId.value : null,
    nationalIdIssue: nationalId.ok ? null : nationalId.reason,
    status: text(fields.status),
    lastUpdatedAt: Number.isNaN(lastUpdated) ? null : lastUpdated,
    requestedBy: text(fields.last_updated_by) ?? text(fields.owned_by),
    caseData: JSON.stringify(fields),
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}
