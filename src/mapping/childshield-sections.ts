/**
 * Primero → Child-Shield upload configuration (reference §2.6, D1/D2): which Primero field goes to which
 * Child-Shield form-section key. A field mapped to a key equal to its own name is a whole section (a
 * subform array); any other field becomes `section[field]`. A field may go to several sections.
 * Only the fields listed here leave the bridge (data minimisation). HIS-written fields (diagnoses,
 * HIS subform rows) are deliberately absent: Child-Shield must not get HIS data back from Primero.
 */
export type FormSectionMap = Readonly<Record<string, string | readonly string[]>>

export const DEFAULT_CHILD_SHIELD_FORM_SECTIONS: FormSectionMap = {
  national_id_no: 'basic_identity',
  registration_date: 'basic_identity',
  case_id_display: 'basic_identity',
  other_id_no: 'basic_identity',
  location_current: 'basic_identity',
  assessment_requested_on: 'assessment',
  case_plan_due_date: 'assessment',
  urgent_protection_concern: ['assessment', 'conclusion'],
  risk_level: 'assessment',
  protection_concerns: 'conclusion',
  protection_concerns_other: 'conclusion',
  services_section: 'services_section',
  email_address: 'formsection-patient-education-and-career-6d53ca5',
  occupation_1: ['formsection-patient-education-and-career-6d53ca5', 'formsection-perpetrator-details-998d1e0'],
  stimulant_9191303: 'formsection-perpetrator-details-998d1e0',
  status: 'closure_form',
  closure_reason: 'closure_form',
  date_closure: 'closure_form',
  physical_check_2: 'physical_check_2',
  new_pregnancy: 'new_pregnancy',
}

/** Fields holding a Primero location code, sent as `{<code>: <Thai name>}`. */
export const LOCATION_FIELDS: ReadonlySet<string> = new Set(['location_current', 'relation_location_current'])
