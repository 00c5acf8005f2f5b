import { INCIDENT, LOCATION_CODES, PERPETRATOR } from './form-options.js'
import { pickSome, type Rng } from './prng.js'

/** The incident details form: where, what kind of abuse, and for each kind entered, what exactly. */
export function incidentDetails(rng: Rng): Record<string, unknown> {
  const kinds = pickSome(rng, INCIDENT.kinds, 1, 2)
  const specify = (kind: (typeof INCIDENT.kinds)[number], field: string, options: readonly string[]) =>
    kinds.includes(kind) ? { [field]: pickSome(rng, options, 1, 2) } : {}
  return {
    location_of_the_incident_885fe8c: rng.pick(LOCATION_CODES),
    type_of_place_where_the_incident_occurred_bdc967d: rng.pick(INCIDENT.places),
    type_of_abuse_431f2ba: kinds,
    ...specify('physical', 'specify_physical_abuse_4867f38', INCIDENT.physicalAbuse),
    ...specify('sexual', 'specify_sexual_abuse_16d36f7', INCIDENT.sexualAbuse),
    ...(kinds.includes('sexual') ? { sexual_intercourse_a1585d0: rng.pick(INCIDENT.sexualIntercourse) } : {}),
    ...specify('mental', 'specify_mental_abuse_6182644', INCIDENT.mentalAbuse),
    ...specify('neglect', 'specify_neglect_9b8a22b', INCIDENT.neglect),
    ...specify('exploitation', 'specify_exploitation_ef65c2e', INCIDENT.exploitation),
  }
}

/** The perpetrator details form (no names, ids or contact details: those are never generated). */
export function perpetratorDetails(rng: Rng): Record<string, unknown> {
  return {
    gender_4e8704a: rng.chance(0.85) ? PERPETRATOR.gender[0] : rng.pick(PERPETRATOR.gender),
    nationality_fa822dc: rng.chance(0.8) ? PERPETRATOR.nationality[0] : rng.pick(PERPETRATOR.nationality),
    relationship_with_the_abused_eb757fc: rng.pick(PERPETRATOR.relationship),
    occupation_09639f9: rng.pick(PERPETRATOR.occupation),
    social_status_6c1074a: rng.pick(PERPETRATOR.socialStatus),
    environment_3c4fc2b: rng.pick(PERPETRATOR.environments),
    stimulant_9191303: pickSome(rng, PERPETRATOR.stimulants, 0, 2),
    relation_within_family_41a62f4: pickSome(rng, PERPETRATOR.familyRelations, 0, 1),
    economic_issues_84c5b46: pickSome(rng, PERPETRATOR.economicIssues, 0, 1),
  }
}
