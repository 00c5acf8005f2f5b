import type { RiskScore } from '../domain/records.js'
import { normaliseNationalId } from '../domain/national-id.js'
import { asArray, asRecord, text as anyText } from './normalise.js'

export interface RiskScoreFallback {
  /** Used when the risk model carries no valid `cid` (e.g. embedded in a HIS person found by that id). */
  readonly nationalId?: string | null
}

/**
 * Normalises a raw Child-Shield `riskmodel` into a RiskScore: scores stringified ("0.9", "Y", "N"),
 * enum values kept as received (trimmed), arrays always arrays, `import_no` stringified.
 * Returns null when the input is not an object or no valid 13-digit national id is available.
 */
export function riskModelToScore(raw: unknown, fallback: RiskScoreFallback = {}): RiskScore | null {
  const model = asRecord(raw)
  if (!model) return null
  const cid = normaliseNationalId(model.cid)
  const nationalId = cid.ok ? cid.value : (fallback.nationalId ?? null)
  if (nationalId === null) return null
  return {
    nationalId,
    childShieldCaseId: text(model.id),
    riskLevel: text(model.riskLevel),
    summaryRiskLevel: text(model.summaryRiskLevel),
    improveLevel: text(model.improveLevel),
    severityTypes: textList(model.severityType),
    physical: score(model.physical),
    mental: score(model.mental),
    sexual: score(model.sexual),
    caseStatus: text(model.caseStatus),
    osccTeamIds: textList(model.osccTeamId),
    officerId: text(model.officerId),
    careGiverUser: text(model.careGiverUser),
    caseUserId: text(model.caseUserId),
    caseStatusBeforeRemove: text(model.caseStatusBeforeRemove),
    importNo: text(model.import_no),
    updatedAt: epochMillis(model.updatedAt),
  }
}

/** Text, with the literal strings "null" and "undefined" (left by earlier stringifying integrations) as null. */
function text(value: unknown): string | null {
  const raw = anyText(value)
  return raw === null || raw === 'null' || raw === 'undefined' ? null : raw
}

/** Numbers stringified (0.9 → "0.9"); "y"/"n" upper-cased; other text kept; anything else null. */
function score(value: unknown): string | null {
  const raw = text(value)
  if (raw === null) return null
  return /^[yn]$/i.test(raw) ? raw.toUpperCase() : raw
}

/** A list of non-empty texts; a lone value becomes a one-item list; null becomes []. */
function textList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value]
  return asArray(items).flatMap((item) => {
    const t = text(item)
    return t === null ? [] : [t]
  })
}

function epochMillis(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}
