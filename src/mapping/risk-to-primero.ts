import type { RiskScore } from '../domain/records.js'
import {
  CASE_STATUS_OPTIONS,
  IMPROVE_LEVEL_OPTIONS,
  RISK_FIELDS,
  RISK_LEVEL_OPTIONS,
  SEVERITY_TYPE_OPTIONS,
} from './field-map.js'
import { lookupKey } from './normalise.js'

export interface RiskFieldsResult {
  readonly data: Record<string, unknown>
  /** One entry per value that had no Primero option; names the field, never the value. */
  readonly warnings: string[]
}

/**
 * Maps a RiskScore to the Primero Child-Shield risk fields. Select values are matched ignoring case
 * and punctuation ("Low" → low_c8318d2, "Unchange" → unchanged_f10da80, "assigned_team" →
 * assigned_team_04c3f8e); a value with no option becomes null plus a warning. Missing values are real
 * nulls, never the string "null". Team ids are joined with ", " (the Primero field is text).
 */
export function riskScoreToPrimeroFields(score: RiskScore): RiskFieldsResult {
  const warnings: string[] = []
  const select = (field: string, options: Readonly<Record<string, string>>, value: string | null): string | null => {
    if (value === null) return null
    const optionId = options[lookupKey(value)]
    if (optionId === undefined) warnings.push(`${field}: value has no Primero option; sent as null`)
    return optionId ?? null
  }
  const data: Record<string, unknown> = {
    [RISK_FIELDS.caseId]: score.childShieldCaseId,
    [RISK_FIELDS.riskLevel]: select(RISK_FIELDS.riskLevel, RISK_LEVEL_OPTIONS, score.riskLevel),
    [RISK_FIELDS.summaryRiskLevel]: select(RISK_FIELDS.summaryRiskLevel, RISK_LEVEL_OPTIONS, score.summaryRiskLevel),
    [RISK_FIELDS.improveLevel]: select(RISK_FIELDS.improveLevel, IMPROVE_LEVEL_OPTIONS, score.improveLevel),
    [RISK_FIELDS.severityTypes]: severityOptions(score.severityTypes, warnings),
    [RISK_FIELDS.physical]: score.physical,
    [RISK_FIELDS.mental]: score.mental,
    [RISK_FIELDS.sexual]: score.sexual,
    [RISK_FIELDS.caseStatus]: select(RISK_FIELDS.caseStatus, CASE_STATUS_OPTIONS, score.caseStatus),
    [RISK_FIELDS.osccTeamIds]: score.osccTeamIds.length > 0 ? score.osccTeamIds.join(', ') : null,
    [RISK_FIELDS.officerId]: score.officerId,
    [RISK_FIELDS.careGiverUser]: score.careGiverUser,
    [RISK_FIELDS.caseUserId]: score.caseUserId,
    [RISK_FIELDS.caseStatusBeforeRemove]: score.caseStatusBeforeRemove,
    [RISK_FIELDS.importNo]: score.importNo,
  }
  return { data, warnings }
}

/** Multi-select: option ids in input order without duplicates; null when none maps. */
function severityOptions(labels: readonly string[], warnings: string[]): string[] | null {
  const ids = new Set<string>()
  let unmapped = 0
  for (const label of labels) {
    const id = SEVERITY_TYPE_OPTIONS[label.trim()] ?? SEVERITY_TYPE_OPTIONS[lookupKey(label)]
    if (id === undefined) unmapped++
    else ids.add(id)
  }
  if (unmapped > 0) warnings.push(`${RISK_FIELDS.severityTypes}: ${unmapped} value(s) have no Primero option; dropped`)
  return ids.size > 0 ? [...ids] : null
}
