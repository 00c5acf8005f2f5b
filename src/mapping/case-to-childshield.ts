import { HIS_SOURCE, HIS_SOURCED_SUBFORMS } from './field-map.js'
import { DEFAULT_CHILD_SHIELD_FORM_SECTIONS, LOCATION_FIELDS, type FormSectionMap } from './childshield-sections.js'
import { asRecord } from './normalise.js'

export { DEFAULT_CHILD_SHIELD_FORM_SECTIONS, type FormSectionMap } from './childshield-sections.js'

type LabelTable = ReadonlyMap<string, string> | Readonly<Record<string, string>>

/** Thai labels from Primero's lookups and locations (built by the translations loader). */
export interface ChildShieldTranslations {
  /** field name → option id → Thai label. */
  readonly options: ReadonlyMap<string, LabelTable> | Readonly<Record<string, LabelTable>>
  /** location code → Thai name. */
  readonly locations: LabelTable
}

export type ChildShieldSnapshot = Record<string, unknown>

/**
 * The Primero → Child-Shield selection rule (job getCasesFromPrimero, with its `statuc` typo fixed):
 * the case has `assessment_requested_on`, and either it is closed with `date_closure` on or after the
 * cursor's UTC date, or it is not closed (open, transferred, …) with `assessment_requested_on` on or
 * after the cursor's UTC date. Dates compare as YYYY-MM-DD; an unreadable date does not qualify.
 */
export function isEligibleForChildShield(caseData: Record<string, unknown>, cursorDate: Date | string): boolean {
  const cursorDay = dayOf(cursorDate instanceof Date ? cursorDate.toISOString() : cursorDate)
  const requestedOn = dayOf(caseData.assessment_requested_on)
  if (cursorDay === null || requestedOn === null) return false
  if (caseData.status === 'closed') {
    const closedOn = dayOf(caseData.date_closure)
    return closedOn !== null && closedOn >= cursorDay
  }
  return requestedOn >= cursorDay
}

/**
 * One day's copy of a case for Child-Shield, grouped by form section (reference §2.6): select values
 * as `{id: label}`, multi-selects as `[{id: label}]`, locations as `{code: name}` (label null when
 * unknown), '' kept, missing → null, other values as they are. Subform rows written by the bridge from
 * HIS (`source_of_information_* === "his"`) are never included.
 */
export function buildChildShieldSnapshot(
  caseData: Record<string, unknown>,
  translations: ChildShieldTranslations,
  formSections: FormSectionMap = DEFAULT_CHILD_SHIELD_FORM_SECTIONS,
): ChildShieldSnapshot {
  const snapshot: ChildShieldSnapshot = {}
  for (const [field, target] of Object.entries(formSections)) {
    const value = translateValue(field, caseData[field], translations)
    for (const section of typeof target === 'string' ? [target] : target) {
      if (section === field) {
        snapshot[section] = value
        continue
      }
      const existing = asRecord(snapshot[section]) ?? {}
      snapshot[section] = { ...existing, [field]: value }
    }
  }
  return snapshot
}

/** Child-Shield's date key for today's copy: the UTC date YYYY-MM-DD of `now`. */
export function childShieldDayKey(now: Date): string {
  return now.toISOString().slice(0, 10)
}

/** `POST /api/interventions` body when the child has no Primero intervention yet (D1). */
export function buildChildShieldCreateBody(input: {
  readonly cid: string
  readonly personId: string
  readonly day: string
  readonly snapshot: ChildShieldSnapshot
}): Record<string, unknown> {
  return {
    cid: input.cid,
    personId: input.personId,
    activities: { primeroservice: { serviceType: 'primero', [input.day]: input.snapshot } },
  }
}

/** `PATCH /api/interventions/:id` body: a dotted-path key, so other days stay untouched (D2). */
export function buildChildShieldPatchBody(day: string, snapshot: ChildShieldSnapshot): Record<string, unknown> {
  return { [`activities.primeroservice.${day}`]: snapshot }
}

function translateValue(field: string, value: unknown, translations: ChildShieldTranslations): unknown {
  if (value === undefined || value === null) return null
  if (value === '') return ''
  if (typeof value === 'string' && LOCATION_FIELDS.has(field)) return { [value]: label(translations.locations, value) }
  const options = optionsFor(translations, field)
  if (options && typeof value === 'string') return { [value]: label(options, value) }
  if (!Array.isArray(value)) return value
  const items: readonly unknown[] = value
  if (items.every((item) => asRecord(item) !== null))
    return subformRows(field, items as Record<string, unknown>[], translations)
  if (options) return items.map((item) => (typeof item === 'string' ? { [item]: label(options, item) } : item))
  return value
}

function subformRows(field: string, rows: Record<string, unknown>[], translations: ChildShieldTranslations): unknown[] {
  const sourceField = HIS_SOURCED_SUBFORMS[field]
  return rows
    .filter((row) => sourceField === undefined || row[sourceField] !== HIS_SOURCE)
    .map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, v]) => [key, translateValue(key, v, translations)])),
    )
}

function optionsFor(translations: ChildShieldTranslations, field: string): LabelTable | undefined {
  const { options } = translations
  if (options instanceof Map) return (options as ReadonlyMap<string, LabelTable>).get(field)
  return (options as Readonly<Record<string, LabelTable>>)[field]
}

function label(table: LabelTable, id: string): string | null {
  if (table instanceof Map) return (table as ReadonlyMap<string, string>).get(id) ?? null
  return (table as Readonly<Record<string, string>>)[id] ?? null
}

function dayOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim())
  return match?.[1] ?? null
}
