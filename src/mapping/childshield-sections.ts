/**
 * Primero → Child-Shield upload configuration (reference §2.6, D1/D2): the per-day copy of a case, grouped by
 * Primero form section and keyed by the form-section ids. Hashed field names and option sources are this
 * deployment's form configuration, like those in field-map.ts: change them here, nowhere else.
 *
 * Data minimisation: only the fields listed here leave the bridge. HIS-written fields (diagnoses, demographics,
 * HIS subform rows) are deliberately absent: Child-Shield must not get HIS data back from Primero.
 */

/** A section that is a Primero subform: the key is the subform field, its rows are sent whole (minus HIS rows). */
export const SUBFORM = 'subform'

/** The fields of a plain section (`section[field]`), or SUBFORM. */
export type SectionSpec = readonly string[] | typeof SUBFORM

/** Child-Shield form-section key → what it holds. */
export type ChildShieldSections = Readonly<Record<string, SectionSpec>>

export const CHILD_SHIELD_SECTIONS: ChildShieldSections = {
  basic_identity: [
    'national_id_no',
    'registration_date',
    'case_id_display',
    'other_id_no',
    'other_id_type',
    'location_current',
    'assessment_due_date',
  ],
  assessment: ['assessment_requested_on', 'case_plan_due_date', 'urgent_protection_concern', 'risk_level'],
  conclusion: ['urgent_protection_concern', 'protection_concerns', 'protection_concerns_other', 'risk_level'],
  cp_case_plan: ['date_case_plan', 'protection_concerns', 'additional_details_3d84596'],
  family_details: ['family_size', 'who_is_the_patient_living_with_', 'family_status', 'family_notes'],
  followup: ['status_of_treatment_plan_a8ca0e8', 'protection_concerns', 'risk_level'],
  closure_form: ['status', 'closure_reason', 'closure_reason_other', 'date_closure'],
  'formsection-patient-education-and-career-6d53ca5': [
    'email_address',
    'occupation_1',
    'if_other__please_specify_2',
    'if_out_of_school__specify_reason',
    'additional_details',
  ],
  // occupation_1 is sent here too, as in the reference's D2 example. Perpetrators' names, ids and contact details
  // are not sent (minimisation).
  'formsection-perpetrator-details-998d1e0': [
    'occupation_1',
    'number_of_perpetrator_1c07dd4',
    'gender_4e8704a',
    'age_21cbe0d',
    'nationality_fa822dc',
    'relationship_with_the_abused_eb757fc',
    'social_status_6c1074a',
    'occupation_09639f9',
    'stimulant_9191303',
    'relation_within_family_41a62f4',
    'environment_3c4fc2b',
    'economic_issues_84c5b46',
    'physical_issue_1f182e4',
    'mental_issue_5607d21',
    'other_contributing_factors__please_specify_53bc483',
  ],
  'formsection-department-identification-e9cf45f': ['if_other__please_specify_1'],
  'formsection-unexpected-pregnancy-9a51ea8': [
    'first_pregnancy_at_age',
    'number_of_live_births_to_date',
    'history_of_abortion__if_any_',
  ],
  'formsection-incident-details-fe05aa4': [
    'date_of_incident_creation_e497d33',
    'date_of_abuse_6e0107e',
    'location_of_the_incident_885fe8c',
    'type_of_place_where_the_incident_occurred_bdc967d',
    'type_of_abuse_431f2ba',
    'specify_physical_abuse_4867f38',
    'specify_sexual_abuse_16d36f7',
    'specify_physical_interaction_d13d273',
    'sexual_intercourse_a1585d0',
    'if_no_physical_touch__please_specify_1159dde',
    'specify_mental_abuse_6182644',
    'specify_neglect_9b8a22b',
    'specify_exploitation_ef65c2e',
    'specify_human_trafficking_dca84dd',
    'stimulant_a4096c2',
    'relation_within_family_a6c45fd',
    'economic_issue_a445217',
    'physical_issue_2e9f1c6',
    'mental_issue_4785ece',
  ],
  services_section: SUBFORM,
  age_assessment: SUBFORM,
  assessment_update: SUBFORM,
  conference_details_subform: SUBFORM,
  family_details_section: SUBFORM,
  followup_subform_section: SUBFORM,
  new_expense: SUBFORM,
  new_formal_complaint_2: SUBFORM,
  witnesses__6c0a33c: SUBFORM,
  new_pregnancy: SUBFORM,
  physical_check_2: SUBFORM,
}

/**
 * Where a select field's options (id → Thai label) come from: a Primero lookup (the form field's
 * `option_strings_source: "lookup <id>"`, labels from `GET /api/v2/lookups`, cached), or options written in the
 * form itself (`option_strings_text`), which the lookups API does not serve: their Thai labels are given here.
 */
export type OptionSource = { readonly lookup: string } | { readonly formOptions: Readonly<Record<string, string>> }

const lookup = (id: string): OptionSource => ({ lookup: id })

/** Thai deployment lookup (ids are not in the reference: confirm with the forms' `option_strings_source`). */
const thLookup = (name: string): OptionSource => lookup(`lookup-th-${name}`)
const YES_NO = lookup('lookup-yes-no')
const YES_NO_UNKNOWN = lookup('lookup-yes-no-unknown')
const NORMAL_ABNORMAL = thLookup('normal-abnormal')
const OCCUPATION = thLookup('occupation')
const SOCIAL_STATUS = thLookup('social-status')
const RELATIONSHIP = thLookup('relationship-with-the-abused')
const STIMULANT = thLookup('stimulant')
const FAMILY_RELATION_ISSUE = thLookup('relation-within-family')
const ECONOMIC_ISSUE = thLookup('economic-issue')
const PHYSICAL_ISSUE = thLookup('physical-issue')
const MENTAL_ISSUE = thLookup('mental-issue')
const SOURCE_OF_INFORMATION = thLookup('source-of-information')

/**
 * Every select field the snapshot sends, in sections and inside subform rows: sent as `{id: label}` (a
 * multi-select as `[{id: label}]`). A value whose label is unknown is sent as `{id: null}` and counted in the
 * mapping-warnings metric under the field's name, so a wrong source shows in production.
 * Core Primero lookups and `lookup-th-out-of-school-reasons-b5b103a` are confirmed from Primero's and the Thai
 * deployment's form definitions; the `lookup-th-*` ids built by thLookup() are this configuration's assumption.
 */
export const CHILD_SHIELD_SELECTS: Readonly<Record<string, OptionSource>> = {
  // core Primero
  status: lookup('lookup-case-status'),
  risk_level: lookup('lookup-risk-level'),
  protection_concerns: lookup('lookup-protection-concerns'),
  service_type: lookup('lookup-service-type'),
  service_response_type: lookup('lookup-service-response-type'),
  service_referral: lookup('lookup-service-referred'),
  service_implemented: lookup('lookup-service-implemented'),
  followup_type: lookup('lookup-followup-type'),
  child_was_seen: YES_NO,
  action_taken_already: YES_NO,
  need_follow_up_visit: YES_NO,
  recommend_case_closed: YES_NO,
  relation: lookup('lookup-family-relationship'),
  relation_is_alive: YES_NO_UNKNOWN,
  relation_nationality: lookup('lookup-country'),
  nationality_fa822dc: lookup('lookup-country'),
  closure_reason: {
    formOptions: {
      death_of_child: 'เด็กเสียชีวิต',
      formal_closing: 'ปิดเคสอย่างเป็นทางการ',
      not_seen_during_verification: 'ไม่พบตัวระหว่างการตรวจสอบ',
      repatriated: 'ส่งกลับภูมิลำเนา',
      transferred: 'ส่งต่อ',
      other: 'อื่น ๆ',
    },
  },
  reason_child_not_seen: {
    formOptions: {
      abducted: 'ถูกลักพาตัว',
      at_school: 'อยู่ที่โรงเรียน',
      child_in_detention: 'ถูกควบคุมตัว',
      moved_onto_street: 'ย้ายไปอยู่ข้างถนน/ตลาด',
      moved_to_live_with_another_caregiver: 'ย้ายไปอยู่กับผู้ดูแลคนอื่น',
      visiting_friends_relatives: 'ไปเยี่ยมเพื่อน/ญาติ',
      working: 'ทำงาน',
      other: 'อื่น ๆ',
    },
  },
  conference_case_transfer_reason: {
    formOptions: {
      specialized_service: 'ต้องการการบริการพิเศษ',
      new_location: 'ย้ายสถานที่อยู่ใหม่',
      organisational_reasons: 'เหตุผลของหน่วยงาน',
      protection_concerns: 'ย้ายที่อยู่อาศัยเนื่องจากประเด็นด้านการคุ้มครอง',
      child_turned_18: 'เด็กอายุครบ 18 ปีและยังต้องการการคุ้มครองต่อเนื่อง',
      other: 'อื่น ๆ',
    },
  },
  // Thai deployment
  if_out_of_school__specify_reason: lookup('lookup-th-out-of-school-reasons-b5b103a'),
  occupation_1: OCCUPATION,
  occupation_3: OCCUPATION,
  occupation_09639f9: OCCUPATION,
  family_status: thLookup('family-status'),
  status_of_treatment_plan_a8ca0e8: thLookup('status-of-treatment-plan'),
  is_this_person_living_in_the_same_household_as_patient_7d39e1d: YES_NO,
  assessment_method: thLookup('age-assessment-method'),
  conference_type: thLookup('conference-type'),
  conference_reason: thLookup('conference-reason'),
  conference_case_status: thLookup('conference-case-status'),
  relation_to_the_child_37c30dc: thLookup('relation-to-the-child'),
  gender_4e8704a: lookup('lookup-gender'),
  relationship_with_the_abused_eb757fc: RELATIONSHIP,
  social_status_6c1074a: SOCIAL_STATUS,
  stimulant_9191303: STIMULANT,
  stimulant_a4096c2: STIMULANT,
  relation_within_family_41a62f4: FAMILY_RELATION_ISSUE,
  relation_within_family_a6c45fd: FAMILY_RELATION_ISSUE,
  environment_3c4fc2b: thLookup('environment'),
  economic_issues_84c5b46: ECONOMIC_ISSUE,
  economic_issue_a445217: ECONOMIC_ISSUE,
  physical_issue_1f182e4: PHYSICAL_ISSUE,
  physical_issue_2e9f1c6: PHYSICAL_ISSUE,
  mental_issue_5607d21: MENTAL_ISSUE,
  mental_issue_4785ece: MENTAL_ISSUE,
  type_of_place_where_the_incident_occurred_bdc967d: thLookup('type-of-place'),
  type_of_abuse_431f2ba: thLookup('type-of-abuse'),
  specify_physical_abuse_4867f38: thLookup('physical-abuse'),
  specify_sexual_abuse_16d36f7: thLookup('sexual-abuse'),
  specify_physical_interaction_d13d273: thLookup('physical-interaction'),
  sexual_intercourse_a1585d0: thLookup('sexual-intercourse'),
  if_no_physical_touch__please_specify_1159dde: thLookup('no-physical-touch'),
  specify_mental_abuse_6182644: thLookup('mental-abuse'),
  specify_neglect_9b8a22b: thLookup('neglect'),
  specify_exploitation_ef65c2e: thLookup('exploitation'),
  specify_human_trafficking_dca84dd: thLookup('human-trafficking'),
  // subform rows: new_pregnancy, physical_check_2
  reason_for_unexpected_pregnancy: thLookup('reason-for-unexpected-pregnancy'),
  specify_contraception_problem: thLookup('contraception-problem'),
  support_needed: thLookup('pregnancy-support-needed'),
  support_needed_1: thLookup('pregnancy-support-needed'),
  specify_legal_offenses: thLookup('legal-offenses'),
  factors_for_pregnancy_termination: thLookup('factors-for-pregnancy-termination'),
  specify_physical_issue: thLookup('pregnancy-physical-issue'),
  specify_mental_issue: thLookup('pregnancy-mental-issue'),
  specify_family_social_economic_issues: thLookup('family-social-economic-issues'),
  patient_provided_with_alternative_counseling: YES_NO,
  patient_decision_after_being_provided_with_alternative_counseling: thLookup('decision-after-counseling'),
  antenatal_care_will_be_provided_at: thLookup('antenatal-care-place'),
  source_of_information_647b9db: SOURCE_OF_INFORMATION,
  source_of_information_44cac9a: SOURCE_OF_INFORMATION,
  vagina_details: NORMAL_ABNORMAL,
  cervix_details: NORMAL_ABNORMAL,
  discharge_details: NORMAL_ABNORMAL,
  uterus_details: NORMAL_ABNORMAL,
  penis_details_79f31be: NORMAL_ABNORMAL,
  urethra_and_discharge_60eb64e: NORMAL_ABNORMAL,
  scrotal_sac_f93e04a: NORMAL_ABNORMAL,
  anus_and_rectum_eaf3784: NORMAL_ABNORMAL,
}

/** Fields holding a Primero location code, sent as `{<code>: <Thai name>}` (names from `GET /api/v2/locations`). */
export const LOCATION_FIELDS: ReadonlySet<string> = new Set([
  'location_current',
  'relation_location_current',
  'location_of_the_incident_885fe8c',
  'service_delivery_location',
])

/** Case fields the Primero → Child-Shield selection rule reads (isEligibleForChildShield). */
export const CHILD_SHIELD_SELECTION_FIELDS: readonly string[] = ['status', 'assessment_requested_on', 'date_closure']

/** Every top-level case field case-to-childshield reads: section fields, subforms, the selection rule's. */
export function caseFieldsOf(sections: ChildShieldSections): ReadonlySet<string> {
  const fields = new Set<string>(CHILD_SHIELD_SELECTION_FIELDS)
  for (const [section, spec] of Object.entries(sections)) {
    for (const field of spec === SUBFORM ? [section] : spec) fields.add(field)
  }
  return fields
}

export const CHILD_SHIELD_CASE_FIELDS: ReadonlySet<string> = caseFieldsOf(CHILD_SHIELD_SECTIONS)
