/**
 * The simulated Primero form: what a PATCH may write (additionalProperties:false, as Primero's
 * RecordJsonValidatorService). Core case fields plus every field the bridge writes (reference §2.4, §2.5).
 * Hashed names are this deployment's configuration, not constants (suffixes drift between versions).
 */
export type FieldDef =
  | { readonly type: 'text' | 'date' | 'datetime' | 'tick_box' | 'numeric' }
  | { readonly type: 'select'; readonly lookup: string; readonly multi?: boolean }
  | { readonly type: 'subform'; readonly fields: Readonly<Record<string, FieldDef>> }

const text = { type: 'text' } as const
const date = { type: 'date' } as const
const datetime = { type: 'datetime' } as const
const tick = { type: 'tick_box' } as const
const numeric = { type: 'numeric' } as const
const select = (lookup: string, multi = false): FieldDef => ({ type: 'select', lookup, multi })
const texts = (...names: string[]) => Object.fromEntries(names.map((n) => [n, text]))

const CORE: Record<string, FieldDef> = {
  ...texts('name', 'name_first', 'name_last', 'name_middle', 'name_nickname', 'national_id_no', 'other_agency_id'),
  ...texts('other_id_no', 'oscar_number', 'unhcr_id_no', 'address_current', 'telephone_current'),
  sex: select('lookup-gender'),
  age: numeric,
  date_of_birth: date,
  estimated: tick,
  registration_date: date,
  status: select('lookup-case-status'),
  risk_level: select('lookup-risk-level'),
  nationality: select('lookup-country', true),
  assessment_requested_on: date,
  case_plan_due_date: date,
  date_closure: date,
  consent_for_services: tick,
  disclosure_other_orgs: tick,
  services_section: {
    type: 'subform',
    fields: {
      ...texts('service_type', 'service_response_type', 'service_implementing_agency', 'service_implemented'),
      ...texts('service_referral', 'service_referral_notes'),
      service_response_day_time: datetime,
      service_implemented_day_time: datetime,
    },
  },
}

/** Written by his-to-primero (job 1b). `school_level_attained_` is text: its real option ids are unknown. */
const HIS: Record<string, FieldDef> = {
  maritial_status: select('lookup-marital-status'),
  ...texts('insurance_type_2d79b49', 'school_level_attained_', 'if_working__please_specify_5c0dd61'),
  ...texts('service_department_87cec18', 'service_place_code_98d0a58', 'outpatient_number', 'case_detected_by_b4272cd'),
  date_and_time_of_visit_to_the_hospital: datetime,
  ...texts('main_diagnosis__04438ee', 'co_morbidity_d3dfab2', 'complications_123ecae', 'other_diagnosis_a692bec'),
  ...texts('external_cause_of_injury_8451818'),
  physical_check_2: {
    type: 'subform',
    fields: {
      date_6: date,
      patient_s_weight: numeric,
      patient_s_height: numeric,
      date_of_last_period_menstruation: date,
      ...texts(
        'department_d8ec3cb',
        'general_examination_results',
        'description_of_physical_examination_observations_1',
      ),
      ...texts('if_teared__please_estimate_date', 'source_of_information_44cac9a'),
      ...texts('pregnancy_test_21c37e2', 'hiv_ab_8c67abf', 'vdrl_aa8c121', 'hbv_ab__ag_f13b335', 'hcv_ab_945585c'),
      ...texts(
        'sperm_check_2612983',
        'acid_phosphates_118c999',
        'vag__smeargram_strain_fce21b2',
        'vag__parasite_7504774',
      ),
    },
  },
  new_pregnancy: {
    type: 'subform',
    fields: { current_gestational_week: numeric, date_of_report: date, source_of_information_647b9db: text },
  },
}

/** Written by risk-to-primero (job 1b mappingSpecForRiskmodel). */
const RISK: Record<string, FieldDef> = {
  child_shield_case_id_95aaf33: text,
  risk_level_from_child_shield_system_2df7bf4: select('lookup-th-ch-risk-level'),
  summary_risk_level_70cca8c: select('lookup-th-ch-risk-level'),
  improve_level_ac512e2: select('lookup-th-ch-improve-level'),
  severity_type_323dfc7: select('lookup-th-ch-severity-type', true),
  child_shield_case_status_47a0eef: select('lookup-th-ch-case-status'),
  ...texts('physical_aa3d640', 'mental_d2e118d', 'sexual_b2b5d48', 'import_number_a1a204c', 'oscc_team_id_d16244c'),
  ...texts(
    'officer_id_a575aac',
    'care_giver_user_b93a5bd',
    'case_user_id_54c9fa6',
    'case_status_before_remove_58dd4e2',
  ),
}

/** Sync write-back; recorded as `sync_status`/`synced_at`, never stored as fields. */
const SYNC: Record<string, FieldDef> = {
  mark_synced: tick,
  mark_synced_status: select('lookup-sync-status'),
  mark_synced_url: text,
}

export const SYNC_FIELDS: ReadonlySet<string> = new Set(Object.keys(SYNC))

export const PRIMERO_FORM: Readonly<Record<string, FieldDef>> = { ...CORE, ...HIS, ...RISK, ...SYNC }
