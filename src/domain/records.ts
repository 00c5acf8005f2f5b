/**
 * TypeScript shapes of the Avro records in schemas/ (hand-written; test/unit/domain/records.test.ts
 * round-trips fixtures through avsc to keep them in step). Timestamps are epoch milliseconds:
 * no avsc logical-type hook is registered, so `timestamp-millis` decodes as a plain number.
 */

export type CaseEventType = 'CREATED' | 'UPDATED' | 'SYNC_REQUESTED'
export type CaseEventSource = 'WEBHOOK' | 'POLLER' | 'CDC'

/** org.primerobridge.CaseEvent — topic primero.case-events, key = Primero record id. */
export interface CaseEvent {
  eventId: string
  type: CaseEventType
  source: CaseEventSource
  occurredAt: number
  recordId: string
  caseId: string | null
  caseIdDisplay: string | null
  nationalId: string | null
  nationalIdIssue: string | null
  status: string | null
  lastUpdatedAt: number | null
  requestedBy: string | null
  /** JSON object string of the case's form fields. */
  caseData: string
}

/** org.primerobridge.AuditEvent — topic primero-bridge.audit, key = Primero record id. */
export interface AuditEvent {
  auditId: string
  occurredAt: number
  stage: string
  actor: string | null
  system: string
  action: string
  resource: string
  recordId: string | null
  fields: string[]
  outcome: string
  httpStatus: number | null
  correlationId: string | null
  detail: string | null
}

/** org.primerobridge.Cursor — topic primero-bridge.cursors (compacted), key = source name. */
export interface Cursor {
  source: string
  value: string
  takenAt: number
  recordsPublished: number
}

/** org.primerobridge.RiskScore — topic childshield.risk-scores, key = national id. Also the shape of HisRiskModel. */
export interface RiskScore {
  nationalId: string
  childShieldCaseId: string | null
  riskLevel: string | null
  summaryRiskLevel: string | null
  improveLevel: string | null
  severityTypes: string[]
  physical: string | null
  mental: string | null
  sexual: string | null
  caseStatus: string | null
  osccTeamIds: string[]
  officerId: string | null
  careGiverUser: string | null
  caseUserId: string | null
  caseStatusBeforeRemove: string | null
  importNo: string | null
  updatedAt: number | null
}

export type HisLookupStatus = 'FOUND' | 'NOT_FOUND' | 'INVALID_REQUEST' | 'FAILED'

export interface HisPerson {
  hn: string | null
  hcode: string | null
  hname: string | null
  title: string | null
  firstName: string | null
  lastName: string | null
  sex: string | null
  birthday: string | null
  nationality: string | null
  maritalStatus: string | null
  education: string | null
  occupationName: string | null
  insuranceName: string | null
  address: string | null
  phone: string | null
}

/** type: "1".."5" (principal, comorbidity, complication, other, external cause) or null. */
export interface HisDiagnosis {
  icd10: string | null
  name: string | null
  type: string | null
}

export interface HisLab {
  code: string | null
  name: string | null
  result: string | null
  unit: string | null
  normalRange: string | null
}

export interface HisAssessment {
  date: string | null
  weightKg: number | null
  heightCm: number | null
  physicalExam: string | null
  physicalExamText: string | null
  generalText: string | null
}

export interface HisAnc {
  date: string | null
  gaWeek: number | null
  lmp: string | null
  edc: string | null
  pregnancyNo: number | null
}

export interface HisVisit {
  visitId: string | null
  vn: string | null
  visitDate: string | null
  visitTime: string | null
  facilityCode: string | null
  facilityName: string | null
  department: string | null
  departmentName: string | null
  specialty: string | null
  specialtyName: string | null
  visitType: string | null
  diagnoses: HisDiagnosis[]
  labs: HisLab[]
  assessments: HisAssessment[]
  anc: HisAnc[]
}

/** org.primerobridge.HisLookupResult — topic his.lookup-results, key = Primero record id. */
export interface HisLookupResult {
  requestId: string
  recordId: string
  nationalId: string | null
  status: HisLookupStatus
  reason: string | null
  requestedBy: string | null
  person: HisPerson | null
  /** Newest first, at most 50. */
  visits: HisVisit[]
  riskModel: RiskScore | null
  fetchedAt: number
}
