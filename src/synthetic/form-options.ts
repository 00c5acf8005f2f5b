/**
 * What synthetic caseworkers enter in the select fields Child-Shield receives: option ids of the deployment's
 * lookups (and location codes), as real Primero stores only option ids of the form's lookups. Written here
 * rather than read from the Primero simulator on purpose: test/unit/synthetic/childshield-labels.test.ts fails
 * when the simulator stops serving a label for any of them.
 */

/** District and sub-district codes (`GET /api/v2/locations`). */
export const LOCATION_CODES = ['TH4111', 'TH411101', 'TH4001', 'TH400101'] as const

/** lookup-protection-concerns (multi), lookup-th-family-status and lookup-th-status-of-treatment-plan. */
export const PROTECTION_CONCERNS = ['sexually_exploited', 'physically_abused', 'mentally_abused', 'neglected'] as const
export const FAMILY_STATUSES = ['living_together', 'separated', 'divorced', 'widowed'] as const
export const TREATMENT_PLAN_STATUSES = ['not_started', 'ongoing', 'completed'] as const

/** closure_reason: options written in the form itself (CHILD_SHIELD_SELECTS); the first is the usual one. */
export const CLOSURE_REASONS = ['formal_closing', 'transferred', 'repatriated', 'other'] as const

/** A child's occupation_1 (lookup-th-occupation) and, out of school, why (lookup-th-out-of-school-reasons-b5b103a). */
export const CHILD_OCCUPATIONS = {
  preSchool: 'pre_school',
  student: 'student',
  outOfSchool: ['labourer', 'unemployed'],
} as const
export const OUT_OF_SCHOOL_REASONS = [
  'financial_problems_2a41c2e',
  'dropped_out_8c1d3f0',
  'has_to_work_9b4c0f3',
] as const

/** Services subform rows. */
export const SERVICE_RESPONSE_TYPES = ['care_plan', 'action_plan', 'service_provision'] as const
export const SERVICE_IMPLEMENTED = ['not_implemented', 'implemented'] as const
export const SERVICE_REFERRALS = ['internal_referral', 'external_referral'] as const

/** Perpetrator details; the first gender and nationality are the usual ones. */
export const PERPETRATOR = {
  gender: ['male', 'female'],
  nationality: ['thailand', 'myanmar', 'laos', 'cambodia'],
  relationship: ['father', 'stepfather', 'relative', 'boyfriend_girlfriend', 'acquaintance', 'stranger'],
  occupation: ['labourer', 'farmer', 'trader', 'unemployed'],
  socialStatus: ['employed', 'unemployed', 'student'],
  stimulants: ['alcohol', 'pornography', 'drugs', 'gambling'],
  familyRelations: ['conflict', 'domestic_violence', 'absent_parent'],
  environments: ['crowded_housing', 'drug_area', 'isolated_area'],
  economicIssues: ['debt', 'poverty', 'unemployment'],
} as const

/** Incident details: the kinds of abuse (lookup-th-type-of-abuse) and, for each, the options that specify it. */
export const INCIDENT = {
  kinds: ['physical', 'sexual', 'mental', 'neglect', 'exploitation'],
  places: ['home', 'school', 'public_place', 'online'],
  sexualIntercourse: ['no', 'yes', 'unknown'],
  physicalAbuse: ['hitting', 'kicking', 'with_weapon'],
  sexualAbuse: ['touching', 'attempted_rape', 'rape'],
  mentalAbuse: ['threats', 'insults'],
  neglect: ['no_food', 'no_medical_care', 'left_alone'],
  exploitation: ['labour', 'begging'],
} as const
