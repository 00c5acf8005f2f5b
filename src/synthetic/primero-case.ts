import type { PrimeroCase } from '../clients/primero-types.js'
import { addDays, isoDate, isoDateTime } from './dates.js'
import { dashedNationalId, uuid } from './ids.js'
import type { Rng } from './prng.js'
import {
  AGENCIES,
  CASEWORKERS,
  LATIN_FIRST_NAMES,
  LATIN_LAST_NAMES,
  THAI_FIRST_NAMES,
  THAI_LAST_NAMES,
} from './vocabulary.js'

export interface ChildBasics {
  readonly nationalId: string
  readonly sex: 'male' | 'female'
  readonly dateOfBirth: number
  readonly registeredAt: number
  readonly thaiName: { readonly first: string; readonly last: string }
}

export function childBasics(rng: Rng, nationalId: string, registeredAt: number): ChildBasics {
  const age = rng.int(1, 17)
  return {
    nationalId,
    sex: rng.chance(0.5) ? 'male' : 'female',
    dateOfBirth: addDays(registeredAt, -(age * 365 + rng.int(0, 364))),
    registeredAt,
    thaiName: { first: rng.pick(THAI_FIRST_NAMES), last: rng.pick(THAI_LAST_NAMES) },
  }
}

/** As caseworkers type it: mostly plain, sometimes dashed, sometimes a JSON number, occasionally missing. */
function nationalIdVariant(rng: Rng, id: string): string | number | null {
  const roll = rng.next()
  if (roll < 0.8) return id
  if (roll < 0.9) return dashedNationalId(id)
  if (roll < 0.96) return Number(id)
  return null
}

export function buildPrimeroCase(rng: Rng, child: ChildBasics): PrimeroCase {
  const caseId = uuid(rng)
  const shortId = caseId.slice(-7)
  const closed = rng.chance(0.2)
  const owner = rng.pick(CASEWORKERS)
  const latin = rng.chance(0.3)
  const first = latin ? rng.pick(LATIN_FIRST_NAMES) : child.thaiName.first
  const last = latin ? rng.pick(LATIN_LAST_NAMES) : child.thaiName.last
  const updatedAt = child.registeredAt + rng.int(60_000, 30 * 86_400_000)
  const assessed = rng.chance(0.7)
  return {
    id: uuid(rng),
    enabled: true,
    case_id: caseId,
    case_id_display: shortId,
    short_id: shortId,
    name_first: first,
    name_last: last,
    name: `${first} ${last}`,
    sex: child.sex,
    age: Math.floor((child.registeredAt - child.dateOfBirth) / (365.25 * 86_400_000)),
    date_of_birth: isoDate(child.dateOfBirth),
    national_id_no: nationalIdVariant(rng, child.nationalId),
    nationality: ['thailand'],
    registration_date: isoDate(child.registeredAt),
    status: closed ? 'closed' : 'open',
    workflow: closed ? 'closed' : rng.pick(['new', 'assessment', 'case_plan', 'services_implemented']),
    module_id: 'primeromodule-cp',
    owned_by: owner,
    owned_by_agency_id: rng.pick(AGENCIES),
    owned_by_groups: ['usergroup-synthetic-province'],
    associated_user_names: [owner],
    risk_level: rng.pick(['low', 'medium', 'high']),
    assessment_requested_on: assessed ? isoDate(addDays(child.registeredAt, rng.int(0, 3))) : null,
    date_closure: closed ? isoDate(updatedAt) : null,
    consent_for_services: true,
    disclosure_other_orgs: rng.chance(0.8),
    record_state: true,
    record_in_scope: true,
    alert_count: 0,
    created_at: isoDateTime(child.registeredAt),
    last_updated_at: isoDateTime(updatedAt),
    services_section: Array.from({ length: rng.int(0, 2) }, () => ({
      unique_id: uuid(rng),
      service_type: rng.pick(['safehouse_service', 'health_medical_service', 'psychosocial_service']),
      service_implementing_agency: rng.pick(AGENCIES),
      service_response_day_time: isoDateTime(child.registeredAt + rng.int(0, 86_400_000)),
    })),
  }
}
