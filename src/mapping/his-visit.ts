import type { HisAnc, HisAssessment, HisDiagnosis, HisLab, HisVisit } from '../domain/records.js'
import type {
  RawHisActivities,
  RawHisAnc,
  RawHisAssessment,
  RawHisDiagnosis,
  RawHisIntervention,
  RawHisLab,
} from '../domain/his.js'
import { asRecord, int, isoDate, num, recordsOf, text, timeOfDay } from './normalise.js'

/** Bound on each per-visit list (diagnoses, labs, assessments, ANC) to keep records small. */
export const MAX_ITEMS_PER_VISIT = 100

/** Maps one raw HIS intervention (hospital visit) to a HisVisit; never throws. */
export function mapVisit(raw: RawHisIntervention): HisVisit {
  const activities = (asRecord(raw.activities) ?? {}) as RawHisActivities
  return {
    visitId: text(raw.id),
    vn: text(raw.vn),
    visitDate: isoDate(raw.vstdate),
    visitTime: timeOfDay(raw.vsttime),
    facilityCode: text(raw.hcode),
    facilityName: text(raw.hname),
    department: text(raw.main_dep) ?? text(raw.main_dept),
    departmentName: text(raw.main_dept_name),
    specialty: text(raw.spclty),
    specialtyName: text(raw.spclty_name),
    visitType: text(raw.ovstist),
    diagnoses: recordsOf(activities.diagnosis, MAX_ITEMS_PER_VISIT)
      .map(mapDiagnosis)
      .filter((d) => d.icd10 !== null || d.name !== null),
    labs: recordsOf(activities.laboratory, MAX_ITEMS_PER_VISIT).map(mapLab),
    assessments: recordsOf(activities.assessment, MAX_ITEMS_PER_VISIT).map(mapAssessment),
    anc: recordsOf(activities.anc, MAX_ITEMS_PER_VISIT).map(mapAnc),
  }
}

function mapDiagnosis(raw: RawHisDiagnosis): HisDiagnosis {
  return {
    icd10: icd10Code(raw.icd10),
    name: text(raw.diag_name) ?? text(raw.icd10_name) ?? text(raw.diag_thai_name),
    type: diagnosisType(raw.diagtype),
  }
}

/** ICD-10 codes are case-insensitive: "i64" is sent as "I64"; dots are kept as HIS wrote them ("Z01.1", "E117"). */
function icd10Code(value: unknown): string | null {
  return text(value)?.toUpperCase() ?? null
}

/** "1".."5" with leading zeros dropped ("01" → "1", 4 → "4"); anything else is null. */
export function diagnosisType(value: unknown): string | null {
  const raw = text(value)
  if (raw === null || !/^\d+$/.test(raw)) return null
  const type = String(Number(raw))
  return ['1', '2', '3', '4', '5'].includes(type) ? type : null
}

function mapLab(raw: RawHisLab): HisLab {
  return {
    code: labCode(raw.provis_labcode),
    name: text(raw.lab_items_name),
    result: text(raw.lab_order_result),
    unit: text(raw.lab_items_unit),
    normalRange: text(raw.lab_items_normal_value_ref),
  }
}

/** National lab codes have 7 digits; a code sent as a JSON number lost its leading zeros. */
function labCode(value: unknown): string | null {
  const code = text(value)
  return typeof value === 'number' && code !== null && /^\d{1,6}$/.test(code) ? code.padStart(7, '0') : code
}

function mapAssessment(raw: RawHisAssessment): HisAssessment {
  return {
    date: isoDate(raw.date),
    weightKg: num(raw.bw),
    heightCm: num(raw.height),
    physicalExam: text(raw.pe),
    physicalExamText: text(raw.physicalexam),
    generalText: text(raw.pe_gen_text),
  }
}

function mapAnc(raw: RawHisAnc): HisAnc {
  return {
    date: isoDate(raw.date),
    gaWeek: int(raw.ga_week),
    lmp: isoDate(raw.lmp),
    edc: isoDate(raw.edc),
    pregnancyNo: int(raw.preg_no),
  }
}
