/**
 * The one place that knows Primero's deployment-specific field names (hashed suffixes) and lookup
 * option ids for the Thai configuration (reference §2.4–2.5, OpenFn job 1b). Suffixes drift between
 * form-config versions: change them here, nowhere else.
 */

/** Case-level Primero fields written from HIS (Phase 1). */
export const PERSON_FIELDS = {
  otherAgencyId: 'other_agency_id',
  firstName: 'name_first',
  lastName: 'name_last',
  dateOfBirth: 'date_of_birth',
  age: 'age',
  sex: 'sex',
  maritalStatus: 'maritial_status', // sic: the Primero field name is misspelt
  nationality: 'nationality', // multi-select: always an array
  address: 'address_current',
  phone: 'telephone_current',
  insurance: 'insurance_type_2d79b49',
  schoolLevel: 'school_level_attained_',
  occupation: 'if_working__please_specify_5c0dd61',
} as const

/** Case-level fields taken from the most recent visit. */
export const LATEST_VISIT_FIELDS = {
  department: 'service_department_87cec18',
  placeCode: 'service_place_code_98d0a58',
  outpatientNumber: 'outpatient_number',
  detectedBy: 'case_detected_by_b4272cd',
  visitDateTime: 'date_and_time_of_visit_to_the_hospital',
} as const

/** Diagnosis type ("1".."5") → Primero text field; unknown or missing types go to "4" (other). */
export const DIAGNOSIS_FIELDS = {
  '1': 'main_diagnosis__04438ee',
  '2': 'co_morbidity_d3dfab2',
  '3': 'complications_123ecae',
  '4': 'other_diagnosis_a692bec',
  '5': 'external_cause_of_injury_8451818',
} as const
export const OTHER_DIAGNOSIS_TYPE = '4'

/** Subform `physical_check_2`: one row per HIS visit. */
export const PHYSICAL_CHECK = {
  subform: 'physical_check_2',
  uniqueId: 'unique_id',
  date: 'date_6',
  department: 'department_d8ec3cb',
  weight: 'patient_s_weight',
  height: 'patient_s_height',
  generalExam: 'general_examination_results',
  physicalExam: 'description_of_physical_examination_observations_1',
  generalText: 'if_teared__please_estimate_date',
  lastPeriod: 'date_of_last_period_menstruation',
  source: 'source_of_information_44cac9a',
} as const

/** National 7-digit lab code (`provis_labcode`) → `physical_check_2` field. */
export const LAB_CODE_FIELDS: Readonly<Record<string, string>> = {
  '0602203': 'pregnancy_test_21c37e2',
  '0350408': 'sperm_check_2612983',
  '0490615': 'acid_phosphates_118c999',
  '0743299': 'hiv_ab_8c67abf',
  '0749100': 'hiv_ab_8c67abf',
  '0749300': 'hiv_ab_8c67abf',
  '0320277': 'vag__smeargram_strain_fce21b2',
  '0794298': 'vag__parasite_7504774',
  '0721298': 'vdrl_aa8c121',
  '0749303': 'hbv_ab__ag_f13b335',
  '0741699': 'hcv_ab_945585c',
  '0749103': 'hcv_ab_945585c',
}

/** Subform `new_pregnancy`: one row per ANC record. */
export const PREGNANCY = {
  subform: 'new_pregnancy',
  uniqueId: 'unique_id',
  gestationalWeek: 'current_gestational_week',
  reportDate: 'date_of_report',
  source: 'source_of_information_647b9db',
} as const

/** Value of the source-of-information fields on rows the bridge writes; such rows are HIS-owned. */
export const HIS_SOURCE = 'his'

/** Subforms that may hold HIS-written rows, with the field marking a row's source. */
export const HIS_SOURCED_SUBFORMS: Readonly<Record<string, string>> = {
  [PHYSICAL_CHECK.subform]: PHYSICAL_CHECK.source,
  [PREGNANCY.subform]: PREGNANCY.source,
}

/** The rows of subform `field` that the bridge did not write from HIS (all rows, for any other subform). */
export function withoutHisRows<Row>(field: string, rows: readonly Row[]): Row[] {
  const sourceField = HIS_SOURCED_SUBFORMS[field]
  if (sourceField === undefined) return [...rows]
  return rows.filter((row) => (row as Record<string, unknown> | null)?.[sourceField] !== HIS_SOURCE)
}

/** Primero's webhook-sync write-back fields. */
export const SYNC_FIELDS = { flag: 'mark_synced', status: 'mark_synced_status', url: 'mark_synced_url' } as const

/** Child-Shield risk model → Primero fields (reference §2.5). */
export const RISK_FIELDS = {
  caseId: 'child_shield_case_id_95aaf33',
  riskLevel: 'risk_level_from_child_shield_system_2df7bf4',
  summaryRiskLevel: 'summary_risk_level_70cca8c',
  improveLevel: 'improve_level_ac512e2',
  severityTypes: 'severity_type_323dfc7',
  physical: 'physical_aa3d640',
  mental: 'mental_d2e118d',
  sexual: 'sexual_b2b5d48',
  caseStatus: 'child_shield_case_status_47a0eef',
  osccTeamIds: 'oscc_team_id_d16244c',
  officerId: 'officer_id_a575aac',
  careGiverUser: 'care_giver_user_b93a5bd',
  caseUserId: 'case_user_id_54c9fa6',
  caseStatusBeforeRemove: 'case_status_before_remove_58dd4e2',
  importNo: 'import_number_a1a204c',
} as const

/** HIS `sex` → Primero lookup-gender. */
export const SEX_OPTIONS: Readonly<Record<string, string>> = { '1': 'male', '2': 'female' }

/** HIS `marrystatus` (1–7) → Primero `maritial_status` option id. */
export const MARITAL_STATUS_OPTIONS: Readonly<Record<string, string>> = {
  '1': 'single',
  '2': 'married_cohabitating',
  '3': 'widowed',
  '4': 'divorced_separated',
  '5': 'seperated_595fb0b',
  '6': 'monk_792c197',
  '7': 'unknown_270da62',
}

/** HIS `educate` (0–9) → Primero `school_level_attained_` option id. */
export const EDUCATION_OPTIONS: Readonly<Record<string, string>> = {
  '0': 'dropped_out_of_school',
  '1': 'kindergarten',
  '2': 'primary_school',
  '3': 'junior_high_school',
  '4': 'high_school___vocational_education',
  '5': 'bachelor',
  '6': 'higher_than_bachelor',
  '9': 'no_information',
}

/**
 * HIS nationality code (Thai MOI/MoPH 3-digit table) → Primero `nationality` option id. A subset of
 * the deployed ~250-code table: Thailand, neighbours, migrant-origin countries, ethnic groups and
 * status codes seen in OSCC caseloads, and common others. Codes are looked up exactly first, then
 * zero-padded to 3 digits, so "99" and 99 mean "099" (Thai).
 */
export const NATIONALITY_OPTIONS: Readonly<Record<string, string>> = {
  '099': 'thailand',
  '048': 'myanmar',
  '056': 'laos',
  '057': 'cambodia',
  '046': 'vietnam',
  '050': 'malaysia',
  '044': 'china',
  '045': 'india',
  '051': 'indonesia',
  '049': 'philippines',
  '054': 'singapore',
  '069': 'brunei',
  '055': 'nepal',
  '064': 'bangladesh',
  '052': 'pakistan',
  '058': 'sri_lanka',
  '047': 'japan',
  '053': 'south_korea',
  '029': 'usa',
  '030': 'canada',
  '079': 'australia',
  '080': 'new_zealand',
  '004': 'germany',
  '005': 'france',
  '009': 'italy',
  '003': 'netherlands',
  '016': 'russia',
  '086': 'chinese_yunnan_or_haw_d0c4416',
  '071': 'karens_5652aa1',
  '072': 'lahu_5042835',
  '025': 'lisu_47521dd',
  '036': 'akha_77e13cf',
  '082': 'hmong_ab4f799',
  '088': 'burmese_idps_7035500',
  '090': 'lao__lao_immigrants__dc72afe',
  '091': 'cambodian_refugees_80fdd11',
  '096': 'stateless_b4af0bb',
  '097': 'other_39207af',
  '098': 'not_thai_nationality_6b949f7',
  '198': 'shan_6a36da2',
  '208': 'mon_a8bdfbd',
  '265': 'myanmar__labor__0b98dab',
  '266': 'laos__labor__d95ad42',
  '264': 'cambodia__labor__e5e8a39',
  '989': 'people_without_state_registration_8208e4b',
  '999': 'unknown___unspecified_0a04c5c',
}

/** lookup-th-ch-risk-level, keyed by lookupKey() of the Child-Shield value. */
export const RISK_LEVEL_OPTIONS: Readonly<Record<string, string>> = {
  low: 'low_c8318d2',
  medium: 'medium_2c2d8b1',
  high: 'high_8df42a5',
  victim: 'victim_8d3885e',
  others: 'others_b99020f',
  other: 'others_b99020f',
}

/** Improvement level; "Unchange" (seen in Child-Shield samples) is read as "unchanged". */
export const IMPROVE_LEVEL_OPTIONS: Readonly<Record<string, string>> = {
  improved: 'improved_2bae6c9',
  improve: 'improved_2bae6c9',
  unchanged: 'unchanged_f10da80',
  unchange: 'unchanged_f10da80',
  worse: 'worse_4c8552c',
}

/** Severity types (multi-select): Child-Shield's Thai labels, plus English aliases. */
export const SEVERITY_TYPE_OPTIONS: Readonly<Record<string, string>> = {
  ทางร่างกาย: 'physical_2529d27',
  ทางเพศ: 'sexual_ea92fba',
  ทางจิตใจ: 'mental_e6a1980',
  ทอดทิ้ง: 'forsake_ca4e172',
  ล่อลวง: 'beguile_bb276e6',
  physical: 'physical_2529d27',
  sexual: 'sexual_ea92fba',
  mental: 'mental_e6a1980',
  neglect: 'forsake_ca4e172',
  forsake: 'forsake_ca4e172',
  lure: 'beguile_bb276e6',
  beguile: 'beguile_bb276e6',
}

/** Child-Shield `caseStatus` (camelCase; `recievedCase` sic) keyed by lookupKey(). */
export const CASE_STATUS_OPTIONS: Readonly<Record<string, string>> = {
  new: 'new_df8b394',
  renew: 'renew_35576a6',
  assignedteam: 'assigned_team_04c3f8e',
  assignedofficer: 'assigned_officer_eff421f',
  recievedcase: 'received_case_94a86d4',
  receivedcase: 'received_case_94a86d4',
  sentcm: 'sent_cm_e29bdb2',
  completed: 'completed_785e390',
}

/** Every row field the bridge writes into its subforms. */
export const PRIMERO_SUBFORM_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  [PHYSICAL_CHECK.subform]: new Set([
    ...Object.values(PHYSICAL_CHECK).filter((field) => field !== PHYSICAL_CHECK.subform),
    ...Object.values(LAB_CODE_FIELDS),
  ]),
  [PREGNANCY.subform]: new Set(Object.values(PREGNANCY).filter((field) => field !== PREGNANCY.subform)),
}

/** Data minimisation: the only top-level Primero fields the bridge may write. */
export const PRIMERO_WRITABLE_FIELDS: ReadonlySet<string> = new Set([
  ...Object.values(SYNC_FIELDS),
  ...Object.values(PERSON_FIELDS),
  ...Object.values(LATEST_VISIT_FIELDS),
  ...Object.values(DIAGNOSIS_FIELDS),
  ...Object.keys(PRIMERO_SUBFORM_FIELDS),
  ...Object.values(RISK_FIELDS),
])
