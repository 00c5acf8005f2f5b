/**
 * Data minimisation, written by hand from the reference document (../shared/reference/primero-his-childshield.md)
 * and deliberately NOT derived from the mapper's tables (src/mapping/*): what each target may receive, key by key,
 * at every depth. A field the mapper starts sending that is not listed here fails the security suite.
 */
/**
 * - value: a string, number, boolean or null (never an object or array);
 * - values: null or an array of plain values (a multi-select of option ids);
 * - select: a value, or Child-Shield's `{<option id>: <label>}`: one key shaped as a Primero option id;
 * - multi: null, '' or an array of `select`s;
 * - location: a value, or `{<location code>: <name>}`: one key shaped as a Primero location code;
 * - rows: null or an array of subform rows, each row's keys listed.
 */
export type Allowed =
  | 'value'
  | 'values'
  | 'select'
  | 'multi'
  | 'location'
  | { readonly rows: Readonly<Record<string, Allowed>> }
  | { readonly fields: Readonly<Record<string, Allowed>> }

const v = 'value' as const
const each = (names: readonly string[], as: Allowed = v) => Object.fromEntries(names.map((n) => [n, as]))

/** §2.4 `physical_check_2[]` rows; the four sperm / acid-phosphatase / vaginal-smear names are the Thai form's. */
const PHYSICAL_CHECK_ROW = each([
  'unique_id',
  'date_6',
  'department_d8ec3cb',
  'patient_s_weight',
  'patient_s_height',
  'general_examination_results',
  'description_of_physical_examination_observations_1',
  'if_teared__please_estimate_date',
  'date_of_last_period_menstruation',
  'source_of_information_44cac9a',
  'pregnancy_test_21c37e2',
  'hiv_ab_8c67abf',
  'vdrl_aa8c121',
  'hbv_ab__ag_f13b335',
  'hcv_ab_945585c',
  'sperm_check_2612983',
  'acid_phosphates_118c999',
  'vag__smeargram_strain_fce21b2',
  'vag__parasite_7504774',
])

/** §2.4 `new_pregnancy[]` rows. */
const PREGNANCY_ROW = each(['unique_id', 'current_gestational_week', 'date_of_report', 'source_of_information_647b9db'])

/** The `data` of a Primero PATCH: §2.4 (HIS → Primero), §2.5 (risk → Primero), the sync write-back (§1.3, §2.4). */
export const PRIMERO_PATCH_DATA: Readonly<Record<string, Allowed>> = {
  // §2.4 case-level fields
  ...each(['national_id_no', 'other_agency_id', 'name_first', 'name_last', 'date_of_birth', 'age', 'sex']),
  ...each(['maritial_status', 'address_current', 'telephone_current', 'insurance_type_2d79b49']),
  ...each(['school_level_attained_', 'if_working__please_specify_5c0dd61']),
  nationality: 'values',
  // §2.4 from the most recent intervention, and the diagnoses by type
  ...each(['service_department_87cec18', 'service_place_code_98d0a58', 'outpatient_number']),
  ...each(['case_detected_by_b4272cd', 'date_and_time_of_visit_to_the_hospital']),
  ...each(['main_diagnosis__04438ee', 'co_morbidity_d3dfab2', 'complications_123ecae', 'other_diagnosis_a692bec']),
  external_cause_of_injury_8451818: v,
  // §2.4 subforms
  physical_check_2: { rows: PHYSICAL_CHECK_ROW },
  new_pregnancy: { rows: PREGNANCY_ROW },
  // §2.5 risk fields
  ...each([
    'child_shield_case_id_95aaf33',
    'risk_level_from_child_shield_system_2df7bf4',
    'summary_risk_level_70cca8c',
  ]),
  ...each(['improve_level_ac512e2', 'child_shield_case_status_47a0eef', 'mental_d2e118d', 'physical_aa3d640']),
  ...each(['sexual_b2b5d48', 'import_number_a1a204c', 'oscc_team_id_d16244c', 'officer_id_a575aac']),
  ...each(['care_giver_user_b93a5bd', 'case_user_id_54c9fa6', 'case_status_before_remove_58dd4e2']),
  severity_type_323dfc7: 'values',
  // sync status write-back
  ...each(['mark_synced', 'mark_synced_status', 'mark_synced_url']),
}

/**
 * One day's Child-Shield snapshot, by form section. §2.6 names every section below; it lists the fields of
 * basic_identity, assessment, closure_form and (examples D1/D2, §4.4) the two `formsection-*` keys, and §1.3 the
 * rows of services_section. Where §2.6 elides a section's fields ("…"), the fields below are the Thai form's,
 * reviewed for minimisation (no names, contact details or identifiers of the child or of a perpetrator, no HIS
 * data) and written here by hand: a field added to the upload configuration needs a deliberate change here too.
 * Subforms whose row fields the reference does not give allow no row field: rows there need a review first.
 */
export const CHILD_SHIELD_SNAPSHOT: Readonly<Record<string, Allowed>> = {
  basic_identity: {
    fields: {
      ...each(['national_id_no', 'registration_date', 'case_id_display', 'other_id_no', 'other_id_type']),
      assessment_due_date: v,
      location_current: 'location',
    },
  },
  assessment: {
    fields: {
      ...each(['assessment_requested_on', 'case_plan_due_date', 'urgent_protection_concern']),
      risk_level: 'select',
    },
  },
  conclusion: {
    fields: {
      ...each(['urgent_protection_concern', 'protection_concerns_other']),
      protection_concerns: 'multi',
      risk_level: 'select',
    },
  },
  cp_case_plan: { fields: { date_case_plan: v, protection_concerns: 'multi', additional_details_3d84596: v } },
  family_details: {
    fields: { ...each(['family_size', 'who_is_the_patient_living_with_', 'family_notes']), family_status: 'select' },
  },
  followup: {
    fields: { status_of_treatment_plan_a8ca0e8: 'select', protection_concerns: 'multi', risk_level: 'select' },
  },
  closure_form: { fields: { status: 'select', closure_reason: 'select', closure_reason_other: v, date_closure: v } },
  'formsection-patient-education-and-career-6d53ca5': {
    fields: {
      ...each(['email_address', 'if_other__please_specify_2', 'additional_details']),
      occupation_1: 'select',
      if_out_of_school__specify_reason: 'select',
    },
  },
  'formsection-perpetrator-details-998d1e0': {
    fields: {
      ...each(['number_of_perpetrator_1c07dd4', 'age_21cbe0d', 'other_contributing_factors__please_specify_53bc483']),
      ...each(
        ['occupation_1', 'gender_4e8704a', 'nationality_fa822dc', 'relationship_with_the_abused_eb757fc'],
        'select',
      ),
      ...each(['social_status_6c1074a', 'occupation_09639f9', 'environment_3c4fc2b'], 'select'),
      ...each(['stimulant_9191303', 'relation_within_family_41a62f4', 'economic_issues_84c5b46'], 'multi'),
      ...each(['physical_issue_1f182e4', 'mental_issue_5607d21'], 'multi'),
    },
  },
  'formsection-department-identification-e9cf45f': { fields: { if_other__please_specify_1: v } },
  'formsection-unexpected-pregnancy-9a51ea8': {
    fields: each(['first_pregnancy_at_age', 'number_of_live_births_to_date', 'history_of_abortion__if_any_']),
  },
  'formsection-incident-details-fe05aa4': {
    fields: {
      ...each(['date_of_incident_creation_e497d33', 'date_of_abuse_6e0107e']),
      location_of_the_incident_885fe8c: 'location',
      ...each(['type_of_place_where_the_incident_occurred_bdc967d', 'sexual_intercourse_a1585d0'], 'select'),
      ...each(['type_of_abuse_431f2ba', 'specify_physical_abuse_4867f38', 'specify_sexual_abuse_16d36f7'], 'multi'),
      ...each(['specify_physical_interaction_d13d273', 'if_no_physical_touch__please_specify_1159dde'], 'multi'),
      ...each(['specify_mental_abuse_6182644', 'specify_neglect_9b8a22b', 'specify_exploitation_ef65c2e'], 'multi'),
      ...each(['specify_human_trafficking_dca84dd', 'stimulant_a4096c2', 'relation_within_family_a6c45fd'], 'multi'),
      ...each(['economic_issue_a445217', 'physical_issue_2e9f1c6', 'mental_issue_4785ece'], 'multi'),
    },
  },
  services_section: {
    rows: {
      ...each(['unique_id', 'service_response_day_time', 'service_implemented_day_time', 'service_referral_notes']),
      service_implementing_agency: v,
      ...each(['service_type', 'service_response_type', 'service_implemented', 'service_referral'], 'select'),
      service_subtype: 'multi',
    },
  },
  ...Object.fromEntries(
    ['age_assessment', 'assessment_update', 'conference_details_subform', 'family_details_section']
      .concat(['followup_subform_section', 'new_expense', 'new_formal_complaint_2', 'witnesses__6c0a33c'])
      .map((subform) => [subform, { rows: {} }]),
  ),
  // Only rows a caseworker entered: a row whose source is "his" must never go back (checked separately).
  physical_check_2: { rows: PHYSICAL_CHECK_ROW },
  new_pregnancy: { rows: PREGNANCY_ROW },
}

/**
 * Case fields the bridge writes into Primero from HIS or Child-Shield (§2.4, §2.5), except the national id and
 * the two subforms (whose caseworker rows do go): never part of a Child-Shield upload, at any depth.
 */
export const NEVER_TO_CHILD_SHIELD: ReadonlySet<string> = new Set(
  Object.keys(PRIMERO_PATCH_DATA).filter(
    (field) => !['national_id_no', 'physical_check_2', 'new_pregnancy'].includes(field) && !field.startsWith('mark_'),
  ),
)

/** Every object key in `value`, at every depth. */
export function keysAnywhere(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysAnywhere)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysAnywhere(inner)])
}

/** Subform → the field that marks a row written from HIS (§2.4: `source_of_information_*: "his"`). */
export const HIS_ROW_MARKERS: Readonly<Record<string, string>> = {
  physical_check_2: 'source_of_information_44cac9a',
  new_pregnancy: 'source_of_information_647b9db',
}

/** Primero option ids (`health_medical_service`, `high_8df42a5`) and location codes (`TH410111`). */
const OPTION_ID = /^[a-z][a-z0-9_]*$/
const LOCATION_CODE = /^[A-Z]{2}[0-9]*$/

const isPlain = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x)
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** Every key, at every depth, that `value` holds beyond `allowed`; each as a path. */
export function violations(value: unknown, allowed: Allowed, path: string): string[] {
  if (allowed === 'value') return isPlain(value) ? [] : [`${path}: not a plain value`]
  if (allowed === 'values') {
    if (value === null) return []
    return Array.isArray(value) && value.every(isPlain) ? [] : [`${path}: not a list of plain values`]
  }
  if (allowed === 'select') return labelled(value, OPTION_ID, path, 'option id')
  if (allowed === 'location') return labelled(value, LOCATION_CODE, path, 'location code')
  if (allowed === 'multi') {
    if (value === null || value === '') return []
    if (!Array.isArray(value)) return [`${path}: not a list`]
    return value.flatMap((item, i) => labelled(item, OPTION_ID, `${path}[${i}]`, 'option id'))
  }
  if ('rows' in allowed) {
    if (value === null) return []
    if (!Array.isArray(value)) return [`${path}: not a list of rows`]
    return value.flatMap((row, i) => keysWithin(row, allowed.rows, `${path}[${i}]`))
  }
  return keysWithin(value, allowed.fields, path)
}

/** An object whose every key is listed in `fields`, each value within what its field allows. */
export function keysWithin(value: unknown, fields: Readonly<Record<string, Allowed>>, path: string): string[] {
  if (!isObject(value)) return [`${path}: not an object`]
  return Object.entries(value).flatMap(([key, inner]) => {
    const allowed = fields[key]
    return allowed === undefined ? [`${path}.${key}`] : violations(inner, allowed, `${path}.${key}`)
  })
}

function labelled(value: unknown, key: RegExp, path: string, what: string): string[] {
  if (isPlain(value)) return []
  if (!isObject(value)) return [`${path}: not a value or {${what}: label}`]
  const entries = Object.entries(value)
  if (entries.length !== 1) return [`${path}: ${entries.length} keys in a {${what}: label}`]
  const [id, label] = entries[0]!
  if (!key.test(id)) return [`${path}: key is not a ${what}`]
  return label === null || typeof label === 'string' ? [] : [`${path}.${id}: label is not text`]
}
