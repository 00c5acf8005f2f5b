import type { RiskModel } from '../clients/moph-types.js'
import { isoDateTime } from './dates.js'
import { objectId } from './ids.js'
import type { Rng } from './prng.js'
import { CASE_STATUSES, IMPROVE_LEVELS, RISK_LEVELS, SEVERITY_TYPES } from './vocabulary.js'

/** A Child-Shield riskmodel with the mixed types of the real data (float or "Y"/"N" scores, "Low", "Unchange"). */
export interface RiskSubject {
  readonly cid: string
  readonly hcode: string
  readonly fname: string
  readonly lname: string
  readonly female: boolean
}

export function buildRiskModel(rng: Rng, subject: RiskSubject, updatedAt: number): RiskModel {
  const yesNo = rng.chance(0.3)
  const score = () => (yesNo ? rng.pick(['Y', 'N']) : Math.round(rng.next() * 10) / 10)
  const followUp = rng.chance(0.3)
  return {
    id: rng.chance(0.95) ? objectId(rng) : null,
    cid: subject.cid,
    hcode: subject.hcode,
    hn: rng.digits(6),
    fname: subject.fname,
    lname: subject.lname,
    sex: subject.female ? 'หญิง' : 'ชาย',
    age: String(rng.int(1, 17)),
    province_name: 'จำลอง',
    amphur_id: '9901',
    amphur_name: 'สมมติ',
    tambol_id: '990101',
    tambol_name: 'ตัวอย่าง',
    villagecode: '99010101',
    riskLevel: rng.pick(RISK_LEVELS),
    summaryRiskLevel: followUp ? rng.pick(['low', 'medium', 'high']) : null,
    improveLevel: followUp ? rng.pick(IMPROVE_LEVELS) : null,
    severityType: rng.chance(0.5) ? [rng.pick(SEVERITY_TYPES)] : null,
    physical: score(),
    mental: score(),
    sexual: score(),
    caseStatus: rng.pick(CASE_STATUSES),
    caseStatusBeforeRemove: null,
    focusedCaseStatus: null,
    osccTeamId: rng.chance(0.6) ? [rng.hex(24)] : [],
    officerId: rng.chance(0.3) ? objectId(rng) : null,
    careGiverUser: null,
    caseUserId: null,
    import_no: rng.chance(0.2) ? String(rng.int(1, 9)) : null,
    updatedAt: isoDateTime(updatedAt),
  }
}
