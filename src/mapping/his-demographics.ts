import type { HisPerson, HisVisit } from '../domain/records.js'
import {
  DIAGNOSIS_FIELDS,
  EDUCATION_OPTIONS,
  LATEST_VISIT_FIELDS,
  MARITAL_STATUS_OPTIONS,
  NATIONALITY_OPTIONS,
  OTHER_DIAGNOSIS_TYPE,
  PERSON_FIELDS,
  SEX_OPTIONS,
} from './field-map.js'

type Fields = Record<string, unknown>

/**
 * Person fields from HIS demographics. A value HIS does not have (or that has no Primero option) is
 * left out rather than sent blank, so a caseworker's entry is never erased by a gap in HIS.
 */
export function personFields(person: HisPerson, now: Date): Fields {
  const out: Fields = {}
  const put = (field: string, value: unknown): void => {
    if (value !== null && value !== undefined) out[field] = value
  }
  if (person.hn !== null)
    put(PERSON_FIELDS.otherAgencyId, person.hcode === null ? person.hn : `${person.hcode}/${person.hn}`)
  put(PERSON_FIELDS.firstName, person.firstName)
  put(PERSON_FIELDS.lastName, person.lastName)
  const birthday = pastGregorianDate(person.birthday, now)
  if (birthday !== null) {
    put(PERSON_FIELDS.dateOfBirth, birthday)
    put(PERSON_FIELDS.age, ageAt(birthday, now))
  }
  put(PERSON_FIELDS.sex, option(SEX_OPTIONS, person.sex))
  put(PERSON_FIELDS.maritalStatus, option(MARITAL_STATUS_OPTIONS, person.maritalStatus))
  const nationality = nationalityOption(person.nationality)
  if (nationality !== null) put(PERSON_FIELDS.nationality, [nationality])
  put(PERSON_FIELDS.address, person.address)
  if (person.phone !== null && /\d/.test(person.phone)) put(PERSON_FIELDS.phone, person.phone)
  put(PERSON_FIELDS.insurance, person.insuranceName)
  put(PERSON_FIELDS.schoolLevel, option(EDUCATION_OPTIONS, person.education))
  put(PERSON_FIELDS.occupation, person.occupationName)
  return out
}

/** Fields describing the most recent visit; its place code is the person's registering facility. */
export function latestVisitFields(visit: HisVisit, person: HisPerson | null): Fields {
  const out: Fields = {}
  const put = (field: string, value: string | null): void => {
    if (value !== null) out[field] = value
  }
  put(LATEST_VISIT_FIELDS.department, visit.department)
  put(LATEST_VISIT_FIELDS.placeCode, person?.hcode ?? visit.facilityCode)
  put(
    LATEST_VISIT_FIELDS.outpatientNumber,
    visit.vn === null || visit.vn.length <= 2 ? visit.vn : `${visit.vn.slice(0, 2)}-${visit.vn.slice(2)}`,
  )
  put(LATEST_VISIT_FIELDS.detectedBy, visit.specialtyName)
  // HIS times are Thai local time; like the deployed job, they are written as if they were UTC.
  put(LATEST_VISIT_FIELDS.visitDateTime, visit.visitDate && `${visit.visitDate}T${visit.visitTime ?? '00:00:00'}.000Z`)
  return out
}

/**
 * The five diagnosis fields of the latest visit, always all present ('' when none) so that
 * diagnoses of an older visit do not linger: `"<icd10> <name>"`, comma-joined, deduplicated.
 */
export function diagnosisFields(visit: HisVisit): Fields {
  const byType = new Map<string, Set<string>>(Object.keys(DIAGNOSIS_FIELDS).map((type) => [type, new Set()]))
  for (const diagnosis of visit.diagnoses) {
    const type = diagnosis.type !== null && byType.has(diagnosis.type) ? diagnosis.type : OTHER_DIAGNOSIS_TYPE
    const label = [diagnosis.icd10, diagnosis.name].filter((part) => part !== null).join(' ')
    byType.get(type)?.add(label)
  }
  return Object.fromEntries(
    Object.entries(DIAGNOSIS_FIELDS).map(([type, field]) => [field, [...(byType.get(type) ?? [])].join(', ')]),
  )
}

/** Exact code first, then the code zero-padded to 3 digits ("99" and 99 → "099"). */
export function nationalityOption(code: string | null): string | null {
  if (code === null) return null
  return (
    NATIONALITY_OPTIONS[code] ??
    (/^\d{1,3}$/.test(code) ? NATIONALITY_OPTIONS[code.padStart(3, '0')] : undefined) ??
    null
  )
}

/** Single-digit HIS codes may arrive zero-padded ("01") or as numbers. */
function option(options: Readonly<Record<string, string>>, code: string | null): string | null {
  if (code === null) return null
  return options[code] ?? (/^\d+$/.test(code) ? options[String(Number(code))] : undefined) ?? null
}

/** A birthday not after `now`; years ≥ 2400 are Buddhist-era and converted (−543). */
function pastGregorianDate(date: string | null, now: Date): string | null {
  if (date === null) return null
  const year = Number(date.slice(0, 4))
  const gregorian = year >= 2400 ? `${String(year - 543).padStart(4, '0')}${date.slice(4)}` : date
  return gregorian <= now.toISOString().slice(0, 10) ? gregorian : null
}

/** Completed years between a YYYY-MM-DD birthday and `now` (UTC calendar). */
export function ageAt(birthday: string, now: Date): number {
  const today = now.toISOString().slice(0, 10)
  const years = Number(today.slice(0, 4)) - Number(birthday.slice(0, 4))
  return today.slice(5) < birthday.slice(5) ? years - 1 : years
}
