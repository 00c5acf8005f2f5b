/**
 * Raw shapes of the MoPH HIS `people/findOne` answer (reference §2.3), as loose as the real data:
 * every field optional, and `unknown` wherever the sources were seen to mix types
 * (ids and codes as strings or numbers, `ga_week` as int or "", `diagtype` as "1", "01" or null).
 * Read them only through the normalisers in src/mapping/; never trust a field's type.
 */

export interface RawHisPerson {
  id?: unknown
  cid?: unknown
  hn?: unknown
  pname?: unknown
  fname?: unknown
  lname?: unknown
  sex?: unknown
  sex_name?: unknown
  birthday?: unknown
  nationality?: unknown
  nationality_name?: unknown
  marrystatus?: unknown
  educate?: unknown
  /** Misspelt variant of `educate` seen in some HIS. */
  aducate?: unknown
  occupation?: unknown
  occupation_name?: unknown
  pttype?: unknown
  pttype_name?: unknown
  informaddr?: unknown
  hometel?: unknown
  informtel?: unknown
  hcode?: unknown
  hname?: unknown
  anc?: unknown
  ipt?: unknown
  interventions?: unknown
  riskmodel?: unknown
  [extra: string]: unknown
}

export interface RawHisIntervention {
  id?: unknown
  personId?: unknown
  cid?: unknown
  vn?: unknown
  an?: unknown
  vstdate?: unknown
  vsttime?: unknown
  hcode?: unknown
  hname?: unknown
  main_dep?: unknown
  main_dept?: unknown
  main_dept_name?: unknown
  spclty?: unknown
  spclty_name?: unknown
  ovstist?: unknown
  ovstist_name?: unknown
  activities?: unknown
  [extra: string]: unknown
}

export interface RawHisActivities {
  assessment?: unknown
  diagnosis?: unknown
  laboratory?: unknown
  treatment?: unknown
  anc?: unknown
  referout?: unknown
  /**
   * Child-Shield home-service (PLH) data. A normal key of every visit, often `[]`: only a non-empty list marks a
   * Child-Shield intervention (see src/mapping/child-shield-intervention.ts).
   */
  homeservice?: unknown
  /** The bridge's own per-day Primero copies on its Child-Shield intervention (reference §2.6, D3). */
  primeroservice?: unknown
  [extra: string]: unknown
}

export interface RawHisDiagnosis {
  icd10?: unknown
  diag_name?: unknown
  diag_thai_name?: unknown
  icd10_name?: unknown
  diagtype?: unknown
  [extra: string]: unknown
}

export interface RawHisLab {
  provis_labcode?: unknown
  lab_items_name?: unknown
  lab_order_result?: unknown
  lab_items_unit?: unknown
  lab_items_normal_value_ref?: unknown
  [extra: string]: unknown
}

export interface RawHisAssessment {
  date?: unknown
  bw?: unknown
  height?: unknown
  pe?: unknown
  physicalexam?: unknown
  pe_gen_text?: unknown
  [extra: string]: unknown
}

export interface RawHisAnc {
  date?: unknown
  ga_week?: unknown
  lmp?: unknown
  edc?: unknown
  preg_no?: unknown
  [extra: string]: unknown
}

/** Child-Shield `riskmodel` (reference §2.5, §4.5): scores are numbers or "Y"/"N", enums of mixed case. */
export interface RawRiskModel {
  id?: unknown
  cid?: unknown
  riskLevel?: unknown
  summaryRiskLevel?: unknown
  improveLevel?: unknown
  severityType?: unknown
  physical?: unknown
  mental?: unknown
  sexual?: unknown
  caseStatus?: unknown
  caseStatusBeforeRemove?: unknown
  osccTeamId?: unknown
  officerId?: unknown
  careGiverUser?: unknown
  caseUserId?: unknown
  import_no?: unknown
  updatedAt?: unknown
  [extra: string]: unknown
}
