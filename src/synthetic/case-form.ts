import type { PrimeroCase } from '../clients/primero-types.js'
import { incidentDetails, perpetratorDetails } from './case-incident.js'
import {
  CHILD_OCCUPATIONS,
  CLOSURE_REASONS,
  FAMILY_STATUSES,
  LOCATION_CODES,
  OUT_OF_SCHOOL_REASONS,
  PROTECTION_CONCERNS,
  SERVICE_IMPLEMENTED,
  SERVICE_REFERRALS,
  SERVICE_RESPONSE_TYPES,
  TREATMENT_PLAN_STATUSES,
} from './form-options.js'
import { pickSome, type Rng } from './prng.js'

/**
 * The answers a caseworker enters on the forms Child-Shield receives: location, protection concerns, family,
 * education, treatment plan, closure reason, the services rows' response, and for most cases the incident and
 * perpetrator details. Select values are option ids only (form-options.ts). Drawn from a random stream of their
 * own, so that they leave the rest of a seed's data as it was.
 */
export function withCaseFormAnswers(rng: Rng, c: PrimeroCase): PrimeroCase {
  const services = Array.isArray(c.services_section) ? (c.services_section as Record<string, unknown>[]) : []
  return {
    ...c,
    location_current: rng.pick(LOCATION_CODES),
    urgent_protection_concern: rng.chance(0.3),
    protection_concerns: pickSome(rng, PROTECTION_CONCERNS, 1, 3),
    family_size: rng.int(2, 8),
    family_status: rng.pick(FAMILY_STATUSES),
    ...education(rng, typeof c.age === 'number' ? c.age : 0),
    ...(c.assessment_requested_on ? { status_of_treatment_plan_a8ca0e8: rng.pick(TREATMENT_PLAN_STATUSES) } : {}),
    ...(c.status === 'closed'
      ? { closure_reason: rng.chance(0.8) ? CLOSURE_REASONS[0] : rng.pick(CLOSURE_REASONS) }
      : {}),
    ...(rng.chance(0.8) ? incidentDetails(rng) : {}),
    ...(rng.chance(0.6) ? perpetratorDetails(rng) : {}),
    services_section: services.map((row) => ({
      ...row,
      service_response_type: rng.pick(SERVICE_RESPONSE_TYPES),
      service_implemented: rng.pick(SERVICE_IMPLEMENTED),
      ...(rng.chance(0.3) ? { service_referral: rng.pick(SERVICE_REFERRALS) } : {}),
    })),
  }
}

/** occupation_1: pre-school under 6, mostly a student after, else out of school with a reason. */
function education(rng: Rng, age: number): Record<string, unknown> {
  if (age < 6) return { occupation_1: CHILD_OCCUPATIONS.preSchool }
  if (rng.chance(0.85)) return { occupation_1: CHILD_OCCUPATIONS.student }
  return {
    occupation_1: rng.pick(CHILD_OCCUPATIONS.outOfSchool),
    if_out_of_school__specify_reason: rng.pick(OUT_OF_SCHOOL_REASONS),
  }
}
